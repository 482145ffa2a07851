import type { Argv, CommandModule } from "yargs";
import { defaultInventory, inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../main.ts";
import { checkOptions, parseOptions, shown, type ParseOptions } from "../usage.ts";

export interface ValidateOptions {
  readonly inventory: string;
  readonly json: boolean;
}

/**
 * The file positionally, or with -i/--inventory like every other command, or from
 * `$PAYERFLEET_INVENTORY`; two different files named at once is a usage error.
 */
function parser(env: NodeJS.ProcessEnv): ParseOptions<ValidateOptions> {
  return (argv, problems) => {
    const positional = argv["file"] === undefined ? undefined : problems.nonEmpty("inventory", argv["file"]);
    const option = problems.single("inventory", argv["inventory"], "one inventory file");
    if (positional !== undefined && option !== undefined && positional !== option) {
      problems.add(`the inventory is named twice, as ${shown(positional)} and as --inventory ${shown(option)}: name one`);
    }
    return { inventory: positional ?? option ?? defaultInventory(env), json: argv["json"] === true };
  };
}

export function validateCommand(ctx: CommandContext): CommandModule<object, never> {
  const parse = parser(ctx.io.env);
  return {
    command: "validate [file]",
    describe: "Check the inventory: every error and warning at once, with file:line:col",
    builder: (y: Argv) =>
      inventoryOption(y.positional("file", { type: "string", describe: "Inventory file (or -i/--inventory)" }), ctx.io.env, false)
        .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
        .example("$0 validate examples/inventory.yaml", "Check the example fleet")
        .check(checkOptions(parse)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(parse, argv as Record<string, unknown>);
      const { runValidate } = await import("./run.ts");
      ctx.exitCode = await runValidate(options, ctx.io);
    },
  };
}
