/**
 * The fleet driver against the fake Pulumi CLI (test/support/fake-pulumi), whose engine takes a
 * fixed time per stack: the wall time of a 200-stack preview at concurrency 8 against the ideal
 * (stacks x time / concurrency), and the driver's peak memory; then the same fleet with many vs
 * few engine events per stack, to show that memory follows changed resources, not events.
 * Each run is its own process, so peak memory is the driver's own (the fake CLIs are children).
 *   npm run bench -- driver [--partners N] [--concurrency N] [--delay MS] [--events N]
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runFleetCommand } from "../src/automation/fleet.ts";
import { loadOrReport } from "../src/cli/inventory-option.ts";
import { FAKE_ROOT, inventoryYaml } from "../test/support/fake-pulumi/harness.ts";
import { option, report } from "./report.ts";

interface Sample {
  ms: number;
  maxRssMb: number;
  code: number;
}

/** Child: one preview of the fleet in `dir`, printing `{ ms, maxRssMb, code }`. */
async function measure(dir: string, concurrency: number): Promise<void> {
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
      json: join(dir, "report.json"),
    },
    { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, env: process.env, cwd: dir, signal: new AbortController().signal, loadInventory: loadOrReport },
  );
  console.log(JSON.stringify({ ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024, code }));
}

async function run(partners: number, concurrency: number, step: Record<string, unknown>): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-bench-driver-"));
  try {
    await writeFile(join(dir, "inventory.yaml"), inventoryYaml(Array.from({ length: partners }, (_, i) => `partner-${i}`)));
    await writeFile(join(dir, "script.json"), JSON.stringify({ defaults: step }));
    const self = fileURLToPath(import.meta.url);
    const env = { ...process.env, FAKE_PULUMI_SCRIPT: join(dir, "script.json"), PULUMI_CONFIG_PASSPHRASE: "bench-passphrase", PULUMI_BACKEND_URL: "" };
    const child = spawnSync(process.execPath, ["--import", "tsx", self, "--measure", dir, String(concurrency)], { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`the driver run failed: ${child.stderr}`);
    const sample = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Sample;
    if (sample.code !== 0) throw new Error(`the driver run exited ${sample.code}`);
    return sample;
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
  const timed = await run(partners, concurrency, { delayMs: delay });
  const ideal = (stacks * delay) / concurrency / 1000;
  report(`driver: preview of ${stacks} stacks (${partners} partners + hub), ${delay} ms of engine time each, concurrency ${concurrency}`, [
    ["ideal (stacks x time / concurrency)", `${ideal.toFixed(1)} s`, "100%"],
    ["payerfleet wall time", `${(timed.ms / 1000).toFixed(1)} s`, `${((timed.ms / 1000 / ideal) * 100).toFixed(0)}% of ideal`],
    ["payerfleet peak RSS", `${timed.maxRssMb.toFixed(0)} MB`, ""],
  ]);
  const few = await run(partners, concurrency, { events: 40, resources: 20 });
  const many = await run(partners, concurrency, { events, resources: 20 });
  report(`driver memory: ${stacks} stacks, 20 changed resources each, few vs many engine events per stack`, [
    ["40 events per stack (baseline)", `peak RSS ${few.maxRssMb.toFixed(0)} MB`, `${(few.ms / 1000).toFixed(1)} s`, "1.00x"],
    [`${events} events per stack`, `peak RSS ${many.maxRssMb.toFixed(0)} MB`, `${(many.ms / 1000).toFixed(1)} s`, `${(many.maxRssMb / few.maxRssMb).toFixed(2)}x the baseline's memory`],
  ]);
}

const measureAt = process.argv.indexOf("--measure");
if (measureAt >= 0) await measure(process.argv[measureAt + 1]!, Number(process.argv[measureAt + 2]));
