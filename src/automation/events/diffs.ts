/**
 * Property diffs of one engine step. The engine gives `detailedDiff` (property path → kind)
 * when the provider computed one, else only `diffs` (top-level keys) and `keys` (those that
 * force a replacement); a logical resource such as the stack itself carries neither, so its
 * diff is computed from the old and new states. Values are rendered short, secrets masked: a
 * report must never carry a secret, even one the engine forgot to mask.
 */
import type { StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation/index.js";
import { canonicalJson } from "../../text/canonical-json.ts";
import { isSecret } from "../../text/secrets.ts";
import { reportValue } from "./values.ts";
import type { PropertyDiff } from "../reports/report.ts";

/** Longest rendered value; a policy document is summarised, not reproduced. */
const MAX_VALUE_CHARS = 120;
/** Most diffs kept per resource: memory stays bounded whatever the provider reports. */
const MAX_DIFFS = 50;


/** Short JSON of a value as a report shows it (values.ts), cut at {@link MAX_VALUE_CHARS}. */
function shortJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Splits an engine property path: `a.b[0]["c.d"]` → `["a", "b", 0, "c.d"]`. */
function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) keys.push(Number(m[1]));
    else if (m[2] !== undefined) keys.push(m[2].replace(/\\(.)/g, "$1"));
    else if (m[3] !== undefined) keys.push(m[3]);
  }
  return keys;
}

function lookup(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of parsePath(path)) {
    if (isSecret(node)) return node;
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const WHOLE_RESOURCE_OPS = new Set(["create", "delete", "read", "import", "discard", "remove-pending-replace", "same"]);

function changedKeys(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string[] {
  before ??= {};
  after ??= {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !k.startsWith("__") && canonicalJson(before[k]) !== canonicalJson(after[k])).sort();
}

function side(state: StepEventStateMetadata | null | undefined, inputDiff: boolean): Record<string, unknown> | undefined {
  // The engine sends `old: null` for a create and `new: null` for a delete.
  if (state === undefined || state === null) return undefined;
  return (inputDiff ? state.inputs : state.outputs) ?? undefined;
}

function entry(path: string, kind: string, before: unknown, after: unknown): PropertyDiff {
  const oldValue = kind.startsWith("add") ? undefined : lookup(before, path);
  const newValue = kind.startsWith("delete") ? undefined : lookup(after, path);
  const shownOld = oldValue === undefined ? undefined : reportValue(oldValue);
  const shownNew = newValue === undefined ? undefined : reportValue(newValue);
  return {
    path,
    kind,
    ...(shownOld === undefined ? {} : { old: shortJson(shownOld)!, before: shownOld }),
    ...(shownNew === undefined ? {} : { new: shortJson(shownNew)!, after: shownNew }),
  };
}

/**
 * The property diffs of a step, sorted by path, at most {@link MAX_DIFFS}. Refresh steps compare
 * outputs (what the cloud holds); other steps compare inputs, or outputs for logical resources
 * whose inputs are empty (the stack's own outputs).
 */
export function propertyDiffs(meta: StepEventMetadata): PropertyDiff[] {
  // A create or a delete is the whole resource: its line in the report says all there is.
  if (WHOLE_RESOURCE_OPS.has(meta.op)) return [];
  const refresh = meta.op === "refresh";
  let out: PropertyDiff[];
  if (meta.detailedDiff && Object.keys(meta.detailedDiff).length > 0) {
    out = Object.entries(meta.detailedDiff).map(([path, d]) =>
      entry(path, d.diffKind, side(meta.old, d.inputDiff), side(meta.new, d.inputDiff)),
    );
  } else if (meta.diffs && meta.diffs.length > 0) {
    const replaceKeys = new Set(meta.keys ?? []);
    const inputs = !refresh;
    out = meta.diffs.map((path) =>
      entry(path, replaceKeys.has(path) ? "update-replace" : "update", side(meta.old, inputs), side(meta.new, inputs)),
    );
  } else if (!meta.old || !meta.new) {
    // One side of a replacement (delete-replaced has no new state): the other step has the diff.
    out = [];
  } else {
    let inputs = !refresh;
    let keys = changedKeys(side(meta.old, inputs), side(meta.new, inputs));
    if (keys.length === 0 && inputs && meta.type === "pulumi:pulumi:Stack") {
      inputs = false;
      keys = changedKeys(side(meta.old, false), side(meta.new, false));
    }
    const before = side(meta.old, inputs);
    const after = side(meta.new, inputs);
    out = keys.map((k) => {
      const kind = before?.[k] === undefined ? "add" : after?.[k] === undefined ? "delete" : "update";
      return entry(k, kind, before, after);
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, MAX_DIFFS);
}

/** Whether a refresh step found the cloud different from the state. */
export function refreshDrifted(meta: StepEventMetadata): boolean {
  if (meta.detailedDiff && Object.keys(meta.detailedDiff).length > 0) return true;
  if (meta.diffs && meta.diffs.length > 0) return true;
  if (!meta.old || !meta.new) return Boolean(meta.old) !== Boolean(meta.new);
  return changedKeys(meta.old.outputs ?? {}, meta.new.outputs ?? {}).length > 0;
}
