/**
 * The `--inventory FILE` option every command shares, and the one way to load it: an inventory
 * with errors is an {@link InventoryError} carrying its located problem lines, so the command
 * exits 2 with nothing run.
 */
import { resolve } from "node:path";
import type { Argv } from "yargs";
import { InventoryError } from "../io/errors.ts";
import { loadInventory, type LoadResult } from "../inventory/load.ts";
import { formatProblem } from "../inventory/problems.ts";
import type { Inventory } from "../inventory/schema.ts";
import type { CommandIo } from "./io.ts";

/** The inventory every command reads when none is named. */
const DEFAULT_INVENTORY = "inventory.yaml";

export interface InventoryArgs {
  inventory: string;
}

/** The inventory when none is named: `$PAYERFLEET_INVENTORY`, else `inventory.yaml`. */
export function defaultInventory(env: NodeJS.ProcessEnv): string {
  return env["PAYERFLEET_INVENTORY"] || DEFAULT_INVENTORY;
}

/**
 * Adds `-i/--inventory FILE` (default `$PAYERFLEET_INVENTORY`, else `inventory.yaml`). Without
 * `withDefault` the option is undefined when not given, for a command that also takes the file
 * another way.
 */
export function inventoryOption<T>(y: Argv<T>, env: NodeJS.ProcessEnv, withDefault = true): Argv<T & InventoryArgs> {
  return y.option("inventory", {
    alias: "i",
    type: "string",
    nargs: 1,
    ...(withDefault ? { default: defaultInventory(env) } : {}),
    defaultDescription: `$PAYERFLEET_INVENTORY or ${DEFAULT_INVENTORY}`,
    describe: "Inventory file",
  }) as unknown as Argv<T & InventoryArgs>;
}

/** The inventory file, resolved against the working directory. */
export function inventoryPath(io: CommandIo, file: string): string {
  return resolve(io.cwd, file);
}

/**
 * The valid inventory and its warnings (which `validate` and `plan` show), or an
 * {@link InventoryError} with every problem. `file` is shown as given.
 */
export async function loadOrThrow(io: CommandIo, file: string): Promise<LoadResult & { inventory: Inventory }> {
  const result = await loadInventory(inventoryPath(io, file), file);
  if (result.inventory !== undefined) return { ...result, inventory: result.inventory };
  throw new InventoryError([...result.problems.map(formatProblem), `${file}: invalid; nothing was run`]);
}
