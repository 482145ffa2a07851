import { chmod } from "node:fs/promises";
import { join, resolve } from "node:path";
import { bootstrapFiles } from "../../bootstrap/bundle.ts";
import { bootstrapTarget } from "../../bootstrap/target.ts";
import { prepareOutput, writeFileAtomic } from "../../io/files.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { EXIT } from "../../io/exit-codes.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";
import { outputProblems } from "../../io/outputs.ts";

export interface BootstrapOptions {
  readonly inventory: string;
  /** A partner id, or `hub`. */
  readonly partner: string;
  /** Directory to write into; without it every file is printed, each under a `==> name <==` line. */
  readonly out?: string;
}

export async function runBootstrap(options: BootstrapOptions, io: CommandIo): Promise<number> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const [stack] = namedStacks(inventory, [options.partner], { hub: true });
  const files = bootstrapFiles(inventory, bootstrapTarget(inventory, stack!.stack)!);
  if (options.out === undefined) {
    io.stdout(files.map((f) => `==> ${f.name} <==\n${f.content}`).join("\n"));
    return EXIT.ok;
  }
  const paths = files.map((f) => join(options.out!, f.name));
  await outputProblems(io, options.inventory, paths.map((path) => ({ flag: "out", path })), prepareOutput);
  for (const [i, file] of files.entries()) {
    await writeFileAtomic(resolve(io.cwd, paths[i]!), file.content);
    if (file.executable) await chmod(resolve(io.cwd, paths[i]!), 0o755);
    io.stdout(`wrote ${paths[i]}\n`);
  }
  return EXIT.ok;
}
