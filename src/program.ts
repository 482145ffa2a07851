/**
 * The Pulumi program of every payerfleet stack: `hub` is the distributor's root-activity hub,
 * any other stack name is a partner id. The driver runs it inline; Pulumi.yaml names it as
 * `main`, so plain `pulumi up -s <partner>` in this directory works too, reading the
 * inventory named by the `payerfleet:inventory` config (default inventory.yaml).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadInventory } from "./inventory/load.ts";
import { formatProblem } from "./inventory/problems.ts";
import { HUB_STACK, type Inventory } from "./inventory/schema.ts";
import { hubProgram } from "./programs/hub.ts";
import { partnerProgram } from "./programs/partner.ts";

export type StackProgram = () => Promise<Record<string, unknown>>;

/** The program of one stack; throws when the stack is neither `hub` nor a partner id. */
export function programFor(inventory: Inventory, stack: string): StackProgram {
  if (stack === HUB_STACK) return hubProgram(inventory);
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined) throw new Error(`stack ${stack} is neither "${HUB_STACK}" nor a partner id in the inventory`);
  return partnerProgram(inventory, partner);
}

/** Entry point when the Pulumi CLI runs this file as the project's main program. */
export default async function main(): Promise<Record<string, unknown>> {
  const file = new pulumi.Config("payerfleet").get("inventory") ?? "inventory.yaml";
  const result = await loadInventory(file);
  if (result.inventory === undefined) {
    throw new Error(`the inventory has errors:\n${result.problems.map(formatProblem).join("\n")}`);
  }
  return programFor(result.inventory, pulumi.getStack())();
}
