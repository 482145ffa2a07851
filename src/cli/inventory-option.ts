/**
 * The `--inventory FILE` option every fleet command shares, and the one way to load it: problems
 * go to stderr as FILE:LINE:COL lines and the command exits 2 with nothing run.
 */
import type { Argv } from "yargs";
import { loadInventory, type LoadResult } from "../inventory/load.ts";
import { formatProblem } from "../inventory/problems.ts";
import type { Inventory } from "../inventory/schema.ts";
import { DEFAULT_INVENTORY } from "./options.ts";

export interface InventoryArgs {
  inventory: string;
}

/** Adds `--inventory FILE` (default `inventory.yaml`, or `$PAYERFLEET_INVENTORY`). */
export function inventoryOption<T>(y: Argv<T>): Argv<T & InventoryArgs> {
  return y.option("inventory", {
    alias: "i",
    type: "string",
    default: process.env["PAYERFLEET_INVENTORY"] ?? DEFAULT_INVENTORY,
    defaultDescription: `$PAYERFLEET_INVENTORY or ${DEFAULT_INVENTORY}`,
    describe: "Inventory file",
    normalize: true,
  }) as unknown as Argv<T & InventoryArgs>;
}

/**
 * The typed inventory, or `undefined` after printing every error (and warning) to stderr: the
 * caller then exits 2 without running anything. Warnings of a valid inventory are not printed;
 * `validate` is the command that shows them.
 */
export async function loadOrReport(file: string): Promise<Inventory | undefined> {
  return (await loadValidOrReport(file))?.inventory;
}

/** As {@link loadOrReport}, keeping the valid inventory's warnings for commands that show them. */
export async function loadValidOrReport(file: string): Promise<(LoadResult & { inventory: Inventory }) | undefined> {
  const result = await loadInventory(file);
  if (result.inventory !== undefined) return { ...result, inventory: result.inventory };
  for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.stderr.write(`${file}: invalid; nothing was run\n`);
  return undefined;
}
