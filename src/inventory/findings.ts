/**
 * What the inventory's rules report, and the shape of the fleet they read: shared by the
 * fleet-wide rules, the billing rules, the text and size rules, and the loader.
 */
import type { PathKey } from "./problems.ts";
import type { ParsedInventory } from "./schema.ts";

export interface Finding {
  readonly severity: "error" | "warning";
  readonly rule: string;
  readonly path: readonly PathKey[];
  readonly message: string;
  /** Another place the message refers to; the loader appends its line. */
  readonly related?: readonly PathKey[];
  /** Point at the key rather than its value. */
  readonly atKey?: boolean;
}

export type Report = (finding: Finding) => void;

/**
 * The inventory as far as it is valid: every field may be missing. When the schema finds
 * errors, the loader removes the offending values and still runs the rules over the rest, so
 * one run reports every problem. Array items may be holes, which `forEach` skips.
 */
export type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: Loose<T[K]> }
    : T;
export type Fleet = Loose<ParsedInventory>;
export type Rule = (fleet: Fleet, report: Report, rejected: Rejected) => void;
/** Whether the schema rejected, and the loader took out, `holder[key]`: not absent, just invalid. */
export type Rejected = (holder: object, key: string) => boolean;

export const error = (rule: string, path: readonly PathKey[], message: string): Finding => ({ severity: "error", rule, path, message });
export const warning = (rule: string, path: readonly PathKey[], message: string): Finding => ({ severity: "warning", rule, path, message });

export const partnersOf = (fleet: Fleet) => fleet.partners ?? [];

type LoosePartner = NonNullable<Fleet["partners"]>[number];

/**
 * Whether a partner is, or may be meant as, a billing-transfer partner: its model says so, or
 * the schema rejected its model (whose error says enough; custody rules stay quiet).
 */
export function transferOrUnsure(p: LoosePartner, rejected: Rejected): boolean {
  return p.billing?.model === "transfer" || (p.billing !== undefined && rejected(p.billing, "model"));
}
