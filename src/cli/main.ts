/**
 * The `payerfleet` command line. Commands are registered explicitly, one module each; their
 * handlers import what they need lazily, so `validate` never loads Pulumi.
 *
 * Bad input exits 2 from one place, here: yargs' own usage errors (an unknown command, a flag
 * missing its value) and every {@link InputError} a command throws before it runs anything
 * (its options, its inventory, its environment). A usage error stops yargs before any handler
 * runs: `.fail()` throws instead of recording a message and letting the command go on.
 */
import { resolve } from "node:path";
import yargs, { type CommandModule } from "yargs";
import { exists } from "../io/files.ts";
import { InputError, UsageError } from "../io/errors.ts";
import { auditCommand } from "./audit/command.ts";
import { bootstrapCommand } from "./bootstrap/command.ts";
import { commentCommand } from "./comment/command.ts";
import { EXIT } from "../io/exit-codes.ts";
import { reportingBadInput } from "./bad-input.ts";
import { fleetCommand } from "./fleet/command.ts";
import { defaultInventory } from "./inventory-option.ts";
import { processIo, type CommandContext, type CommandIo } from "./io.ts";
import { planCommand } from "./plan/command.ts";
import { policiesCommand } from "./policies/command.ts";
import { validateCommand } from "./validate/command.ts";
import { withdrawCommand } from "./withdraw/command.ts";

type CommandFactory = (ctx: CommandContext) => CommandModule<object, never>;

const COMMANDS: readonly CommandFactory[] = [
  validateCommand,
  planCommand,
  policiesCommand,
  bootstrapCommand,
  fleetCommand("preview"),
  fleetCommand("up"),
  fleetCommand("refresh"),
  fleetCommand("destroy"),
  withdrawCommand,
  auditCommand,
  commentCommand,
];

/** Runs the command line `args`; resolves to the exit code. */
export async function main(args: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const ctx: CommandContext = { io, args, exitCode: EXIT.ok };
  const commands = COMMANDS.map((factory) => factory(ctx));
  const names = commands.map((c) => String(c.command).split(" ")[0]!);
  const command = args.find((a) => names.includes(a)) ?? "";
  let parser = yargs([...args])
    .scriptName("payerfleet")
    .usage("$0 <command> [options]\n\nReconcile the payer account, or the billing, of every partner an AWS distributor bills, with Pulumi.")
    .strictCommands()
    .demandCommand(1, "a command is required")
    .recommendCommands()
    .help()
    .alias("help", "h")
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      // Usage errors (a .check() that throws included) reach here; throwing stops yargs before
      // the handler. Anything else is a bug worth its stack trace.
      if (error instanceof InputError) throw error;
      if (error && error.name !== "YError") throw error;
      const text = message ?? error?.message ?? "invalid arguments";
      // recommendCommands says only this much, and stops yargs before "Unknown command".
      const suggestion = /^Did you mean (.+)\?$/.exec(text);
      const given = args.find((a) => !a.startsWith("-"));
      if (suggestion && given !== undefined) throw new UsageError([`unknown command ${given}: did you mean ${suggestion[1]}?`]);
      // Past the command, yargs calls a stray word a command; it is an argument the command does not take.
      const stray = /^Unknown commands?: (.+)$/.exec(text);
      if (stray && command !== "") throw new UsageError([strayArgument(command, stray[1]!)]);
      throw new UsageError([text]);
    });
  for (const module of commands) parser = parser.command(module);
  const code = await reportingBadInput(io, command, async () => {
    await parser.parseAsync();
    return ctx.exitCode;
  });
  if (code === EXIT.badInput && REPORTING.has(command)) for (const file of await staleReports(args, io)) io.stderr(`payerfleet ${command}: note: ${file} is from an earlier run; this run wrote nothing\n`);
  return code;
}

/** What a word on the command line that the command does not take was likely meant to be. */
function strayArgument(command: string, words: string): string {
  const first = words.split(", ")[0]!;
  if (command === "validate") return `unexpected argument ${first}: validate checks one inventory file at a time`;
  return `unexpected argument ${first}: ${command} takes options only; a partner is named with --partner ${first}`;
}

/** The commands whose --json and --markdown name files (elsewhere --json is a switch). */
const REPORTING = new Set(["preview", "up", "refresh", "destroy", "audit"]);

/**
 * The report files the command line names that exist already: a run stopped by bad input
 * writes none, so whatever is there is an earlier run's, and a CI step reading it must know.
 */
async function staleReports(args: readonly string[], io: CommandIo): Promise<string[]> {
  const valueOf = (flags: RegExp) =>
    args.flatMap((arg, i) => {
      const m = flags.exec(arg);
      const value = m?.[1] ?? (m ? args[i + 1] : undefined);
      return value !== undefined && value !== "-" && !value.startsWith("-") ? [value] : [];
    });
  // The inventory is never a report, whatever a clashing --json says.
  const inventory = resolve(io.cwd, valueOf(/^(?:-i|--inventory)(?:=(.*))?$/).at(-1) ?? defaultInventory(io.env));
  const found: string[] = [];
  for (const file of valueOf(/^--(?:json|markdown)(?:=(.*))?$/)) {
    if (resolve(io.cwd, file) !== inventory && (await exists(resolve(io.cwd, file)))) found.push(file);
  }
  return found;
}
