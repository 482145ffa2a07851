/**
 * What is wrong with a file that is not a YAML document payerfleet can read, located where a
 * person would fix it: the first byte that is not UTF-8, the bracket or quote that is never
 * closed (not the later line where a parser gave up), nesting too deep to be an inventory.
 */
import { CST, LineCounter, Parser, parseDocument } from "yaml";
import type { Problem } from "./problems.ts";
import { sortProblems } from "./problems.ts";

/**
 * An inventory nests six levels at most; past this the file is not an inventory, and a
 * recursive parser would run out of stack on it.
 */
const MAX_NESTING = 64;

function yamlProblem(file: string, line: number, column: number, message: string): Problem {
  return { severity: "error", rule: "yaml", file, line, column, path: "", message: `YAML: ${message}` };
}

/**
 * The text of a UTF-8 file, or the problem at its first byte that is not UTF-8: a replacement
 * character silently standing for it would change an e-mail or a name without anyone seeing.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = before.slice(0, lineStart).split("\n").length;
    const column = before.length - lineStart + 1;
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
    return { problem: { severity: "error", rule: "encoding", file, line, column, path: "", message: `the inventory must be UTF-8: byte 0x${byte} at offset ${offset} is not` } };
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    // The lead byte says how many continuation bytes follow, and which values the first may take
    // (no overlong forms, no surrogates, nothing past U+10FFFF: RFC 3629, table 3-7 of Unicode).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Every syntax error of a file js-yaml rejected. js-yaml stops at the first one; the `yaml`
 * package recovers and lists them all, at ten times js-yaml's cost, which only a broken file
 * pays. A bracket, brace or quote left open is reported where it opened, with the line where
 * the parser noticed; nesting past {@link MAX_NESTING} is reported where it gets too deep,
 * before any parser recurses into it.
 */
export function syntaxProblems(text: string, file: string, fallback: { offset: number; message: string }): Problem[] {
  const lines = new LineCounter();
  const located = (offset: number, message: string): Problem => {
    const { line, col } = lines.linePos(offset);
    return yamlProblem(file, line, col, message);
  };
  const deep = tooDeep(text);
  if (deep !== undefined) return [positioned(text, file, deep, `nesting deeper than ${MAX_NESTING} levels: an inventory is never nested this deep`)];
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length === 0) return [located(fallback.offset, fallback.message)];
  const opened = unclosed(text);
  const problems: Problem[] = [];
  const explained = new Set<number>();
  for (const open of opened) {
    // The parser's error about this construct comes at or after where it opened: the first one.
    const at = doc.errors.findIndex((e, i) => !explained.has(i) && e.pos[0] >= open.offset);
    const noticed = at >= 0 ? lines.linePos(doc.errors[at]!.pos[0]).line : undefined;
    if (at >= 0) explained.add(at);
    const later = noticed !== undefined && noticed !== lines.linePos(open.offset).line ? ` (the parser noticed at line ${noticed})` : "";
    problems.push(located(open.offset, `${open.what}${later}`));
  }
  // A line indented deeper than its siblings continues the value above it, and the parser
  // complains, twice, where that value starts: the mistake is the deeper line.
  doc.errors.forEach((e, i) => {
    if (explained.has(i) || e.code !== "MULTILINE_IMPLICIT_KEY") return;
    const lineBreak = text.indexOf("\n", e.pos[0]);
    if (lineBreak < 0 || lineBreak >= e.pos[1]) return;
    const deeper = lineBreak + 1 + /^[ ]*/.exec(text.slice(lineBreak + 1))![0].length;
    doc.errors.forEach((other, j) => {
      if (other.pos[0] === e.pos[0]) explained.add(j);
    });
    const above = lines.linePos(e.pos[0]).line;
    problems.push(located(deeper, `this line is indented deeper than the keys beside it, so YAML reads it as going on with the value on line ${above}: indent it as its siblings`));
  });
  doc.errors.forEach((e, i) => {
    if (!explained.has(i)) problems.push(located(e.pos[0], e.message));
  });
  return sortProblems(problems);
}

/** 1-based line and column of an offset, without the `yaml` parser (which may not cope). */
function positioned(text: string, file: string, offset: number, message: string): Problem {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return yamlProblem(file, before.split("\n").length, offset - lineStart + 1, message);
}

interface Unclosed {
  readonly offset: number;
  readonly what: string;
}

/** Flow collections and quoted scalars whose closing token never came, from the CST. */
function unclosed(text: string): Unclosed[] {
  const found: Unclosed[] = [];
  const check = (token: CST.Token | undefined) => {
    if (token === undefined) return;
    if (token.type === "flow-collection") {
      const close = token.start.source === "[" ? "]" : "}";
      if (!token.end.some((t) => t.source === close)) found.push({ offset: token.start.offset, what: `this ${token.start.source} is never closed with ${close}` });
    } else if (token.type === "double-quoted-scalar") {
      if (!/^"(?:[^"\\]|\\[\s\S])*"$/.test(token.source)) found.push({ offset: token.offset, what: 'this " quote is never closed' });
    } else if (token.type === "single-quoted-scalar") {
      if (!/^'(?:[^']|'')*'$/.test(token.source)) found.push({ offset: token.offset, what: "this ' quote is never closed" });
    }
  };
  for (const doc of new Parser().parse(text)) {
    if (doc.type !== "document") continue;
    check(doc.value);
    CST.visit(doc, (item) => {
      check(item.key ?? undefined);
      check(item.value);
    });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Where nesting first goes past {@link MAX_NESTING}, counting flow brackets and block
 * indentation levels outside quotes and comments; undefined when it never does. A linear scan,
 * no recursion: it must work on exactly the files that break recursive parsers.
 */
function tooDeep(text: string): number | undefined {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === " ") {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== "#" && flow === 0) {
        while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > MAX_NESTING) return i;
      }
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end - 1;
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) {
      // Skip the quoted scalar; an unclosed quote ends the scan (the syntax error is elsewhere).
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === "\\" ? 2 : 1;
      i = j;
    } else if (c === "[" || c === "{") {
      flow++;
      if (flow + indents.length > MAX_NESTING) return i;
    } else if ((c === "]" || c === "}") && flow > 0) {
      flow--;
    } else if (c === "-" && (text[i + 1] === " " || text[i + 1] === "\n") && flow === 0) {
      // `- - x` nests a sequence in a sequence on one line.
      const col = i - (text.lastIndexOf("\n", i) + 1);
      if (indents.at(-1)! < col) {
        indents.push(col);
        if (indents.length > MAX_NESTING) return i;
      }
    }
  }
  return undefined;
}

/** Whether a quote at `i` opens a quoted scalar rather than standing inside a plain one (O'Brien). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && text[j] === " ") j--;
  return j < 0 || "\n:-[{,?".includes(text[j]!);
}
