/**
 * `plan` of one partner with 300 linked accounts, against registering the same number of bare
 * resources (no components, no parents) under the same mocks, in the same run: the overhead of
 * payerfleet's components.
 *   npm run bench -- plan [--accounts N] [--runs N]
 */
import * as aws from "@pulumi/aws";
import { parseInventory } from "../src/inventory/load.ts";
import { declare } from "../src/plan/declare.ts";
import { programFor } from "../src/programs/stack-program.ts";
import { fleetYaml } from "./fleet.ts";
import { median, option, report } from "./report.ts";

export async function benchPlan(args: string[]): Promise<void> {
  const accounts = option(args, "--accounts", 300);
  const runs = option(args, "--runs", 5);
  const inventory = parseInventory(fleetYaml(1, accounts), "bench.yaml").inventory;
  if (inventory === undefined) throw new Error("the generated fleet is invalid");
  const program = programFor(inventory, "partner-0");
  const count = (await declare(program, { stack: "partner-0" })).resources.length;
  const bare = async () => {
    for (let i = 0; i < count; i++) {
      new aws.organizations.Account(`account-${i}`, { name: `account-${i}`, email: `aws-${i}@partner.example`, closeOnDeletion: false });
    }
    return {};
  };
  const samples = { ours: [] as number[], bare: [] as number[] };
  // Interleaved, after one warm-up of each, so that JIT and machine noise fall on both alike.
  await declare(bare, { stack: "bare" });
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await declare(bare, { stack: "bare" });
    samples.bare.push(performance.now() - start);
    start = performance.now();
    await declare(program, { stack: "partner-0" });
    samples.ours.push(performance.now() - start);
  }
  const base = median(samples.bare);
  const ours = median(samples.ours);
  report(`plan: one partner with ${accounts} linked accounts (${count} resources), median of ${runs}`, [
    [`${count} bare resources under the same mocks (baseline)`, `${base.toFixed(0)} ms`, "1.00x"],
    ["payerfleet partner program", `${ours.toFixed(0)} ms`, `${(ours / base).toFixed(2)}x`],
  ]);
}
