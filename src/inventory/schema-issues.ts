/**
 * Zod's issues, reworded for people editing YAML: each names the field, says what is allowed
 * and points at the line and column.
 */
import { z } from "zod";
import type { Locator } from "./locate.ts";
import type { PathKey, Problem } from "./problems.ts";
import { excerpt } from "../text/characters.ts";
import { plural } from "../text/plural.ts";

type Issue = z.core.$ZodIssue;

export function schemaProblems(issues: readonly Issue[], data: unknown, locator: Locator, root: z.ZodType): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const allowed = objectKeysAt(root, path);
      for (const key of issue.keys) {
        const near = closest(key, allowed);
        const hint = near ? `did you mean "${near}"? ` : "";
        problems.push(
          locator.problem({
            severity: "error",
            rule: "unknown-key",
            path: [...path, key],
            atKey: true,
            message: `unknown key "${excerpt(key)}": ${hint}allowed here: ${allowed.join(", ")}`,
          }),
        );
      }
      continue;
    }
    const value = valueAt(data, path);
    const at = locator.locate(path);
    problems.push(locator.problem({ severity: "error", rule: "schema", path, message: describe(issue, value, at.written) }));
  }
  return problems;
}

function describe(issue: Issue, value: unknown, written: string | undefined): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      if (issue.expected === "string" && typeof value === "number" && written !== undefined && /^[0-9]+$/.test(written)) {
        return `must be a quoted string: YAML reads the unquoted ${written} as the number ${value}; write "${written}"`;
      }
      return `must be ${article(issue.expected)}, not ${kindOf(value)}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(", ")}`;
    case "too_small":
      if (issue.origin === "array") return `must list at least ${plural(Number(issue.minimum), "item")}`;
      if (issue.origin === "string") return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `must list at most ${issue.maximum} items`;
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    default:
      // invalid_format and custom issues carry the schema's own wording (see schema.ts).
      return issue.message;
  }
}

function article(expected: string): string {
  const noun = expected === "object" ? "map" : expected === "array" ? "list" : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return article(typeof value);
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/** The keys the schema allows for the object at `path`. */
function objectKeysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (node instanceof z.ZodObject) node = unwrap(node.shape[String(key)] as z.ZodType | undefined);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) {
    node = node.unwrap() as z.ZodType;
  }
  return node;
}

/** A known key within two edits of a typo, to suggest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
