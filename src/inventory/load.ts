/**
 * Loads an inventory file into typed data, or into every problem it has, all at once. Never
 * touches AWS or Pulumi: `validate` and every other command start here, and nothing runs
 * when an error is found.
 *
 * js-yaml's event parser reads the file once: the events build the data, and only when there
 * is a problem to report, the index of source positions. The core schema keeps YAML 1.2
 * semantics (no timestamps, `yes` stays a string).
 */
import { readFile } from "node:fs/promises";
import { CORE_SCHEMA, EVENT_ID, YAMLException, constructFromEvents, parseEvents, type Event } from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import { Locator } from "./locate.ts";
import { countBySeverity, sortProblems, type Problem } from "./problems.ts";
import { checkFleet, type Finding, type Fleet } from "./rules.ts";
import { schemaProblems } from "./schema-issues.ts";
import { boundaryFitsQuota, hubBusPolicyFits } from "./size-rules.ts";
import { Inventory } from "./schema.ts";

export interface LoadResult {
  readonly file: string;
  /** Present only when there is no error. */
  readonly inventory?: Inventory;
  /** Errors and warnings in file order. */
  readonly problems: Problem[];
}

export async function loadInventory(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    return { file, problems: [{ severity: "error", rule: "file", file, line: 1, column: 1, path: "", message: `cannot read the inventory: ${reason}` }] };
  }
  return parseInventory(text, file);
}

export function parseInventory(text: string, file: string): LoadResult {
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(text, { filename: file });
    // An empty file holds no document at all; call it empty, like an empty document.
    data = constructFromEvents(events, { source: text, schema: CORE_SCHEMA })[0] ?? null;
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    return { file, problems: syntaxProblems(text, file, err) };
  }
  const locator = new Locator(file, text, events);
  const second = secondDocumentOffset(events);
  if (second !== undefined) {
    // js-yaml would keep only the first document: a fleet split in two must not half-load.
    const { line, column } = locator.position(second);
    return { file, problems: [{ severity: "error", rule: "yaml", file, line, column, path: "", message: "YAML: the inventory must be one document; this is a second one (after ---)" }] };
  }
  const problems: Problem[] = [];
  const report = (f: Finding) => {
    const related = f.related && locator.locate(f.related);
    const message = related ? `${f.message} (line ${related.line})` : f.message;
    problems.push(locator.problem({ severity: f.severity, rule: f.rule, path: f.path, message }));
  };

  const parsed = Inventory.safeParse(data);
  if (parsed.success) {
    checkFleet(parsed.data, report, { warnings: true });
    // Sizes only mean something for a fleet that is otherwise valid.
    if (!problems.some((p) => p.severity === "error")) {
      boundaryFitsQuota(parsed.data, report);
      hubBusPolicyFits(parsed.data, report);
    }
  } else {
    problems.push(...schemaProblems(parsed.error.issues, data, locator, Inventory));
    checkFleet(salvage(data, parsed.error.issues), report, { warnings: false });
  }
  sortProblems(problems);
  const { errors } = countBySeverity(problems);
  return errors === 0 && parsed.success ? { file, inventory: parsed.data, problems } : { file, problems };
}

/** Where a second YAML document starts, when there is one. */
function secondDocumentOffset(events: readonly Event[]): number | undefined {
  let documents = 0;
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) documents++;
    else if (documents >= 2) {
      if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.start;
      if (ev.type === EVENT_ID.SCALAR) return Math.max(0, ev.valueStart);
    }
  }
  return documents >= 2 ? 0 : undefined;
}

/**
 * Every syntax error of a file js-yaml rejected. js-yaml stops at the first one; the `yaml`
 * package recovers and lists them all, at ten times js-yaml's cost, which only a broken file
 * pays. Should the two disagree, js-yaml's own error stands.
 */
function syntaxProblems(text: string, file: string, err: YAMLException): Problem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const located = (offset: number, message: string): Problem => {
    const { line, col } = lines.linePos(offset);
    return { severity: "error", rule: "yaml", file, line, column: col, path: "", message: `YAML: ${message}` };
  };
  if (doc.errors.length > 0) return sortProblems(doc.errors.map((e) => located(e.pos[0], e.message)));
  return [located(err.mark?.position ?? 0, err.reason)];
}

/**
 * The inventory less every value the schema rejected, for the fleet-wide rules to read in the
 * same run. Defaults are not applied, hence `Fleet`'s optional fields.
 */
function salvage(data: unknown, issues: readonly { code: string; path: readonly PropertyKey[] }[]): Fleet {
  const copy = structuredClone(data);
  for (const issue of issues) {
    // Unknown keys are harmless to the rules; removing their parent would hide its other fields.
    if (issue.code === "unrecognized_keys" || issue.path.length === 0) continue;
    let node: unknown = copy;
    for (const key of issue.path.slice(0, -1)) node = node === null || typeof node !== "object" ? undefined : (node as Record<PropertyKey, unknown>)[key];
    if (node !== null && typeof node === "object") delete (node as Record<PropertyKey, unknown>)[issue.path.at(-1)!];
  }
  return copy !== null && typeof copy === "object" && !Array.isArray(copy) ? (copy as Fleet) : {};
}
