import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { BootstrapOptions } from "./run.ts";

export function bootstrapCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<BootstrapOptions>(ctx, {
    command: "bootstrap",
    describe: "What to deploy in a partner's payer first: the automation role (CloudFormation or AWS CLI) and the custody ceremony",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "The partner to onboard, or hub for the hub account" })
        .option("out", { type: "string", nargs: 1, describe: "Write the files into DIR (created if needed). Default: print them all" })
        .example("$0 bootstrap --partner acme --out onboarding/acme", "Write the template, policies, script and checklist"),
    parse: (argv, problems) => {
      const out = problems.single("out", argv["out"], "one directory");
      return {
        inventory: problems.inventory(argv),
        partner: problems.required("partner", argv["partner"], "one partner (or hub)", "the partner to onboard (or hub for the hub account)"),
        ...(out === undefined ? {} : { out }),
      };
    },
    load: async () => (await import("./run.ts")).runBootstrap,
  });
}
