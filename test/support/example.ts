import { loadInventory } from "../../src/inventory/load.ts";
import { custodyPartners, isCustody, type CustodyPartner, type Inventory } from "../../src/inventory/schema.ts";

export const EXAMPLE_INVENTORY = new URL("../../examples/inventory.yaml", import.meta.url).pathname;

/** The example fleet, which must load without an error. */
export async function exampleInventory(): Promise<Inventory> {
  const result = await loadInventory(EXAMPLE_INVENTORY);
  if (result.inventory === undefined) throw new Error(`examples/inventory.yaml is invalid: ${JSON.stringify(result.problems)}`);
  return result.inventory;
}

/** A custody partner of the fleet; throws for an unknown id or a billing-transfer partner. */
export function partnerOf(inventory: Inventory, id: string): CustodyPartner {
  const partner = inventory.partners.find((p) => p.id === id);
  if (partner === undefined) throw new Error(`no partner ${id} in the example`);
  if (!isCustody(partner)) throw new Error(`partner ${id} is billed by transfer, not a custody partner`);
  return partner;
}

export { custodyPartners };
