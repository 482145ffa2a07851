/**
 * The report as a pull-request comment: a heading, the warnings a reviewer must not miss, a
 * summary table, then one collapsible `<details>` per stack with its changed resources and
 * property diffs. Rendered as self-contained blocks (a `<details>`, a whole table), which
 * {@link splitMarkdown} packs into comment-sized parts without ever cutting one.
 */
import { excerpt, visible } from "../../text/characters.ts";
import { fence, mdCell, mdCode, mdHtml, mdInline, mdText } from "../../text/markdown.ts";
import { describeChanges } from "./progress.ts";
import type { FleetReport, ResourceChange, StackReport } from "./report.ts";
import { tally } from "./table.ts";
import { isLoud, resourceName, warningMarkdown, type StackWarning } from "./warnings.ts";
import type { Block } from "./markdown-split.ts";
import { plural } from "../../text/plural.ts";
import { changeLines, propertyLines } from "./value-lines.ts";
import type { ReviewItem } from "./report.ts";

const ICONS: Record<string, string> = { succeeded: "✅", failed: "❌", cancelled: "⏹️", skipped: "⏭️" };
const SIGILS: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", import: "=", refresh: "~", release: "!" };
/** A summary table is cut into tables of at most this many characters. */
const TABLE_CHUNK = 20_000;
/** The most the warning block above everything may take. */
const LOUD_LIMIT = 16_000;

/** A diff's value: whole when the report has it, else its short JSON (reports of older versions). */
function diffValue(whole: unknown, short: string | undefined): unknown {
  if (whole !== undefined || short === undefined) return whole;
  try {
    return JSON.parse(short);
  } catch {
    return short;
  }
}

/**
 * A resource's lines inside a `diff` code fence: the resource, then its values (every input of
 * a create, what identifies a replaced or deleted one) and each changed property's old and new
 * value. With `values` false, the properties' paths and short values only, as before values.
 */
export function resourceLines(r: ResourceChange, values = true): string[] {
  const note = r.op === "replace" ? "  [replace]" : r.op === "release" ? `  [released: ${visible(r.detail ?? "left as it is in AWS")}]` : "";
  const lines = [`${SIGILS[r.op] ?? "~"} ${visible(r.type)}  ${visible(resourceName(r.urn))}${note}`];
  const sigil = r.op === "create" ? "+" : r.op === "delete" ? "-" : " ";
  if (values) {
    // An update's changed properties are its diffs, below: the rest say which resource it is.
    const changed = new Set(r.diffs.map((d) => d.path));
    for (const key of Object.keys(r.properties ?? {}).sort()) if (!changed.has(key)) lines.push(...propertyLines(sigil, "     ", key, r.properties![key]));
  }
  for (const d of r.diffs) {
    const forces = d.kind.endsWith("-replace") ? "  (forces replacement)" : "";
    if (values) {
      lines.push(...changeLines("     ", d.path, d.kind.startsWith("add") ? undefined : diffValue(d.before, d.old), d.kind.startsWith("delete") ? undefined : diffValue(d.after, d.new), forces));
      continue;
    }
    const shown = d.old !== undefined && d.new !== undefined ? `: ${d.old} => ${d.new}` : d.new !== undefined ? `: ${d.new}` : d.old !== undefined ? `: ${d.old}` : "";
    const mark = d.kind.startsWith("add") ? "+" : d.kind.startsWith("delete") ? "-" : "~";
    lines.push(`    ${mark} ${visible(d.path + shown)}${forces}`);
  }
  return lines;
}

/**
 * The `<details>` block of one stack, showing at most `maxResources` resources; the rest are
 * counted in a note. Undefined when the stack has nothing to show.
 */
export function stackDetails(s: StackReport, warnings: readonly StackWarning[], maxResources = Infinity, maxWarnings = Infinity, values = true): string | undefined {
  if (s.resources.length === 0 && s.error === null && warnings.length === 0 && s.transfer === undefined) return undefined;
  const parts: string[] = [];
  const summary = `<b>${mdHtml(s.stack)}</b> ${ICONS[s.result] ?? ""} ${mdHtml(s.result)}: ${mdHtml(describeChanges(s))}`;
  parts.push(`<details><summary>${summary}</summary>`, "");
  const warned = warnings.slice(0, maxWarnings);
  if (warned.length > 0) parts.push(...warned.map((w) => `- ⚠️ ${warningMarkdown(w)}`), "");
  if (warned.length < warnings.length) parts.push(`_${warnings.length - warned.length} more warnings not shown here: this stack alone exceeds a comment._`, "");
  if (s.transfer !== undefined) parts.push(`**Billing transfer** ${mdCode(s.transfer.stage)}: ${mdText(s.transfer.summary)}`, "");
  if (s.error !== null) parts.push(fence(s.error, "text"), "");
  const shown = s.resources.slice(0, maxResources);
  if (shown.length > 0) parts.push(fence(shown.flatMap((r) => resourceLines(r, values)).join("\n"), "diff"), "");
  if (shown.length < s.resources.length) {
    parts.push(`_${s.resources.length - shown.length} more changed resources not shown here: this stack alone exceeds a comment; see the JSON report._`, "");
  }
  parts.push("</details>");
  return parts.join("\n");
}

