/**
 * Rendering a pull request's preview of a large fleet with every change's values against the
 * rendering without them (paths and short values only, as before): 500 partners, each with the
 * changes of streams recorded from the real engine (an account created in a new OU, an account
 * moved, a partner admin swapped, a guardrail added to the boundary and the billing policy).
 * Time, peak memory of each rendering in its own process, the Markdown's size, and the number
 * of comment parts.
 *   npm run bench -- review [--partners N]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { StackEvents } from "../src/automation/events/events.ts";
import { markdownBlocks } from "../src/automation/reports/markdown.ts";
import { splitMarkdown } from "../src/automation/reports/markdown-split.ts";
import type { FleetReport, StackReport } from "../src/automation/reports/report.ts";
import { reviewItems } from "../src/automation/reports/review.ts";
import { SYNTHETIC } from "../test/support/fake-pulumi/harness.ts";
import { median, option, report } from "./report.ts";

const STREAMS = ["real-3.248-preview-account-changes.ndjson", "real-3.248-preview-trust-and-boundary.ndjson"];

/** One partner's stack report: the recorded streams' changes, named for partner `i`. */
function stackOf(i: number, lines: readonly string[]): StackReport {
  const id = `partner-${String(i).padStart(3, "0")}`;
  const events = new StackEvents();
  for (const line of lines) events.onEvent(JSON.parse(line.replaceAll("contoso", id).replaceAll("fabrikam", id)) as EngineEvent);
  const resources = events.changedResources();
  return { stack: id, partner: id, result: "succeeded", changes: events.changes(), resources, error: null, review: reviewItems(id, resources, events.organization()) };
}

/** Child: renders the fleet's Markdown, printing `{ ms, maxRssMb, chars, parts }`. */
function measure(partners: number, values: boolean): void {
  const lines = STREAMS.flatMap((s) => readFileSync(join(SYNTHETIC, s), "utf8").split("\n").filter((l) => l.trim() !== ""));
  const fleet: FleetReport = { operation: "preview", stacks: Array.from({ length: partners }, (_, i) => stackOf(i, lines)), orphans: [] };
  const start = performance.now();
  const parts = splitMarkdown("payerfleet preview", markdownBlocks(fleet, new Map(), [], { values }));
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, chars: parts.reduce((n, p) => n + p.length, 0), parts: parts.length }));
}

interface Sample {
  ms: number;
  maxRssMb: number;
  chars: number;
  parts: number;
}

function run(partners: number, values: boolean): Sample {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--import", "tsx", self, "--measure", String(partners), String(values)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`the rendering failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Sample;
}

export async function benchReview(args: string[]): Promise<void> {
  const partners = option(args, "--partners", 500);
  const samples = (values: boolean) => [run(partners, values), run(partners, values), run(partners, values)];
  const before = samples(false);
  const after = samples(true);
  const ms = (s: Sample[]) => median(s.map((x) => x.ms));
  const rss = (s: Sample[]) => median(s.map((x) => x.maxRssMb));
  report(`review: the Markdown of a ${partners}-partner preview, 9 changed resources each (median of 3 runs, each in its own process)`, [
    ["", "render time", "peak RSS", "Markdown", "comment parts"],
    ["paths and short values, as before (baseline; the review list included)", `${ms(before).toFixed(0)} ms`, `${rss(before).toFixed(0)} MB`, `${(before[0]!.chars / 1e6).toFixed(2)} MB`, String(before[0]!.parts)],
    [
      "with values and the review list",
      `${ms(after).toFixed(0)} ms (${(ms(after) / ms(before)).toFixed(2)}x)`,
      `${rss(after).toFixed(0)} MB (${(rss(after) / rss(before)).toFixed(2)}x)`,
      `${(after[0]!.chars / 1e6).toFixed(2)} MB (${(after[0]!.chars / before[0]!.chars).toFixed(2)}x)`,
      `${after[0]!.parts} (${(after[0]!.parts / before[0]!.parts).toFixed(2)}x)`,
    ],
  ]);
}

const at = process.argv.indexOf("--measure");
if (at >= 0) measure(Number(process.argv[at + 1]), process.argv[at + 2] === "true");
