import type { Argv, CommandModule } from "yargs";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../main.ts";
import { checkOptions, parseOptions, type ParseOptions } from "../usage.ts";

export interface BootstrapOptions {
  readonly inventory: string;
  /** A partner id, or `hub`. */
  readonly partner: string;
  /** Directory to write into; without it every file is printed, each under a `==> name <==` line. */
  readonly out?: string;
}

const parse: ParseOptions<BootstrapOptions> = (argv, problems) => {
  const partner = problems.single("partner", argv["partner"], "one partner (or hub)");
  if (argv["partner"] === undefined) problems.add("--partner is required: the partner to onboard (or hub for the hub account)");
  const out = problems.single("out", argv["out"], "one directory");
  return { inventory: problems.single("inventory", argv["inventory"], "one inventory file") ?? "", partner: partner ?? "", ...(out === undefined ? {} : { out }) };
};

export function bootstrapCommand(ctx: CommandContext): CommandModule<object, never> {
  return {
    command: "bootstrap",
    describe: "What to deploy in a partner's payer first: the automation role (CloudFormation or AWS CLI) and the custody ceremony",
    builder: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "The partner to onboard, or hub for the hub account" })
        .option("out", { type: "string", nargs: 1, describe: "Write the files into DIR (created if needed). Default: print them all" })
        .example("$0 bootstrap --partner acme --out onboarding/acme", "Write the template, policies, script and checklist")
        .check(checkOptions(parse)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(parse, argv as Record<string, unknown>);
      const { runBootstrap } = await import("./run.ts");
      ctx.exitCode = await runBootstrap(options, ctx.io);
    },
  };
}
