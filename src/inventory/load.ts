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
import { Locator } from "./locate.ts";
import { countBySeverity, sortProblems, type Problem } from "./problems.ts";
import type { Finding, Fleet, Rejected } from "./findings.ts";
import { checkFleet } from "./rules.ts";
import { schemaProblems } from "./schema-issues.ts";
import { billingAdminPolicyFitsQuota, boundaryFitsQuota, hubBusPolicyFits, trustPoliciesFitQuota } from "./size-rules.ts";
import { Inventory } from "./schema.ts";
import { custodyFieldsOnTransferPartners } from "./billing-rules.ts";
import { forbiddenCharacters } from "./text-rules.ts";
import { decodeUtf8, syntaxProblems } from "./yaml-syntax.ts";

export interface LoadResult {
  readonly file: string;
  /** Present only when there is no error. */
  readonly inventory?: Inventory;
  /** Errors and warnings in file order. */
  readonly problems: Problem[];
}

/** Loads `path`; problems name the file as `file` (default: the path), as the user wrote it. */
export async function loadInventory(path: string, file = path): Promise<LoadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message;
    return { file, problems: [{ severity: "error", rule: "file", file, line: 1, column: 1, path: "", message: `cannot read the inventory: ${reason}` }] };
  }
  const decoded = decodeUtf8(bytes, file);
  if ("problem" in decoded) return { file, problems: [decoded.problem] };
  return parseInventory(decoded.text, file);
}

export function parseInventory(text: string, file: string): LoadResult {
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(text, { filename: file });
    // An empty file holds no document at all; call it empty, like an empty document.
    data = constructFromEvents(events, { source: text, schema: CORE_SCHEMA })[0] ?? null;
  } catch (err) {
    // A recursive parser meets deep nesting as a stack overflow: a syntax problem like any other.
    if (err instanceof YAMLException) return { file, problems: syntaxProblems(text, file, { offset: err.mark?.position ?? 0, message: err.reason }) };
    if (err instanceof RangeError) return { file, problems: syntaxProblems(text, file, { offset: 0, message: "nesting too deep to read" }) };
    throw err;
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
    problems.push(locator.problem({ severity: f.severity, rule: f.rule, path: f.path, message, ...(f.atKey ? { atKey: true } : {}) }));
  };

  forbiddenCharacters(data, report);
  // Read before defaults are applied: a custody-only field written on a transfer partner is an
  // error even when it holds its default value.
  custodyFieldsOnTransferPartners(data, report);
  const parsed = Inventory.safeParse(data);
  if (parsed.success) {
    checkFleet(parsed.data, report, { warnings: true });
    // Sizes only mean something for a fleet that is otherwise valid; with no error, every
    // custody partner has its payer (rules.ts), which is what `Inventory` says.
    if (!problems.some((p) => p.severity === "error")) {
      const inventory = parsed.data as Inventory;
      boundaryFitsQuota(inventory, report);
      billingAdminPolicyFitsQuota(inventory, report);
      trustPoliciesFitQuota(inventory, report);
      hubBusPolicyFits(inventory, report);
    }
  } else {
    problems.push(...schemaProblems(parsed.error.issues, data, locator, Inventory));
    // Warnings too: a reviewer fixing the errors should not meet new findings on the next run.
    const { fleet, rejected } = salvage(data, parsed.error.issues);
    checkFleet(fleet, report, { warnings: true, rejected });
  }
  sortProblems(problems);
  const { errors } = countBySeverity(problems);
  return errors === 0 && parsed.success ? { file, inventory: parsed.data as Inventory, problems } : { file, problems };
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
 * The inventory less every value the schema rejected, for the fleet-wide rules to read in the
 * same run, and which keys were taken out (so that a rejected value is not mistaken for an
 * absent one). Defaults are not applied, hence `Fleet`'s optional fields.
 */
function salvage(data: unknown, issues: readonly { code: string; path: readonly PropertyKey[] }[]): { fleet: Fleet; rejected: Rejected } {
  const copy = structuredClone(data);
  const removed = new WeakMap<object, Set<string>>();
  for (const issue of issues) {
    // Unknown keys are harmless to the rules; removing their parent would hide its other fields.
    if (issue.code === "unrecognized_keys" || issue.path.length === 0) continue;
    let node: unknown = copy;
    for (const key of issue.path.slice(0, -1)) node = node === null || typeof node !== "object" ? undefined : (node as Record<PropertyKey, unknown>)[key];
    if (node !== null && typeof node === "object") {
      const key = issue.path.at(-1)!;
      delete (node as Record<PropertyKey, unknown>)[key];
      removed.set(node, (removed.get(node) ?? new Set()).add(String(key)));
    }
  }
  const fleet = copy !== null && typeof copy === "object" && !Array.isArray(copy) ? (copy as Fleet) : {};
  return { fleet, rejected: (holder, key) => removed.get(holder)?.has(key) ?? false };
}
