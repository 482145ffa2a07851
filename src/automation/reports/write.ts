/** Writes `--json` and `--markdown` reports, the passphrase scrubbed from every string. */
import { open, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { exists, writeFileAtomic } from "../../io/files.ts";
import { partFile, STDOUT } from "../../io/outputs.ts";
import { mdInline } from "../../text/markdown.ts";
import { markdownBlocks } from "./markdown.ts";
import { splitMarkdown } from "./markdown-split.ts";
import { redactDeep, type Redact } from "../../io/redact.ts";
import type { FleetReport, StackReport } from "./report.ts";
import type { StackWarning } from "./warnings.ts";

/** The JSON contract, fields in their documented order whatever order they were built in. */
function toJson(report: FleetReport): unknown {
  const stack = (s: StackReport) => ({
    stack: s.stack,
    partner: s.partner,
    result: s.result,
    changes: s.changes,
    resources: s.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      op: r.op,
      ...(r.properties === undefined ? {} : { properties: r.properties }),
      ...(r.protect === true ? { protect: true } : {}),
      diffs: r.diffs,
      ...(r.detail === undefined ? {} : { detail: r.detail }),
    })),
    error: s.error,
    ...(s.transfer === undefined ? {} : { transfer: s.transfer }),
  });
  const review = report.stacks.flatMap((s) => s.review ?? []).map((i) => ({ stack: i.stack, kind: i.kind, resource: i.resource, ...i.facts, text: i.text }));
  return { operation: report.operation, review, stacks: report.stacks.map(stack), orphans: report.orphans };
}

/**
 * Writes the Markdown parts, each atomically; parts left over from an earlier, longer report
 * are removed, so a folder never mixes two runs' parts. Only parts payerfleet wrote: a file that
 * happens to be named like one (`pr.2.md` beside `pr.md`) is someone else's and stays.
 */
async function writeMarkdown(file: string, parts: readonly string[]): Promise<void> {
  for (let i = 0; i < parts.length; i++) await writeFileAtomic(partFile(file, i + 1), parts[i]!);
  for (let k = parts.length + 1; await exists(partFile(file, k)); k++) {
    const stale = partFile(file, k);
    if (!(await isReportPart(stale))) break;
    await rm(stale);
  }
}

/** A part of a payerfleet report starts with its heading, `## payerfleet <operation> ... (part N of M)`. */
export async function isReportPart(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const first = buffer.subarray(0, bytesRead).toString("utf8").split("\n", 1)[0]!;
    return /^## payerfleet [a-z]+\b.* \(part \d+ of \d+\)$/.test(first);
  } finally {
    await handle.close();
  }
}

/**
 * Writes the reports the options name (`-` is standard output, where Markdown parts follow one
 * another) and says whether any went to standard output.
 */
export async function writeReports(options: {
  readonly report: FleetReport;
  readonly warnings: ReadonlyMap<string, readonly StackWarning[]>;
  readonly notes: readonly string[];
  readonly scope: readonly string[];
  readonly json?: string | undefined;
  readonly markdown?: string | undefined;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly redact: Redact;
  readonly log: (text: string) => void;
}): Promise<boolean> {
  const { redact } = options;
  // Scrubbed before rendering, so that no substitution can push a part past the limit.
  const report = redactDeep(options.report, redact);
  const warnings = redactDeep(options.warnings, redact);
  const notes = redactDeep(options.notes, redact);
  if (options.json !== undefined) {
    const json = redact(`${JSON.stringify(toJson(report), null, 2)}\n`);
    if (options.json === STDOUT) options.stdout(json);
    else await writeFileAtomic(resolve(options.cwd, options.json), json);
  }
  if (options.markdown !== undefined) {
    // A git ref (`--changed-since`) may hold anything git allows, `@`, `<` and backticks included.
    const title = [`payerfleet ${report.operation}`, ...options.scope.map(mdInline)].join(" · ");
    const parts = splitMarkdown(title, markdownBlocks(report, warnings, notes)).map(redact);
    if (options.markdown === STDOUT) {
      options.stdout(parts.join("\n"));
    } else {
      const file = resolve(options.cwd, options.markdown);
      await writeMarkdown(file, parts);
      if (parts.length > 1) options.log(`the Markdown report is in ${parts.length} parts: ${parts.map((_, i) => partFile(options.markdown!, i + 1)).join(", ")}\n`);
    }
  }
  return options.json === STDOUT || options.markdown === STDOUT;
}
