/**
 * The report as a pull-request comment: a heading, the warnings a reviewer must not miss, a
 * summary table, then one collapsible `<details>` per stack with its changed resources and
 * property diffs. Rendered as self-contained blocks (a `<details>`, a whole table), which
 * {@link splitMarkdown} packs into comment-sized parts without ever cutting one.
 */
import { visible } from "../../text/characters.ts";
import { fence, mdCell, mdCode, mdHtml, mdText } from "../../text/markdown.ts";
import { describeChanges } from "./progress.ts";
import type { FleetReport, ResourceChange, StackReport } from "./report.ts";
import { tally } from "./table.ts";
import { isLoud, resourceName, warningMarkdown, type StackWarning } from "./warnings.ts";
import type { Block } from "./markdown-split.ts";
import { plural } from "../../text/plural.ts";

const ICONS: Record<string, string> = { succeeded: "✅", failed: "❌", cancelled: "⏹️", skipped: "⏭️" };
const SIGILS: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", import: "=", refresh: "~", release: "!" };
/** A summary table is cut into tables of at most this many characters. */
const TABLE_CHUNK = 20_000;
/** The most the warning block above everything may take. */
const LOUD_LIMIT = 16_000;

/** A diff's lines inside a code fence: each value on the line it belongs to, whatever it holds. */
function resourceLines(r: ResourceChange): string[] {
  const note = r.op === "replace" ? "  [replace]" : r.op === "release" ? `  [released: ${visible(r.detail ?? "left as it is in AWS")}]` : "";
  const lines = [`${SIGILS[r.op] ?? "~"} ${visible(r.type)}  ${visible(resourceName(r.urn))}${note}`];
  for (const d of r.diffs) {
    const values = d.old !== undefined && d.new !== undefined ? `: ${d.old} => ${d.new}` : d.new !== undefined ? `: ${d.new}` : d.old !== undefined ? `: ${d.old}` : "";
    const sigil = d.kind.startsWith("add") ? "+" : d.kind.startsWith("delete") ? "-" : "~";
    lines.push(`    ${sigil} ${visible(d.path + values)}${d.kind.endsWith("-replace") ? "  (forces replacement)" : ""}`);
  }
  return lines;
}

/**
 * The `<details>` block of one stack, showing at most `maxResources` resources; the rest are
 * counted in a note. Undefined when the stack has nothing to show.
 */
export function stackDetails(s: StackReport, warnings: readonly StackWarning[], maxResources = Infinity, maxWarnings = Infinity): string | undefined {
  if (s.resources.length === 0 && s.error === null && warnings.length === 0) return undefined;
  const parts: string[] = [];
  const summary = `<b>${mdHtml(s.stack)}</b> ${ICONS[s.result] ?? ""} ${mdHtml(s.result)}: ${mdHtml(describeChanges(s))}`;
  parts.push(`<details><summary>${summary}</summary>`, "");
  const warned = warnings.slice(0, maxWarnings);
  if (warned.length > 0) parts.push(...warned.map((w) => `- ⚠️ ${warningMarkdown(w)}`), "");
  if (warned.length < warnings.length) parts.push(`_${warnings.length - warned.length} more warnings not shown here: this stack alone exceeds a comment._`, "");
  if (s.error !== null) parts.push(fence(s.error, "text"), "");
  const shown = s.resources.slice(0, maxResources);
  if (shown.length > 0) parts.push(fence(shown.flatMap(resourceLines).join("\n"), "diff"), "");
  if (shown.length < s.resources.length) {
    parts.push(`_${s.resources.length - shown.length} more changed resources not shown here: this stack alone exceeds a comment; see the JSON report._`, "");
  }
  parts.push("</details>");
  return parts.join("\n");
}

function summaryTables(report: FleetReport): string[] {
  const header = "| stack | result | changes |\n|---|---|---|";
  const tables: string[] = [];
  let rows: string[] = [];
  let size = header.length;
  for (const s of report.stacks) {
    const detail = s.result === "succeeded" ? describeChanges(s) : (s.error ?? "").split("\n")[0] ?? "";
    const row = `| ${mdCode(s.stack, { inTable: true })} | ${ICONS[s.result] ?? ""} ${mdCell(s.result)} | ${mdCell(detail)} |`;
    if (rows.length > 0 && size + row.length + 1 > TABLE_CHUNK) {
      tables.push([header, ...rows].join("\n"));
      rows = [];
      size = header.length;
    }
    rows.push(row);
    size += row.length + 1;
  }
  if (rows.length > 0) tables.push([header, ...rows].join("\n"));
  return tables;
}

/** The blocks of the comment, in order; the heading is added per part by the splitter. */
export function markdownBlocks(report: FleetReport, warnings: ReadonlyMap<string, readonly StackWarning[]>, notes: readonly string[]): Block[] {
  const blocks: Block[] = [];
  blocks.push({ text: `**${plural(report.stacks.length, "stack")}**: ${tally(report) || "none selected"}` });
  const loud = report.stacks.flatMap((s) => (warnings.get(s.stack) ?? []).filter(isLoud).map((w) => `> - ${mdCode(s.stack)}: ${warningMarkdown(w)}`));
  if (loud.length > 0) {
    const alert = (n: number) => {
      const more = loud.length - n > 0 ? [`> - _and ${loud.length - n} more: see each stack below._`] : [];
      return ["> [!WARNING]", "> **Changes to AWS accounts**", ...loud.slice(0, n), ...more].join("\n");
    };
    // Hundreds of replaced accounts would push everything else out of the first comment: as
    // many as fit a quarter of one, then how many more; each stack below lists its own.
    blocks.push({ text: alert(most(loud.length, (n) => alert(n).length <= LOUD_LIMIT)) });
  }
  for (const table of summaryTables(report)) blocks.push({ text: table });
  if (report.orphans.length > 0) {
    const list = report.orphans.map((o) => `- ${mdCode(o.stack)} (${o.sources.join(", ")})`).join("\n");
    blocks.push({ text: `**Orphans**: stacks the inventory no longer names; payerfleet never destroys them implicitly.\n\n${list}` });
  }
  if (notes.length > 0) blocks.push({ text: notes.map((n) => `- ${mdText(n)}`).join("\n") });
  for (const s of report.stacks) {
    const w = warnings.get(s.stack) ?? [];
    const text = stackDetails(s, w);
    if (text === undefined) continue;
    blocks.push({
      text,
      shrink: (budget) => {
        // Fewer resources until the block fits, then, if even none do (one warning per
        // replaced account adds up), fewer warnings: a single stack never spills into two parts.
        const resources = most(s.resources.length, (n) => (stackDetails(s, w, n) ?? "").length <= budget);
        const shown = resources > 0 ? Infinity : most(w.length, (n) => (stackDetails(s, w, 0, n) ?? "").length <= budget);
        return stackDetails(s, w, resources, shown) ?? "";
      },
    });
  }
  return blocks;
}

/** The largest n in [0, count] for which `fits(n)` holds, `fits` holding for every smaller n. */
function most(count: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
