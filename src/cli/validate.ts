import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { DEFAULT_INVENTORY } from "./options.ts";

interface ValidateArgs {
  file: string;
  json: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate [file]",
  describe: "Check the inventory: every error and warning at once, with file:line:col",
  builder: (y: Argv) =>
    y
      .positional("file", { type: "string", default: DEFAULT_INVENTORY, describe: "Inventory file" })
      .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" })
      .example("$0 validate examples/inventory.yaml", "Check the example fleet") as unknown as Argv<ValidateArgs>,
  handler: async (args: ArgumentsCamelCase<ValidateArgs>) => {
    const { runValidate } = await import("./validate-run.ts");
    process.exitCode = await runValidate(args.file, { json: args.json });
  },
};
