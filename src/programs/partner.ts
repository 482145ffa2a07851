import type { Inventory, Partner } from "../inventory/schema.ts";

/** The program of one partner's stack: its payer and linked accounts. */
export function partnerProgram(_inventory: Inventory, partner: Partner): () => Promise<Record<string, unknown>> {
  return async () => ({ partner: partner.id, payerAccountId: partner.payer.accountId });
}
