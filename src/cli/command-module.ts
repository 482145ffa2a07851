/**
 * One command of the command line, declared once: its options for yargs, how they are read
 * into typed values (every problem reported together, before anything runs), and the module
 * that runs it, imported only when it runs so that `--help` and `validate` load nothing else.
 */
import type { Argv, CommandModule } from "yargs";
import { InputError } from "../io/errors.ts";
import { loadOrThrow } from "./inventory-option.ts";
import type { CommandContext, CommandIo } from "./io.ts";
import { checkOptions, parseOptions, type ParseOptions } from "./usage.ts";

export type RunCommand<T> = (options: T, io: CommandIo) => Promise<number>;

export interface CommandSpec<T extends { readonly inventory: string }> {
  /** The command, with its positionals: `validate [file]`. */
  readonly command: string;
  readonly describe: string;
  /** Declares the options and examples to yargs. */
  readonly options: (y: Argv) => Argv;
  readonly parse: ParseOptions<T>;
  /** Loads the module that runs the command. */
  readonly load: () => Promise<RunCommand<T>>;
}

export function commandModule<T extends { readonly inventory: string }>(ctx: CommandContext, spec: CommandSpec<T>): CommandModule<object, never> {
  // With a usage error, the inventory's errors too: a user fixes both after one run.
  const inventoryProblems = async (options: T): Promise<InputError | undefined> => {
    if (options.inventory === "") return undefined;
    try {
      await loadOrThrow(ctx.io, options.inventory);
      return undefined;
    } catch (err) {
      if (err instanceof InputError) return err;
      throw err;
    }
  };
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (y: Argv) => spec.options(y).check(checkOptions(spec.parse, ctx.args, inventoryProblems)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(spec.parse, argv as Record<string, unknown>);
      const run = await spec.load();
      ctx.exitCode = await run(options, ctx.io);
    },
  };
}
