/**
 * Diffing old inputs against new ones, as the engine needs it: which properties change,
 * which of them force a replacement, and a detailed diff (property -> kind) for display and
 * for the engine's own replace decisions. Inputs are compared, never outputs, so computed
 * outputs (an ARN, an organization's accounts) never show as changes.
 */
import type { ResourceType } from "./types.ts";
import { isUnknown, jsonEqual, deepEqual, type Props } from "./util.ts";

export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

export interface DiffOutcome {
  changes: boolean;
  /** Changed properties that force a replacement. */
  replaces: string[];
  /** Every changed property. */
  changed: string[];
  detailedDiff: Record<string, DiffKind>;
  deleteBeforeReplace: boolean;
}

/** Keys the bridge keeps in inputs for itself (`__defaults`), never a change of the resource. */
function internal(key: string): boolean {
  return key.startsWith("__");
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * `olds`: the inputs the resource has (its state's inputs, or what a read found); `news`: the
 * checked inputs the program now gives. `oldRegion`/`newRegion`: where it is and would be.
 */
export function diffInputs(
  rt: ResourceType,
  olds: Props,
  news: Props,
  ignoreChanges: readonly string[],
  regions?: { old: string | undefined; new: string | undefined },
): DiffOutcome {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !internal(k) && !ignoreChanges.includes(k)));
  const changed: string[] = [];
  const replaces: string[] = [];
  const detailedDiff: Record<string, DiffKind> = {};
  const forceNew = new Set([...rt.forceNew, ...(rt.regional ? ["region"] : [])]);
  for (const key of [...keys].sort()) {
    const o = olds[key];
    const n = news[key];
    if (absent(o) && absent(n)) continue;
    // Left out, an Optional + Computed input keeps what AWS has: no change.
    if (absent(n) && rt.optionalComputed?.includes(key)) continue;
    const same = !isUnknown(n) && (rt.jsonInputs?.includes(key) ? jsonEqual(o, n) : deepEqual(o, n));
    if (same) continue;
    const kind = absent(o) ? "ADD" : absent(n) ? "DELETE" : "UPDATE";
    const replace = forceNew.has(key);
    changed.push(key);
    if (replace) replaces.push(key);
    detailedDiff[key] = replace ? (`${kind}_REPLACE` as DiffKind) : kind;
  }
  // pulumi-aws 7: a regional resource moves with its provider's region when it sets none itself.
  if (rt.regional && regions?.old !== undefined && regions.new !== undefined && regions.old !== regions.new && !keys.has("region") && !ignoreChanges.includes("region")) {
    changed.push("region");
    replaces.push("region");
    detailedDiff["region"] = "UPDATE_REPLACE";
  }
  // The bridge deletes first when a replacement keeps a name the program chose (not one it
  // generated): two resources of one name cannot exist side by side.
  const named = rt.autoName !== undefined && !absent(news[rt.autoName.property]) && !((news["__defaults"] as unknown[] | undefined) ?? []).includes(rt.autoName.property);
  return { changes: changed.length > 0, replaces, changed, detailedDiff, deleteBeforeReplace: replaces.length > 0 && named };
}
