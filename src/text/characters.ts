/**
 * Characters no name or free-text value of payerfleet's may hold. Text from the inventory, the
 * Pulumi engine or AWS ends up in shell scripts, YAML templates, Markdown comments and
 * terminals: a line break there starts a new command, key or block, a control character
 * drives the terminal, and a bidirectional override makes a reviewer read something other than
 * what runs (CVE-2021-42574, "Trojan Source"). `validate` rejects them in every string of the
 * inventory; every renderer also shows any that slip through as visible escapes.
 */

/**
 * C0 controls (line feed, carriage return and tab included), DEL, C1 controls, the Unicode line
 * and paragraph separators, the bidirectional marks, embeddings, overrides and isolates, and the
 * characters that print as nothing at all (soft hyphen, zero-width space, word joiner and the
 * invisible operators, the byte-order mark, tags): two names that read the same must be the
 * same name. The zero-width joiners stay: scripts such as Persian and Hindi spell words with them.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "gu");

/** The first forbidden character of `text` and its 0-based index, or undefined. */
export function firstForbidden(text: string): { index: number; char: string } | undefined {
  const m = FORBIDDEN.exec(text);
  return m === null ? undefined : { index: m.index, char: m[0] };
}

/** `U+000A LINE FEED`, naming the common ones, for messages. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[code];
  return name === undefined ? hex : `${hex} ${name}`;
}

const NAMES: Record<number, string> = {
  0x00: "NULL",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x85: "NEXT LINE",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xad: "SOFT HYPHEN",
  0x200b: "ZERO WIDTH SPACE",
  0x2060: "WORD JOINER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

/**
 * The text with every forbidden character shown as a visible `\u{XXXX}` escape: one line, no
 * terminal control, no hidden reordering. `keepLineBreaks` keeps line feeds (code blocks).
 */
export function visible(text: string, keepLineBreaks = false): string {
  return text.replace(FORBIDDEN_ALL, (c) => (keepLineBreaks && c === "\n" ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`));
}

/** At most `max` characters of a value, with its length when it was cut. */
export function excerpt(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
