/**
 * The `payerfleet` command line. Commands are registered explicitly, one module each; their
 * handlers import what they need lazily, so `validate` never loads Pulumi.
 */
import yargs from "yargs";
import { validateCommand } from "./validate.ts";
import { auditCommand } from "./audit.ts";
import { bootstrapCommand } from "./bootstrap.ts";
import { previewCommand } from "./preview.ts";
import { upCommand } from "./up.ts";
import { refreshCommand } from "./refresh.ts";
import { destroyCommand } from "./destroy.ts";
import { planCommand } from "./plan.ts";
import { policiesCommand } from "./policies.ts";
import { EXIT } from "./exit.ts";

export async function main(args: readonly string[]): Promise<void> {
  const usageErrors: string[] = [];
  await yargs([...args])
    .scriptName("payerfleet")
    .usage("$0 <command> [options]\n\nReconcile the distributor-owned payer account of every partner with Pulumi.")
    .command(validateCommand)
    .command(planCommand)
    .command(policiesCommand)
    .command(bootstrapCommand)
    .command(previewCommand)
    .command(upCommand)
    .command(refreshCommand)
    .command(destroyCommand)
    .command(auditCommand)
    .demandCommand(1, "A command is required.")
    .strict()
    .recommendCommands()
    .help()
    .alias("help", "h")
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      // Usage errors, including a .check() that fails, are bad input (exit 2); yargs raises
      // them as YError. Anything else is a bug worth its stack trace.
      if (error && error.name !== "YError") throw error;
      usageErrors.push(message ?? error?.message ?? "invalid arguments");
    })
    .parseAsync();
  if (usageErrors.length > 0) {
    console.error([...new Set(usageErrors), "Run payerfleet --help for usage."].join("\n"));
    process.exitCode = EXIT.badInput;
  }
}
