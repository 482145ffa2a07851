import type { Inventory } from "../inventory/schema.ts";

/** The program of the `hub` stack: the distributor's root-activity hub. */
export function hubProgram(inventory: Inventory): () => Promise<Record<string, unknown>> {
  return async () => ({ hubAccountId: inventory.distributor.hub.accountId });
}
