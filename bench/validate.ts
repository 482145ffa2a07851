/**
 * Load + validate of a 500-partner x 300-account fleet (150,000 linked accounts), against a
 * bare `yaml` parse of the same file, each in its own process so that peak memory is its own;
 * and the same 500 partners with half of them on billing transfer, against the all-custody fleet.
 *   npm run bench -- validate [--partners N] [--accounts N] [--runs N]
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CORE_SCHEMA, load } from "js-yaml";
import { parse } from "yaml";
import { loadInventory } from "../src/inventory/load.ts";
import { fleetYaml } from "./fleet.ts";
import { median, option, report } from "./report.ts";

type Mode = "bare" | "js-yaml" | "payerfleet" | "payerfleet-mixed";
const MODES: readonly Mode[] = ["bare", "js-yaml", "payerfleet", "payerfleet-mixed"];

/** Child: time one mode once, print `{ ms, maxRssMb, ok }`. */
async function measure(mode: Mode, file: string): Promise<void> {
  const start = performance.now();
  let ok: boolean;
  if (mode === "bare") {
    ok = parse(await readFile(file, "utf8")) !== null;
  } else if (mode === "js-yaml") {
    ok = load(await readFile(file, "utf8"), { schema: CORE_SCHEMA }) !== null;
  } else {
    const result = await loadInventory(file);
    ok = result.inventory !== undefined && result.problems.length === 0;
  }
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ok }));
}

function runChild(mode: Mode, file: string): { ms: number; maxRssMb: number; ok: boolean } {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--import", "tsx", self, "--measure", mode, file], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`${mode} run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!);
}

export async function benchValidate(args: string[]): Promise<void> {
  const partners = option(args, "--partners", 500);
  const accounts = option(args, "--accounts", 300);
  const runs = option(args, "--runs", 3);
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-bench-"));
  try {
    const file = join(dir, "inventory.yaml");
    const text = fleetYaml(partners, accounts);
    await writeFile(file, text);
    const mixed = join(dir, "mixed.yaml");
    await writeFile(mixed, fleetYaml(partners, accounts, 0.5));
    const samples = Object.fromEntries(MODES.map((m) => [m, { ms: [] as number[], rss: [] as number[] }])) as Record<Mode, { ms: number[]; rss: number[] }>;
    // Interleaved, so that machine noise falls on both sides alike.
    for (let i = 0; i < runs; i++) {
      for (const mode of MODES) {
        const r = mode === "payerfleet-mixed" ? runChild("payerfleet", mixed) : runChild(mode, file);
        if (!r.ok) throw new Error(`${mode}: the generated fleet did not load cleanly`);
        samples[mode].ms.push(r.ms);
        samples[mode].rss.push(r.maxRssMb);
      }
    }
    const bare = median(samples.bare.ms);
    const row = (label: string, mode: Mode) => {
      const ms = median(samples[mode].ms);
      return [label, `${(ms / 1000).toFixed(2)} s`, `peak RSS ${Math.max(...samples[mode].rss).toFixed(0)} MB`, `${(ms / bare).toFixed(2)}x the yaml parse`];
    };
    const jsYaml = median(samples["js-yaml"].ms);
    report(`validate: ${partners} partners x ${accounts} linked accounts (${(text.length / 1e6).toFixed(1)} MB of YAML), median of ${runs}`, [
      row("bare `yaml` parse (baseline)", "bare"),
      row("bare js-yaml load", "js-yaml"),
      row("payerfleet load + validate", "payerfleet"),
      row("payerfleet, half the partners on billing transfer", "payerfleet-mixed"),
    ]);
    console.log(`  payerfleet / bare js-yaml load: ${(median(samples.payerfleet.ms) / jsYaml).toFixed(2)}x`);
    console.log(`  half on billing transfer / all custody: ${(median(samples["payerfleet-mixed"].ms) / median(samples.payerfleet.ms)).toFixed(2)}x`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const measureAt = process.argv.indexOf("--measure");
if (measureAt >= 0) await measure(process.argv[measureAt + 1] as Mode, process.argv[measureAt + 2]!);
