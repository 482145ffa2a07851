/**
 * The files a command will write (`--json`, `--markdown`, `--out`), checked before it runs
 * anything: none is the inventory, no two are the same file, and each can be written (its
 * folder made, a file created in it). `-` means standard output.
 */
import { resolve } from "node:path";
import { InputError } from "./errors.ts";
import { prepareOutput } from "./files.ts";

export const STDOUT = "-";

export interface NamedOutput {
  /** The option that named it, without dashes. */
  readonly flag: string;
  readonly path: string;
}

/** Two outputs naming one file, or an output naming the inventory: known from the names alone. */
export function outputClashes(outputs: readonly NamedOutput[], inventory: string, cwd: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, NamedOutput>();
  const inventoryPath = resolve(cwd, inventory);
  for (const output of outputs) {
    const key = output.path === STDOUT ? STDOUT : resolve(cwd, output.path);
    const first = seen.get(key);
    if (first !== undefined && first.flag !== output.flag) {
      problems.push(`--${first.flag} and --${output.flag} both name ${output.path === STDOUT ? "standard output (-)" : output.path}: each report needs its own file`);
    }
    seen.set(key, first ?? output);
    if (key === inventoryPath) problems.push(`--${output.flag} ${output.path} is the inventory itself: writing the report there would destroy it`);
  }
  return problems;
}

/**
 * Throws an {@link InputError} with every output that clashes or cannot be written. Creates
 * the outputs' folders, so a command calls it last among its checks, once nothing else is wrong.
 */
export async function outputProblems(io: { readonly cwd: string }, inventory: string, outputs: readonly NamedOutput[], prepare = prepareOutput): Promise<void> {
  const problems = outputClashes(outputs, inventory, io.cwd);
  if (problems.length > 0) throw new InputError(problems);
  for (const output of outputs) {
    if (output.path === STDOUT) continue;
    try {
      await prepare(resolve(io.cwd, output.path));
    } catch (err) {
      problems.push(`--${output.flag} ${output.path} cannot be written: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
}
