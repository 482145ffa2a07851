/**
 * Pulumi.yaml's `main`, so that plain `pulumi preview|up -s <stack>` in this folder works like
 * payerfleet does. The Node.js runtime refuses an entry module with both a default export and
 * named exports, hence a module of its own, default export only.
 *
 * The runtime runs the program in the folder of `main` (src/), not the project's: an inventory
 * named relative (the `payerfleet:inventory` config, default `inventory.yaml`) is read from the
 * project folder, where Pulumi.yaml is, as a user writing the config would expect.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { loadInventory } from "../inventory/load.ts";
import { formatProblem } from "../inventory/problems.ts";
import { programFor } from "./stack-program.ts";

/** The nearest folder at or above this module's that holds Pulumi.yaml. */
function projectFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "Pulumi.yaml")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export default async function main(): Promise<Record<string, unknown>> {
  const named = new pulumi.Config("payerfleet").get("inventory") ?? "inventory.yaml";
  const file = isAbsolute(named) ? named : resolve(projectFolder(), named);
  const result = await loadInventory(file, named);
  if (result.inventory === undefined) {
    throw new Error(`the inventory has errors:\n${result.problems.map(formatProblem).join("\n")}`);
  }
  return programFor(result.inventory, pulumi.getStack())();
}
