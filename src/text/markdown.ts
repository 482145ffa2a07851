/**
 * Text from the inventory, the Pulumi engine or AWS, made inert for GitHub-flavoured Markdown.
 * One function per context a value can stand in; a report is structure payerfleet writes
 * around values that went through one of these, so no value can open or close a block, a
 * table, a code span or an HTML element, embed an image or a link, or mention anyone.
 */
import { visible } from "./characters.ts";

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * `@name` notifies a GitHub user or team wherever it stands in rendered text; a zero-width space
 * after the `@` keeps the text as it reads and notifies nobody (the approach Renovate takes).
 * An e-mail address (`a@b`) mentions nobody and is left alone.
 */
function noMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, "$1@&#8203;");
}

/**
 * Text within a line or a table cell: one line; HTML's special characters as entities; every
 * character Markdown gives a meaning to inside a line (emphasis, links, images, code spans,
 * table cells, strike-through, math, escapes) backslash-escaped, so the text renders as itself.
 */
export function mdInline(text: string): string {
  const escaped = visible(text)
    .replace(/[&<>]/g, (c) => HTML[c]!)
    // `(`, `)` and `!` mean something only around `[`, `]`; `#` only at a line's start.
    .replace(/[\\`*_[\]|~$]/g, "\\$&");
  return noMentions(escaped);
}

/**
 * A value set in bold. HTML's `<b>`, not `**`: Markdown's emphasis is lost when the value
 * starts or ends with a space or punctuation, `<b>` holds whatever the value is.
 */
export function mdStrong(text: string): string {
  return `<b>${mdInline(text)}</b>`;
}

/** A table cell holds inline text: {@link mdInline} escapes its `|` too. */
export const mdCell = mdInline;

/**
 * Text that starts a line or a list item: inline text whose first character cannot start a
 * block either (a list item, a heading, a quote, a setext underline).
 */
export function mdText(text: string): string {
  return mdInline(text)
    .replace(/^([-+=#])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * An inline code span: a backtick run longer than any inside the text delimits it (CommonMark
 * 6.1), padded when the text starts or ends with a backtick. In a table cell GFM splits cells on
 * `|` before it reads code spans, so `|` is escaped there even inside one.
 */
export function mdCode(text: string, options: { inTable?: boolean } = {}): string {
  let body = visible(text);
  if (options.inTable) body = body.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || body === "" ? " " : "";
  return `${bar}${pad}${body}${pad}${bar}`;
}

/**
 * Text inside an HTML element payerfleet writes (`<summary>`, `<b>`): GitHub reads no Markdown
 * there, so HTML entities are the whole escaping; mentions are still neutralised.
 */
export function mdHtml(text: string): string {
  return noMentions(visible(text).replace(/[&<>"']/g, (c) => HTML[c]!));
}

/**
 * A fenced code block whose fence is longer than any backtick run in the text, so the text
 * cannot close it; control characters other than line feeds shown as escapes.
 */
export function fence(text: string, info = ""): string {
  const body = visible(text, true);
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = "`".repeat(Math.max(3, longest + 1));
  return `${bar}${info}\n${body}\n${bar}`;
}
