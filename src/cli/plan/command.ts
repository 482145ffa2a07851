import type { Argv, CommandModule } from "yargs";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../main.ts";
import { checkOptions, parseOptions, type ParseOptions } from "../usage.ts";

export interface PlanOptions {
  readonly inventory: string;
  /** Stack names; empty for every stack. */
  readonly partners: readonly string[];
  readonly json: boolean;
}

const parse: ParseOptions<PlanOptions> = (argv, problems) => ({
  inventory: problems.single("inventory", argv["inventory"], "one inventory file") ?? "",
  partners: problems.many("partner", argv["partner"]),
  json: argv["json"] === true,
});

export function planCommand(ctx: CommandContext): CommandModule<object, never> {
  return {
    command: "plan",
    describe: "Show the desired state of each stack, offline: no cloud account, no Pulumi CLI",
    builder: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", array: true, nargs: 1, default: [], describe: "Only this partner (repeatable); `hub` for the hub stack" })
        .option("json", { type: "boolean", default: false, describe: "Print every resource with its inputs as JSON" })
        .example("$0 plan -i examples/inventory.yaml", "Resource counts and warnings per stack")
        .example("$0 plan -i examples/inventory.yaml --partner fabrikam --json", "One partner's desired state, for a PR diff")
        .check(checkOptions(parse)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(parse, argv as Record<string, unknown>);
      const { runPlan } = await import("./run.ts");
      ctx.exitCode = await runPlan(options, ctx.io);
    },
  };
}
