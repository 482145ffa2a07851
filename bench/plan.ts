/**
 * `plan` of one partner with 300 linked accounts, against registering the same number of bare
 * resources (no components, no parents) under the same mocks, in the same run: the overhead of
 * payerfleet's components.
 *   npm run bench -- plan [--accounts N] [--runs N]
 * With `--fleet N`: `plan` of every stack of an N-partner fleet (`--accounts` each, default 10),
 * all custody (the baseline) against the same fleet with half of it on billing transfer.
 *   npm run bench -- plan --fleet 500 [--accounts N] [--runs N]
 */
import * as aws from "@pulumi/aws";
import { parseInventory } from "../src/inventory/load.ts";
import { declare } from "../src/plan/declare.ts";
import { plan } from "../src/plan/plan.ts";
import { programFor } from "../src/programs/stack-program.ts";
import { fleetYaml } from "./fleet.ts";
import { median, option, report } from "./report.ts";

/** Plans every partner stack of the fleet, one after another as `plan` does; resolves to the time taken. */
async function planFleet(text: string): Promise<number> {
  const loaded = parseInventory(text, "bench.yaml");
  if (loaded.inventory === undefined) throw new Error(`the generated fleet is invalid: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
  const start = performance.now();
  await plan({ ...loaded, inventory: loaded.inventory }, loaded.inventory.partners.map((p) => p.id));
  return performance.now() - start;
}

async function benchPlanFleet(args: string[], partners: number): Promise<void> {
  const accounts = option(args, "--accounts", 10);
  const runs = option(args, "--runs", 3);
  const custody = fleetYaml(partners, accounts);
  const mixed = fleetYaml(partners, accounts, 0.5);
  const samples = { custody: [] as number[], mixed: [] as number[] };
  await planFleet(fleetYaml(5, accounts, 0.5));
  for (let i = 0; i < runs; i++) {
    samples.custody.push(await planFleet(custody));
    samples.mixed.push(await planFleet(mixed));
  }
  const base = median(samples.custody);
  const ours = median(samples.mixed);
  report(`plan: ${partners} partners x ${accounts} linked accounts, every stack, median of ${runs}`, [
    ["all custody (baseline)", `${(base / 1000).toFixed(2)} s`, "1.00x"],
    ["half on billing transfer", `${(ours / 1000).toFixed(2)} s`, `${(ours / base).toFixed(2)}x`],
  ]);
}

export async function benchPlan(args: string[]): Promise<void> {
  const fleet = option(args, "--fleet", 0);
  if (fleet > 0) return benchPlanFleet(args, fleet);
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
