import type { Argv, CommandModule } from "yargs";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../main.ts";
import { checkOptions, parseOptions, type ParseOptions } from "../usage.ts";

export interface PoliciesOptions {
  readonly inventory: string;
  /** A partner id, or `hub`. */
  readonly partner: string;
  readonly json: boolean;
}

const parse: ParseOptions<PoliciesOptions> = (argv, problems) => {
  const partner = problems.single("partner", argv["partner"], "one partner (or hub)");
  if (argv["partner"] === undefined) problems.add("--partner is required: the partner whose roles to show (or hub)");
  return { inventory: problems.single("inventory", argv["inventory"], "one inventory file") ?? "", partner: partner ?? "", json: argv["json"] === true };
};

export function policiesCommand(ctx: CommandContext): CommandModule<object, never> {
  return {
    command: "policies",
    describe: "Render every IAM role of a partner's payer (or the hub account): trust, permissions boundary, policies",
    builder: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "Partner id, or hub" })
        .option("json", { type: "boolean", default: false, describe: "Print the stable JSON document" })
        .example("$0 policies -i examples/inventory.yaml --partner fabrikam --json > fabrikam-iam.json", "For a security review or a diff")
        .check(checkOptions(parse)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(parse, argv as Record<string, unknown>);
      const { runPolicies } = await import("./run.ts");
      ctx.exitCode = await runPolicies(options, ctx.io);
    },
  };
}
