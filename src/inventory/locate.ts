/**
 * Turns field paths into `line:col` in the source YAML, from js-yaml's parser events (which
 * carry source offsets). The index is built only when there is a problem to report, so a
 * valid fleet of any size pays nothing for it.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, type Event, type ScalarEvent } from "js-yaml";
import { excerpt } from "../text/characters.ts";
import { formatPath, type PathKey, type Problem } from "./problems.ts";

/** Where a field stands in the source, and how its value was written. */
export interface Location {
  readonly line: number;
  readonly column: number;
  /** The scalar exactly as written (quotes included); undefined for maps and lists. */
  readonly written?: string;
}

export interface ProblemInit {
  readonly severity: Problem["severity"];
  readonly rule: string;
  readonly path: readonly PathKey[];
  readonly message: string;
  /** Point at the key rather than the value (unknown keys). */
  readonly atKey?: boolean;
}

interface SourceNode {
  readonly start: number;
  readonly written?: string;
  readonly entries?: Map<string, { key: SourceNode; value: SourceNode }>;
  readonly items?: SourceNode[];
}

export class Locator {
  private root: SourceNode | undefined;
  private lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly events: readonly Event[],
  ) {}

  /**
   * The deepest node on `path` that exists: a missing field is reported at the map that
   * should hold it; an empty value at its key.
   */
  locate(path: readonly PathKey[], atKey = false): Location {
    this.root ??= buildTree(this.text, this.events);
    let node = this.root;
    let key: SourceNode | undefined;
    // The last place on the path that exists in the source: an empty list item has none.
    let placed = this.root;
    for (const step of path) {
      const next = child(node, step);
      if (next === undefined) break;
      ({ key, value: node } = next);
      if (key !== undefined && key.start >= 0) placed = key;
      if (node.start >= 0) placed = node;
    }
    // An empty value (`name:`) is shown at its key, and has no text to show.
    const empty = node.written === "" || node.start < 0;
    const target = atKey || empty ? (key !== undefined && key.start >= 0 ? key : placed) : node;
    // An empty document (`---` alone) has no node with a place: its start is the file's.
    const { line, column } = this.position(Math.max(target.start, 0));
    const written = target === node && !atKey && !empty ? node.written : undefined;
    return written === undefined ? { line, column } : { line, column, written };
  }

  problem(init: ProblemInit): Problem {
    const at = this.locate(init.path, init.atKey);
    return {
      severity: init.severity,
      rule: init.rule,
      file: this.file,
      line: at.line,
      column: at.column,
      path: formatPath(init.path),
      // A value of megabytes would bury every other line: an excerpt, with its length.
      ...(at.written === undefined ? {} : { value: excerpt(at.written) }),
      message: init.message,
    };
  }

  /** 1-based line and column of a source offset. */
  position(offset: number): { line: number; column: number } {
    this.lineStarts ??= lineStarts(this.text);
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function child(node: SourceNode, step: PathKey): { key?: SourceNode; value: SourceNode } | undefined {
  if (node.entries) return node.entries.get(String(step));
  if (node.items && typeof step === "number") {
    const item = node.items[step];
    return item && { key: item, value: item };
  }
  return undefined;
}

function scalarNode(text: string, ev: ScalarEvent): SourceNode {
  // An empty value has no place of its own (valueStart -1): the locator uses its key's.
  if (ev.valueStart < 0) return { start: -1, written: "" };
  const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
  const start = quoted ? ev.valueStart - 1 : ev.valueStart;
  const end = quoted ? ev.valueEnd + 1 : ev.valueEnd;
  return { start, written: text.slice(start, end) };
}

/** Rebuilds the document's shape, offsets only, from the flat event stream. */
function buildTree(text: string, events: readonly Event[]): SourceNode {
  interface Frame {
    node: SourceNode;
    pendingKey?: { name: string; node: SourceNode };
  }
  let root: SourceNode = { start: 0 };
  const stack: Frame[] = [];
  const attach = (node: SourceNode, keyName?: string) => {
    const top = stack.at(-1);
    if (top === undefined) {
      root = node;
    } else if (top.node.items) {
      top.node.items.push(node);
    } else if (top.node.entries) {
      if (top.pendingKey === undefined) {
        top.pendingKey = { name: keyName ?? node.written ?? "", node };
      } else {
        top.node.entries.set(top.pendingKey.name, { key: top.pendingKey.node, value: node });
        top.pendingKey = undefined;
      }
    }
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.MAPPING: {
        const node: SourceNode = { start: ev.start, entries: new Map() };
        attach(node);
        stack.push({ node });
        break;
      }
      case EVENT_ID.SEQUENCE: {
        const node: SourceNode = { start: ev.start, items: [] };
        attach(node);
        stack.push({ node });
        break;
      }
      case EVENT_ID.SCALAR:
        attach(scalarNode(text, ev), getScalarValue(text, ev));
        break;
      case EVENT_ID.ALIAS:
        attach({ start: Math.max(0, ev.anchorStart - 1) });
        break;
      case EVENT_ID.POP:
        // Documents pop too; they were never pushed.
        if (stack.length > 0) stack.pop();
        break;
      default:
        break;
    }
  }
  return root;
}
