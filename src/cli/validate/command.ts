import type { Argv, CommandModule } from "yargs";
import { defaultInventory, inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { ValidateOptions } from "./run.ts";
import { commandModule } from "../command-module.ts";
import { shown, type ParseOptions } from "../usage.ts";

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
  return commandModule<ValidateOptions>(ctx, {
    command: "validate [file]",
    describe: "Check the inventory: every error and warning at once, with file:line:col",
    options: (y: Argv) =>
      inventoryOption(y.positional("file", { type: "string", describe: "Inventory file (or -i/--inventory)" }), ctx.io.env, false)
        .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
        .example("$0 validate examples/inventory.yaml", "Check the example fleet"),
    parse: parser(ctx.io.env),
    load: async () => (await import("./run.ts")).runValidate,
  });
}
