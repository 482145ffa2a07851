import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { inventoryOption, type InventoryArgs } from "./inventory-option.ts";

export interface PlanArgs extends InventoryArgs {
  partner: string[];
  json: boolean;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: "plan",
  describe: "Show the desired state of each stack, offline: no cloud account, no Pulumi CLI",
  builder: (y: Argv) =>
    inventoryOption(y)
      .option("partner", { type: "string", array: true, default: [], describe: "Only this partner (repeatable); `hub` for the hub stack" })
      .option("json", { type: "boolean", default: false, describe: "Print every resource with its inputs as JSON" })
      .example("$0 plan -i examples/inventory.yaml", "Resource counts and warnings per stack")
      .example("$0 plan -i examples/inventory.yaml --partner fabrikam --json", "One partner's desired state, for a PR diff") as unknown as Argv<PlanArgs>,
  handler: async (args: ArgumentsCamelCase<PlanArgs>) => {
    const { runPlan } = await import("./plan-run.ts");
    process.exitCode = await runPlan(args);
  },
};
