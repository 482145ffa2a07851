/**
 * `preview` of a fleet on the real Pulumi engine (the CLI built by scripts/build-go-tools.sh)
 * with the stand-in `aws` plugin: 20 partners x 20 accounts plus the hub, at concurrency 1, 2
 * and 4. For each: wall time (and its ratio to concurrency 1, measured in the same run), time
 * per stack, provider processes per stack (from the stand-in's call log), and the peak memory
 * of payerfleet's whole process tree (payerfleet, the CLIs, their plugins), sampled from /proc.
 *   npm run bench -- engine [--partners N] [--accounts N]
 *
 * The stand-in is a Node.js process of ~100 MB; the real AWS provider is 300-430 MB a process,
 * which is what a user plans for (see the README).
 */
import { readFileSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseInventory } from "../src/inventory/load.ts";
import { EngineSandbox, realEngineMissing, seedFleet } from "../test/support/real-engine.ts";
import { fleetYaml } from "./fleet.ts";
import { option, report } from "./report.ts";

/** Every process below `root` (payerfleet), itself included. */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid);
  return found;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

interface Sample {
  readonly concurrency: number;
  readonly wallMs: number;
  readonly stackMs: number[];
  readonly providersPerStack: number[];
  readonly peakTreeMb: number;
}

async function preview(box: EngineSandbox, concurrency: number): Promise<Sample> {
  await box.clearCalls();
  const start = performance.now();
  const { child, done } = box.spawn(["preview", "--concurrency", String(concurrency), "--json", `preview-${concurrency}.json`]);
  let peakKb = 0;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, tree(child.pid!).reduce((sum, pid) => sum + rssKb(pid), 0));
  }, 100);
  const run = await done;
  clearInterval(sampler);
  const wallMs = performance.now() - start;
  if (run.code !== 0) throw new Error(`preview at concurrency ${concurrency} failed: ${run.stdout}${run.stderr}`);
  const stackMs = [...run.stderr.matchAll(/^\[\s*\d+\/\d+\] \S+: succeeded: .* \((\d+(?:\.\d+)?)s\)$/gm)].map((m) => Number(m[1]) * 1000);
  const pids = new Map<string, Set<number>>();
  for (const call of box.calls()) if (call.method === "configure") pids.set(call.account!, (pids.get(call.account!) ?? new Set()).add(call.pid));
  return { concurrency, wallMs, stackMs, providersPerStack: [...pids.values()].map((s) => s.size), peakTreeMb: peakKb / 1024 };
}

export async function benchEngine(args: string[]): Promise<void> {
  const missing = realEngineMissing();
  if (missing !== undefined) {
    console.log(`engine: skipped: ${missing}`);
    return;
  }
  const partners = option(args, "--partners", 20);
  const accounts = option(args, "--accounts", 20);
  // Accounts payerfleet creates: nothing to adopt, so no organization to seed beyond the payers.
  const text = fleetYaml(partners, accounts).replace(/^ {8}accountId: "\d+"\n/gm, "");
  const inventory = parseInventory(text, "inventory.yaml").inventory;
  if (inventory === undefined) throw new Error("the bench fleet does not validate");
  const box = await EngineSandbox.create();
  try {
    await writeFile(join(box.dir, "inventory.yaml"), text);
    await seedFleet(box.awsFile, inventory);
    // Creates every stack, so that each measured run does the same work.
    await preview(box, 4);
    const samples: Sample[] = [];
    for (const concurrency of [1, 2, 4]) samples.push(await preview(box, concurrency));
    const base = samples[0]!;
    const stacks = partners + 1;
    report(`engine: preview of ${partners} partners x ${accounts} accounts + the hub (${stacks} stacks), real Pulumi CLI, stand-in aws plugin`, [
      ["concurrency", "wall", "vs concurrency 1", "per stack mean / max", "providers per stack", "peak memory, whole tree", "vs concurrency 1"],
      ...samples.map((s) => [
        String(s.concurrency),
        `${(s.wallMs / 1000).toFixed(1)} s`,
        `${(s.wallMs / base.wallMs).toFixed(2)}x`,
        `${(mean(s.stackMs) / 1000).toFixed(1)} / ${(Math.max(...s.stackMs) / 1000).toFixed(1)} s`,
        [...new Set(s.providersPerStack)].join(", "),
        `${(s.peakTreeMb / 1024).toFixed(2)} GB`,
        `${(s.peakTreeMb / base.peakTreeMb).toFixed(2)}x`,
      ]),
    ]);
  } finally {
    await box.remove();
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
