/**
 * The fleet driver against the fake Pulumi CLI (test/support/fake-pulumi), whose engine takes a
 * fixed time per stack: the wall time of a 200-stack preview at concurrency 8 against the ideal
 * (stacks x time / concurrency), and the driver's peak memory; then the same fleet with many vs
 * few engine events per stack, to show that memory follows changed resources, not events.
 * Each run is its own process, so peak memory is the driver's own (the fake CLIs are children).
 *   npm run bench -- driver [--partners N] [--concurrency N] [--delay MS] [--events N]
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runFleetCommand } from "../src/automation/fleet.ts";
import { loadOrThrow } from "../src/cli/inventory-option.ts";
import { FAKE_ROOT, inventoryYaml } from "../test/support/fake-pulumi/harness.ts";
import { option, report } from "./report.ts";

interface Sample {
  ms: number;
  maxRssMb: number;
  /** The largest live heap seen right after a full collection; 0 when not sampled. */
  liveHeapMb: number;
  code: number;
}

/**
 * Child: one preview of the fleet in `dir`, printing `{ ms, maxRssMb, liveHeapMb, code }`.
 * Peak RSS counts garbage not yet collected, which grows with the allocation rate; what the
 * driver retains is the live heap after a full collection, sampled when `gc` is exposed.
 */
async function measure(dir: string, concurrency: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let liveHeap = 0;
  const sampler = gc && setInterval(() => {
    gc();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  }, 250);
  const start = performance.now();
  const code = await runFleetCommand(
    {
      operation: "preview",
      inventory: join(dir, "inventory.yaml"),
      partners: [],
      concurrency,
      pulumiRoot: FAKE_ROOT,
      expectNoChanges: false,
      previewOnly: false,
      confirmDestroy: [],
      lockTries: 5,
      lockRetryDelayMs: 2000,
      deadlineMs: 3_600_000,
      json: join(dir, "report.json"),
    },
    {
      stdout: () => {},
      stderr: () => {},
      stderrIsTTY: false,
      env: process.env,
      cwd: dir,
      signal: new AbortController().signal,
      loadInventory: async (file) => (await loadOrThrow({ stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env: process.env, cwd: dir }, file)).inventory,
    },
  );
  const ms = performance.now() - start;
  if (sampler) clearInterval(sampler);
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, liveHeapMb: liveHeap / 1024 / 1024, code }));
}

async function run(partners: number, concurrency: number, step: Record<string, unknown>, sampleHeap = false): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-bench-driver-"));
  try {
    await writeFile(join(dir, "inventory.yaml"), inventoryYaml(Array.from({ length: partners }, (_, i) => `partner-${i}`)));
    await writeFile(join(dir, "script.json"), JSON.stringify({ defaults: step }));
    const self = fileURLToPath(import.meta.url);
    const env = { ...process.env, FAKE_PULUMI_SCRIPT: join(dir, "script.json"), PULUMI_CONFIG_PASSPHRASE: "bench-passphrase", PULUMI_BACKEND_URL: "" };
    const flags = sampleHeap ? ["--expose-gc"] : [];
    const child = spawnSync(process.execPath, [...flags, "--import", "tsx", self, "--measure", dir, String(concurrency)], { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`the driver run failed: ${child.stderr}`);
    const sample = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Sample;
    if (sample.code !== 0) throw new Error(`the driver run exited ${sample.code}`);
    return sample;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The floor: the same fake CLI calls a new stack's preview makes (select, init, preview with
 * its event log) at the same concurrency, with no driver at all. On a 2-core machine the fake's
 * own Node processes compete for the CPU, so the ideal is out of reach for anything; this is
 * what the driver can be fairly compared with.
 */
async function floor(partners: number, concurrency: number, delay: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-bench-floor-"));
  const run = promisify(execFile);
  const pulumi = join(FAKE_ROOT, "bin", "pulumi");
  try {
    await writeFile(join(dir, "script.json"), JSON.stringify({ defaults: { delayMs: delay } }));
    const env = { ...process.env, FAKE_PULUMI_SCRIPT: join(dir, "script.json"), PULUMI_CONFIG_PASSPHRASE: "bench-passphrase", PULUMI_BACKEND_URL: `file://${dir}` };
    const stacks = ["hub", ...Array.from({ length: partners }, (_, i) => `partner-${i}`)];
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < stacks.length; i = next++) {
        const stack = stacks[i]!;
        await run(pulumi, ["stack", "select", "--stack", stack], { env, cwd: dir }).catch(() => undefined);
        await run(pulumi, ["stack", "init", stack], { env, cwd: dir });
        await run(pulumi, ["preview", "--stack", stack, "--event-log", join(dir, `${stack}.events`)], { env, cwd: dir });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (performance.now() - start) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchDriver(args: string[]): Promise<void> {
  const partners = option(args, "--partners", 200);
  const concurrency = option(args, "--concurrency", 8);
  const delay = option(args, "--delay", 2000);
  const events = option(args, "--events", 20_000);
  const stacks = partners + 1;
  const base = await floor(partners, concurrency, delay);
  const timed = await run(partners, concurrency, { delayMs: delay });
  const ideal = (stacks * delay) / concurrency / 1000;
  const wall = timed.ms / 1000;
  report(`driver: preview of ${stacks} new stacks (${partners} partners + hub), ${delay} ms of engine time each, concurrency ${concurrency}`, [
    ["ideal (stacks x time / concurrency)", `${ideal.toFixed(1)} s`, ""],
    ["floor: the same fake CLI calls, no driver (baseline)", `${base.toFixed(1)} s`, `${((ideal / base) * 100).toFixed(0)}% of ideal`],
    ["payerfleet wall time", `${wall.toFixed(1)} s`, `${((ideal / wall) * 100).toFixed(0)}% of ideal, ${((base / wall) * 100).toFixed(0)}% of the floor`],
    ["payerfleet peak RSS", `${timed.maxRssMb.toFixed(0)} MB`, ""],
  ]);
  const few = await run(partners, concurrency, { events: 40, resources: 20 }, true);
  const many = await run(partners, concurrency, { events, resources: 20 }, true);
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  report(`driver memory: ${stacks} stacks, 20 changed resources each, few vs many engine events per stack (live heap sampled after full GCs every 250 ms)`, [
    ["", "peak live heap", "peak RSS", "wall"],
    ["40 events per stack (baseline)", mb(few.liveHeapMb), mb(few.maxRssMb), `${(few.ms / 1000).toFixed(1)} s`],
    [`${events} events per stack`, mb(many.liveHeapMb), mb(many.maxRssMb), `${(many.ms / 1000).toFixed(1)} s`],
    ["ratio", `${(many.liveHeapMb / few.liveHeapMb).toFixed(2)}x`, `${(many.maxRssMb / few.maxRssMb).toFixed(2)}x`, ""],
  ]);
}

const measureAt = process.argv.indexOf("--measure");
if (measureAt >= 0) await measure(process.argv[measureAt + 1]!, Number(process.argv[measureAt + 2]));