/** A value of a review line, in a code span and never longer than a line should be. */
const code = (value: unknown) => mdCode(excerpt(typeof value === "string" ? value : JSON.stringify(value ?? null), 120));
const codes = (values: unknown) => (Array.isArray(values) ? values.map(code).join(", ") : "");

/** One review item as a Markdown list item, every value from the engine in a code span. */
function reviewMarkdown(item: ReviewItem): string {
  const f = item.facts;
  const stack = `${code(item.stack)}:`;
  switch (item.kind) {
    case "account": {
      const who = `${code(f["name"])} ${code(f["email"])}`;
      const where = f["ou"] === undefined ? "" : ` in ${code(f["ou"])}`;
      if (f["op"] === "create") return `- ➕ ${stack} new AWS account ${who}${where}`;
      if (f["op"] === "move") return `- ↪️ ${stack} AWS account ${who} moves from ${code(f["from"])} to ${code(f["to"])}`;
      if (f["op"] === "delete") return `- ❗ ${stack} AWS account ${who}${where} **removed**`;
      const changes = (f["changes"] as { path: string; before?: unknown; after?: unknown }[] | undefined) ?? [];
      const said = changes.map((c) => `${mdInline(excerpt(c.path, 120))} ${code(c.before ?? null)} → ${code(c.after ?? null)}`).join(", ");
      return `- ❗ ${stack} AWS account ${who}${where} **replaced** (closed and created anew)${said === "" ? "" : `: ${said}`}`;
    }
    case "trust": {
      const parts = [...(codes(f["added"]) ? [`gains ${codes(f["added"])}`] : []), ...(codes(f["removed"]) ? [`loses ${codes(f["removed"])}`] : [])];
      return `- 🔑 ${stack} who may assume ${code(f["role"])} ${parts.join("; ")}`;
    }
    case "boundary": {
      const parts = [
        ...(f["op"] === "update" ? [] : [mdInline(String(f["op"]))]),
        ...(codes(f["added"]) ? [`statements added ${codes(f["added"])}`] : []),
        ...(codes(f["removed"]) ? [`statements removed ${codes(f["removed"])}`] : []),
        ...(codes(f["changed"]) ? [`statements changed ${codes(f["changed"])}`] : []),
      ];
      return `- 🧱 ${stack} the partner boundary: ${parts.join("; ") || "changes"}`;
    }
    case "hub-payers": {
      const parts = [...(codes(f["admitted"]) ? [`admit ${codes(f["admitted"])}`] : []), ...(codes(f["dropped"]) ? [`drop ${codes(f["dropped"])}`] : [])];
      return `- 📡 ${stack} the hub's buses ${parts.join("; ")}`;
    }
    case "protected":
      return `- 🔒 ${stack} protected ${code(f["type"])} ${code(item.resource)}: ${mdInline(String(f["op"]))}`;
  }
}

/** The review block: what a reviewer must look at first, at most {@link LOUD_LIMIT} characters. */
function reviewBlock(report: FleetReport): string | undefined {
  const items = report.stacks.flatMap((s) => s.review ?? []).map(reviewMarkdown);
  if (items.length === 0) return undefined;
  const block = (n: number) => ["**Review first**", "", ...items.slice(0, n), ...(n < items.length ? [`- _and ${items.length - n} more: see the JSON report's \`review\`._`] : [])].join("\n");
  return block(most(items.length, (n) => block(n).length <= LOUD_LIMIT));
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
export function markdownBlocks(report: FleetReport, warnings: ReadonlyMap<string, readonly StackWarning[]>, notes: readonly string[], options: { readonly values?: boolean } = {}): Block[] {
  const values = options.values ?? true;
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
  const review = reviewBlock(report);
  if (review !== undefined) blocks.push({ text: review });
  for (const table of summaryTables(report)) blocks.push({ text: table });
  if (report.orphans.length > 0) {
    const list = report.orphans.map((o) => `- ${mdCode(o.stack)} (${o.sources.join(", ")})`).join("\n");
    blocks.push({ text: `**Orphans**: stacks the inventory no longer names; payerfleet never destroys them implicitly.\n\n${list}` });
  }
  if (notes.length > 0) blocks.push({ text: notes.map((n) => `- ${mdText(n)}`).join("\n") });
  for (const s of report.stacks) {
    const w = warnings.get(s.stack) ?? [];
    const text = stackDetails(s, w, Infinity, Infinity, values);
    if (text === undefined) continue;
    blocks.push({
      text,
      shrink: (budget) => {
        // Fewer resources until the block fits, then, if even none do (one warning per
        // replaced account adds up), fewer warnings: a single stack never spills into two parts.
        const resources = most(s.resources.length, (n) => (stackDetails(s, w, n, Infinity, values) ?? "").length <= budget);
        const shown = resources > 0 ? Infinity : most(w.length, (n) => (stackDetails(s, w, 0, n, values) ?? "").length <= budget);
        return stackDetails(s, w, resources, shown, values) ?? "";
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
