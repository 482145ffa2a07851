/**
 * Values as lines of a `diff` code block, the way a reviewer reads them: nested values as
 * nested lines, JSON documents held in strings (IAM and trust policies, bucket and bus policies,
 * event patterns) parsed and indented, and a changed document as a line diff with the changed
 * lines marked. The first character of every line is the diff block's: `+` added, `-` removed,
 * a space otherwise. Long values fold, saying their size. Values are data: every line goes
 * through `visible`, so no value holds a line break or a control character of its own.
 */
import { diffArrays } from "diff";
import { visible } from "../../text/characters.ts";

/** Most lines one value or one changed document takes; the rest is counted. */
export const MAX_VALUE_LINES = 60;
/** Unchanged lines kept around each change of a document. */
const CONTEXT = 3;

/** A string holding a JSON object or array, parsed; anything else as it is. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!(text.startsWith("{") && text.endsWith("}")) && !(text.startsWith("[") && text.endsWith("]"))) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

/** The lines of a value, unindented: a scalar on one line, a structure as indented JSON. */
export function valueText(value: unknown): string[] {
  const parsed = parsedJson(value);
  if (parsed !== null && typeof parsed === "object") return JSON.stringify(parsed, null, 2).split("\n");
  if (typeof parsed === "string" && parsed.includes("\n")) return parsed.split("\n").map((l) => JSON.stringify(l).slice(1, -1));
  return [JSON.stringify(parsed) ?? "undefined"];
}

const size = (lines: readonly string[]) => {
  const chars = lines.reduce((n, l) => n + l.length + 1, 0);
  return chars >= 10_000 ? `${(chars / 1024).toFixed(1)} kB` : `${chars} characters`;
};

/**
 * `key: value` under `sigil`, indented: on one line when the value is, else the key alone and
 * the value's lines below it; a value longer than {@link MAX_VALUE_LINES} keeps its first lines
 * and says how many more.
 */
export function propertyLines(sigil: string, indent: string, key: string, value: unknown): string[] {
  const text = valueText(value);
  if (text.length === 1) return [`${sigil}${indent}${visible(key)}: ${visible(text[0]!)}`];
  const shown = text.length > MAX_VALUE_LINES ? text.slice(0, MAX_VALUE_LINES - 1) : text;
  const lines = [`${sigil}${indent}${visible(key)}:`, ...shown.map((l) => `${sigil}${indent}    ${visible(l)}`)];
  if (shown.length < text.length) lines.push(`${sigil}${indent}    … ${text.length - shown.length} more lines (${size(text)} in all; the JSON report has it whole)`);
  return lines;
}

/**
 * A changed value under `indent`: `~ key: old => new` when both fit one line, else the key and
 * a line diff of the two values, unchanged runs longer than twice {@link CONTEXT} folded.
 */
export function changeLines(indent: string, key: string, before: unknown, after: unknown, note = ""): string[] {
  const old = before === undefined ? [] : valueText(before);
  const now = after === undefined ? [] : valueText(after);
  if (old.length <= 1 && now.length <= 1) {
    const value = old.length === 0 ? now[0] : now.length === 0 ? old[0] : `${old[0]} => ${now[0]}`;
    const sigil = old.length === 0 ? "+" : now.length === 0 ? "-" : "~";
    return [`${sigil}${indent}${visible(key)}: ${visible(value ?? "")}${note}`];
  }
  const lines = [`~${indent}${visible(key)}:${note}`];
  const body: string[] = [];
  const pad = `${indent}    `;
  const parts = diffArrays(old, now);
  const context = (l: string) => ` ${pad}${visible(l)}`;
  const folded = (n: number) => ` ${pad}… ${n} unchanged lines`;
  parts.forEach((part, i) => {
    const sigil = part.added ? "+" : part.removed ? "-" : " ";
    const n = part.value.length;
    if (sigil !== " ") body.push(...part.value.map((l) => `${sigil}${pad}${visible(l)}`));
    // Unchanged runs keep CONTEXT lines next to each change, and say how many they fold.
    else if (i === 0 && n > CONTEXT + 1) body.push(folded(n - CONTEXT), ...part.value.slice(-CONTEXT).map(context));
    else if (i === parts.length - 1 && n > CONTEXT + 1) body.push(...part.value.slice(0, CONTEXT).map(context), folded(n - CONTEXT));
    else if (n > CONTEXT * 2 + 1) body.push(...part.value.slice(0, CONTEXT).map(context), folded(n - CONTEXT * 2), ...part.value.slice(-CONTEXT).map(context));
    else body.push(...part.value.map(context));
  });
  if (body.length > MAX_VALUE_LINES) {
    const changed = body.slice(MAX_VALUE_LINES - 1).filter((l) => l.startsWith("+") || l.startsWith("-")).length;
    return [...lines, ...body.slice(0, MAX_VALUE_LINES - 1), ` ${pad}… ${body.length - MAX_VALUE_LINES + 1} more lines, ${changed} of them changed (the JSON report has both values whole)`];
  }
  return [...lines, ...body];
}
