import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { PlanOptions } from "./run.ts";

export function planCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<PlanOptions>(ctx, {
    command: "plan",
    describe: "Show the desired state of each stack, offline: no cloud account, no Pulumi CLI",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", array: true, nargs: 1, default: [], describe: "Only this partner (repeatable); `hub` for the hub stack" })
        .option("json", { type: "boolean", default: false, describe: "Print every resource with its inputs as JSON" })
        .example("$0 plan -i examples/inventory.yaml", "Resource counts and warnings per stack")
        .example("$0 plan -i examples/inventory.yaml --partner fabrikam --json", "One partner's desired state, for a PR diff"),
    parse: (argv, problems) => ({ inventory: problems.inventory(argv), partners: problems.partners(argv), json: argv["json"] === true }),
    load: async () => (await import("./run.ts")).runPlan,
  });
}
