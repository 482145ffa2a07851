import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { BootstrapOptions } from "./run.ts";
import { HANDSHAKE_ID } from "../../domain/iam/accept-transfer.ts";

export function bootstrapCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<BootstrapOptions>(ctx, {
    command: "bootstrap",
    describe: "What to deploy in a partner's payer first: the automation role (CloudFormation or AWS CLI) and the custody ceremony",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "The partner to onboard, or hub for the hub account" })
        .option("out", { type: "string", nargs: 1, describe: "Write the files into DIR (created if needed). Default: print them all" })
        .option("handshake", { type: "string", nargs: 1, describe: "A billing-transfer partner's invitation (h-...): adds the customer's commands and policy to accept exactly it" })
        .example("$0 bootstrap --partner acme --out onboarding/acme", "Write the template, policies, script and checklist")
        .example("$0 bootstrap --partner initech --handshake h-abcd1234efgh", "A billing-transfer partner: add the customer's commands to accept that invitation"),
    parse: (argv, problems) => {
      const out = problems.single("out", argv["out"], "one directory");
      const handshake = problems.single("handshake", argv["handshake"], "one handshake id");
      if (handshake !== undefined && !HANDSHAKE_ID.test(handshake)) problems.add(`--handshake ${JSON.stringify(handshake)}: must be a handshake id, h- and 8 to 32 lower-case letters and digits (the \`handshakeId\` of up's report)`);
      return {
        ...(handshake === undefined ? {} : { handshake }),
        inventory: problems.inventory(argv),
        partner: problems.required("partner", argv["partner"], "one partner (or hub)", "the partner to onboard (or hub for the hub account)"),
        ...(out === undefined ? {} : { out }),
      };
    },
    load: async () => (await import("./run.ts")).runBootstrap,
  });
}
