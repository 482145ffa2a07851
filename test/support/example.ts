import { loadInventory } from "../../src/inventory/load.ts";
import type { Inventory, Partner } from "../../src/inventory/schema.ts";

export const EXAMPLE_INVENTORY = new URL("../../examples/inventory.yaml", import.meta.url).pathname;

/** The example fleet, which must load without an error. */
export async function exampleInventory(): Promise<Inventory> {
  const result = await loadInventory(EXAMPLE_INVENTORY);
  if (result.inventory === undefined) throw new Error(`examples/inventory.yaml is invalid: ${JSON.stringify(result.problems)}`);
  return result.inventory;
}

export function partnerOf(inventory: Inventory, id: string): Partner {
  const partner = inventory.partners.find((p) => p.id === id);
  if (partner === undefined) throw new Error(`no partner ${id} in the example`);
  return partner;
}
