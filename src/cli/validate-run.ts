import { loadInventory } from "../inventory/load.ts";
import { countBySeverity, formatProblem } from "../inventory/problems.ts";
import { EXIT } from "./exit.ts";

/**
 * The `validate --json` document, a stable contract:
 * `{ file, valid, errors, warnings, partners, linkedAccounts, problems: Problem[] }`.
 */
export async function runValidate(file: string, options: { json: boolean }): Promise<number> {
  const result = await loadInventory(file);
  const { errors, warnings } = countBySeverity(result.problems);
  const partners = result.inventory?.partners.length ?? 0;
  const linkedAccounts = result.inventory?.partners.reduce((n, p) => n + p.linkedAccounts.length, 0) ?? 0;
  if (options.json) {
    const doc = { file, valid: errors === 0, errors, warnings, partners, linkedAccounts, problems: result.problems };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    for (const p of result.problems) process.stdout.write(`${formatProblem(p)}\n`);
    process.stdout.write(`${summary(file, errors, warnings, partners, linkedAccounts)}\n`);
  }
  return errors === 0 ? EXIT.ok : EXIT.badInput;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function summary(file: string, errors: number, warnings: number, partners: number, accounts: number): string {
  if (errors > 0) return `${file}: invalid: ${plural(errors, "error")}, ${plural(warnings, "warning")}; nothing was run`;
  return `${file}: valid: ${plural(partners, "partner")}, ${plural(accounts, "linked account")}, ${plural(warnings, "warning")}`;
}
