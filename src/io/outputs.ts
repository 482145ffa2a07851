/**
 * The files a command will write (`--json`, `--markdown`, `--out`), checked before it runs
 * anything: none is the inventory or the passphrase file (by name or through a link), no two
 * are the same file, and each can be written (its folder made, a file created in it). `-` means
 * standard output.
 */
import { basename, dirname, resolve } from "node:path";
import { InputError } from "./errors.ts";
import { canonicalPath, prepareOutput, removeDirectories } from "./files.ts";

export const STDOUT = "-";

export interface NamedOutput {
  /** The option that named it, without dashes. */
  readonly flag: string;
  readonly path: string;
}

/** A file no report may replace: the inventory, the passphrase file. */
export interface KeptFile {
  /** `the inventory`, `the passphrase file (PULUMI_CONFIG_PASSPHRASE_FILE)`. */
  readonly what: string;
  readonly path: string;
}

/**
 * The file of each part of a long Markdown report: part 1 is `file` itself, part k is `file`
 * with `.k` before its extension (`pr.md`, `pr.2.md`, `pr.3.md`; `out` → `out.2`).
 */
export function partFile(file: string, part: number): string {
  if (part === 1) return file;
  const slash = file.lastIndexOf("/");
  const dot = file.lastIndexOf(".");
  return dot > slash + 1 ? `${file.slice(0, dot)}.${part}${file.slice(dot)}` : `${file}.${part}`;
}

/** Whether `path` is where a later part of the Markdown report at `markdown` would go. */
function isLaterPart(path: string, markdown: string): boolean {
  if (dirname(path) !== dirname(markdown)) return false;
  const m = /^(.*)\.(\d+)(\.[^.]*)?$/.exec(basename(path));
  return m !== null && Number(m[2]) >= 2 && partFile(basename(markdown), Number(m[2])) === basename(path);
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
  const markdown = outputs.find((o) => o.flag === "markdown" && o.path !== STDOUT);
  for (const output of outputs) {
    if (markdown === undefined || output === markdown || output.path === STDOUT) continue;
    if (isLaterPart(resolve(cwd, output.path), resolve(cwd, markdown.path))) {
      problems.push(`--${output.flag} ${output.path} is where a long --markdown report's further parts go (${markdown.path} is part 1): name another file`);
    }
  }
  return problems;
}

/**
 * Checks every output (the clashes above, then each against the inventory and the other kept
 * files, through links too, then that it can be written) and throws an {@link InputError} with
 * every problem. Creates the outputs' folders; resolves to a function that removes the ones it
 * created, for a command whose later check stops it. On a problem it removes them itself.
 */
export async function prepareOutputs(
  io: { readonly cwd: string },
  outputs: readonly NamedOutput[],
  files: { readonly inventory: string; readonly kept?: readonly KeptFile[] },
  prepare: (file: string) => Promise<string[]> = prepareOutput,
): Promise<() => Promise<void>> {
  const problems = outputClashes(outputs, files.inventory, io.cwd);
  const kept = [{ what: "the inventory", path: files.inventory }, ...(files.kept ?? [])].map((k) => ({ ...k, path: resolve(io.cwd, k.path) }));
  const real = new Map(await Promise.all(kept.map(async (k) => [k, await canonicalPath(k.path)] as const)));
  const written = outputs.filter((o) => o.path !== STDOUT);
  for (const output of written) {
    const path = resolve(io.cwd, output.path);
    const canonical = await canonicalPath(path);
    for (const k of kept) {
      if (real.get(k) !== canonical || (k === kept[0] && path === k.path)) continue; // the inventory by name: said above
      problems.push(`--${output.flag} ${output.path} is ${k.what}${path === k.path ? "" : ` (${k.path}, through a link)`}: writing the report there would destroy it`);
    }
  }
  const created: string[] = [];
  const undo = () => removeDirectories(created);
  // Tried even when another problem is known: each is reported in this run, and undone.
  for (const output of written) {
    try {
      created.push(...(await prepare(resolve(io.cwd, output.path))));
    } catch (err) {
      problems.push(`--${output.flag} ${output.path} cannot be written: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) {
    await undo();
    throw new InputError(problems);
  }
  return undo;
}
