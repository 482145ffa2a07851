import type { CustodyPartner, Inventory } from "../../inventory/schema.ts";
import type { PayerApi } from "../payer-api.ts";
import type { Check } from "../report.ts";

/** What every check reads: the whole inventory (distributor settings) and the partner. */
export interface CheckContext {
  readonly inventory: Inventory;
  readonly partner: CustodyPartner;
}

/**
 * Checks that share the calls they need. `ids` are known before any call, so that when the
 * calls fail, or the payer cannot be reached at all, each planned check is still reported.
 */
export interface CheckGroup {
  readonly ids: readonly string[];
  run(api: PayerApi): Promise<Check[]>;
}

/** `a, b and 3 more`: details stay one readable line however large the organization. */
export function listOf(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join("; ");
  return `${items.slice(0, max).join("; ")}; and ${items.length - max} more`;
}
