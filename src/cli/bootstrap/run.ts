import { chmod } from "node:fs/promises";
import { join, resolve } from "node:path";
import { bootstrapFiles } from "../../bootstrap/bundle.ts";
import { bootstrapTarget } from "../../bootstrap/target.ts";
import { TEMPLATE_FILE } from "../../bootstrap/template.ts";
import { Problems } from "../../io/errors.ts";
import { prepareOutput, writeFileAtomic } from "../../io/files.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { EXIT } from "../../io/exit-codes.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";
import { prepareOutputs } from "../../io/outputs.ts";

export interface BootstrapOptions {
  readonly inventory: string;
  /** A partner id, or `hub`. */
  readonly partner: string;
  /** Directory to write into; without it every file is printed, each under a `==> name <==` line. */
  readonly out?: string;
  /** A billing-transfer partner's invitation, for the customer's accept commands and policy. */
  readonly handshake?: string;
}

export async function runBootstrap(options: BootstrapOptions, io: CommandIo): Promise<number> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const problems = new Problems();
  const stacks = await problems.check(() => namedStacks(inventory, [options.partner], { hub: true }));
  const target = stacks === undefined ? undefined : bootstrapTarget(inventory, stacks[0]!.stack)!;
  if (target !== undefined && options.handshake !== undefined && target.transferPartner === undefined) {
    problems.add(`--handshake is for billing-transfer partners: ${options.partner} is ${target.partner === undefined ? "the root-activity hub" : "a custody partner"}`);
  }
  const files = target === undefined || problems.any ? [] : bootstrapFiles(inventory, target, options.handshake);
  // For a partner the inventory does not have, the folder is still checked, in the same run.
  const paths = options.out === undefined ? [] : (files.length > 0 ? files.map((f) => f.name) : [TEMPLATE_FILE]).map((name) => join(options.out!, name));
  const undo = await problems.check(() => prepareOutputs(io, paths.map((path) => ({ flag: "out", path })), { inventory: options.inventory }, prepareOutput));
  if (problems.any) {
    await undo?.();
    problems.throwIfAny();
  }
  if (options.out === undefined) {
    io.stdout(files.map((f) => `==> ${f.name} <==\n${f.content}`).join("\n"));
    return EXIT.ok;
  }
  for (const [i, file] of files.entries()) {
    await writeFileAtomic(resolve(io.cwd, paths[i]!), file.content);
    if (file.executable) await chmod(resolve(io.cwd, paths[i]!), 0o755);
    io.stdout(`wrote ${paths[i]}\n`);
  }
  return EXIT.ok;
}
