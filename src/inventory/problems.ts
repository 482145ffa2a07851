import { excerpt, visible } from "../text/characters.ts";

/** A problem found in an inventory, located in its source file. */
export interface Problem {
  readonly severity: "error" | "warning";
  /** Which check found it, e.g. `yaml`, `schema`, `duplicate-account-id`. */
  readonly rule: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The field, e.g. `partners[2].payer.rootEmail`; empty for the whole file. */
  readonly path: string;
  /** The offending value as written, when there is one. */
  readonly value?: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

export type PathKey = string | number;

/** `["partners", 2, "payer"]` → `partners[2].payer` */
export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out;
}

/**
 * The `FILE:LINE:COL: severity: field: message (got value)` line compilers and editors
 * understand: one line whatever the value holds, its control characters shown as escapes.
 */
export function formatProblem(p: Problem): string {
  const field = p.path === "" ? "" : `${excerpt(p.path)}: `;
  const got = p.value === undefined ? "" : ` (got ${p.value})`;
  return visible(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${field}${p.message}${got}`);
}

/** In file order, so the output reads top to bottom; at one spot errors before warnings. */
export function sortProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === "error" ? 0 : 1);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || rank(a) - rank(b));
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === "error") errors++;
  return { errors, warnings: problems.length - errors };
}
