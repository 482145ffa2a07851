/**
 * The report as a pull-request comment: a heading, the warnings a reviewer must not miss, a
 * summary table, then one collapsible `<details>` per stack with its changed resources and
 * property diffs. Rendered as self-contained blocks (a `<details>`, a whole table), which
 * {@link splitMarkdown} packs into comment-sized parts without ever cutting one.
 */
import { describeChanges } from "./progress.ts";
import type { FleetReport, ResourceChange, StackReport } from "./report.ts";
import { tally } from "./table.ts";
import { resourceName } from "./warnings.ts";
import type { Block } from "./markdown-split.ts";

const ICONS: Record<string, string> = { succeeded: "✅", failed: "❌", cancelled: "⏹️", skipped: "⏭️" };
const SIGILS: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", import: "=", refresh: "~" };
/** A summary table is cut into tables of at most this many characters. */
const TABLE_CHUNK = 20_000;

/** Escapes text for HTML and for a table cell. */
export function escapeInline(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
export function fence(text: string, info = ""): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = "`".repeat(Math.max(3, longest + 1));
  return `${bar}${info}\n${text}\n${bar}`;
}

function resourceLines(r: ResourceChange): string[] {
  const lines = [`${SIGILS[r.op] ?? "~"} ${r.type}  ${resourceName(r.urn)}${r.op === "replace" ? "  [replace]" : ""}`];
  for (const d of r.diffs) {
    const values = d.old !== undefined && d.new !== undefined ? `: ${d.old} => ${d.new}` : d.new !== undefined ? `: ${d.new}` : d.old !== undefined ? `: ${d.old}` : "";
    const sigil = d.kind.startsWith("add") ? "+" : d.kind.startsWith("delete") ? "-" : "~";
    lines.push(`    ${sigil} ${d.path}${values}${d.kind.endsWith("-replace") ? "  (forces replacement)" : ""}`);
  }
  return lines;
}

/**
 * The `<details>` block of one stack, showing at most `maxResources` resources; the rest are
 * counted in a note. Undefined when the stack has nothing to show.
 */
export function stackDetails(s: StackReport, warnings: readonly string[], maxResources = Infinity, maxWarnings = Infinity): string | undefined {
  if (s.resources.length === 0 && s.error === null && warnings.length === 0) return undefined;
  const parts: string[] = [];
  const summary = `<b>${escapeInline(s.stack)}</b> ${ICONS[s.result] ?? ""} ${escapeInline(s.result)}: ${escapeInline(describeChanges(s))}`;
  parts.push(`<details><summary>${summary}</summary>`, "");
  const warned = warnings.slice(0, maxWarnings);
  if (warned.length > 0) parts.push(...warned.map((w) => `- ⚠️ ${w.replace(/\r?\n/g, " ")}`), "");
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
    const row = `| \`${s.stack}\` | ${ICONS[s.result] ?? ""} ${s.result} | ${escapeInline(detail)} |`;
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
export function markdownBlocks(report: FleetReport, warnings: ReadonlyMap<string, string[]>, notes: readonly string[]): Block[] {
  const blocks: Block[] = [];
  blocks.push({ text: `**${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"}**: ${tally(report) || "none selected"}` });
  const loud = report.stacks.flatMap((s) => (warnings.get(s.stack) ?? []).filter((w) => w.startsWith("**")).map((w) => `> - \`${s.stack}\`: ${w}`));
  if (loud.length > 0) blocks.push({ text: ["> [!WARNING]", "> **Changes to AWS accounts**", ...loud].join("\n") });
  for (const table of summaryTables(report)) blocks.push({ text: table });
  if (report.orphans.length > 0) {
    const list = report.orphans.map((o) => `- \`${o.stack}\` (${o.sources.join(", ")})`).join("\n");
    blocks.push({ text: `**Orphans**: stacks the inventory no longer names; payerfleet never destroys them implicitly.\n\n${list}` });
  }
  if (notes.length > 0) blocks.push({ text: notes.map((n) => `- ${escapeInline(n)}`).join("\n") });
  for (const s of report.stacks) {
    const w = warnings.get(s.stack) ?? [];
    const text = stackDetails(s, w);
    if (text === undefined) continue;
    blocks.push({
      text,
      shrink: (budget) => {
        // Fewer resources until the block fits, then, if even none do (one warning per
        // replaced account adds up), fewer warnings: a single stack never spills into two parts.
        const most = (count: number, fits: (n: number) => boolean) => {
          let lo = 0;
          let hi = count;
          while (lo < hi) {
            const mid = Math.ceil((lo + hi) / 2);
            if (fits(mid)) lo = mid;
            else hi = mid - 1;
          }
          return lo;
        };
        const resources = most(s.resources.length, (n) => (stackDetails(s, w, n) ?? "").length <= budget);
        const shown = resources > 0 ? Infinity : most(w.length, (n) => (stackDetails(s, w, 0, n) ?? "").length <= budget);
        return stackDetails(s, w, resources, shown) ?? "";
      },
    });
  }
  return blocks;
}
