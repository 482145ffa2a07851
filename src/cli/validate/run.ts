import { loadInventory } from "../../inventory/load.ts";
import { countBySeverity, formatProblem } from "../../inventory/problems.ts";
import { plural } from "../../text/plural.ts";
import { EXIT } from "../../io/exit-codes.ts";
import { inventoryPath } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";

export interface ValidateOptions {
  readonly inventory: string;
  readonly json: boolean;
}

/**
 * The `validate --json` document, a stable contract:
 * `{ file, valid, errors, warnings, partners, linkedAccounts, problems: Problem[] }`.
 * An invalid inventory is what this command reports, not bad input to it: its problems go to
 * stdout (or the JSON), and the exit code says 2.
 */
export async function runValidate(options: ValidateOptions, io: CommandIo): Promise<number> {
  const file = options.inventory;
  const result = await loadInventory(inventoryPath(io, file), file);
  const { errors, warnings } = countBySeverity(result.problems);
  const partners = result.inventory?.partners.length ?? 0;
  const linkedAccounts = result.inventory?.partners.reduce((n, p) => n + p.linkedAccounts.length, 0) ?? 0;
  if (options.json) {
    const doc = { file, valid: errors === 0, errors, warnings, partners, linkedAccounts, problems: result.problems };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    for (const p of result.problems) io.stdout(`${formatProblem(p)}\n`);
    io.stdout(`${summary(file, errors, warnings, partners, linkedAccounts)}\n`);
  }
  return errors === 0 ? EXIT.ok : EXIT.badInput;
}

function summary(file: string, errors: number, warnings: number, partners: number, accounts: number): string {
  if (errors > 0) return `${file}: invalid: ${plural(errors, "error")}, ${plural(warnings, "warning")}; nothing was run`;
  return `${file}: valid: ${plural(partners, "partner")}, ${plural(accounts, "linked account")}, ${plural(warnings, "warning")}`;
}
