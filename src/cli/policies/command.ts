import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { PoliciesOptions } from "./run.ts";

export function policiesCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<PoliciesOptions>(ctx, {
    command: "policies",
    describe: "Render every IAM role of a partner's payer (or the hub account): trust, permissions boundary, policies",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "Partner id, or hub" })
        .option("json", { type: "boolean", default: false, describe: "Print the stable JSON document" })
        .example("$0 policies -i examples/inventory.yaml --partner fabrikam --json > fabrikam-iam.json", "For a security review or a diff"),
    parse: (argv, problems) => ({
      inventory: problems.inventory(argv),
      partner: problems.required("partner", argv["partner"], "one partner (or hub)", "the partner whose roles to show (or hub)"),
      json: argv["json"] === true,
    }),
    load: async () => (await import("./run.ts")).runPolicies,
  });
}
