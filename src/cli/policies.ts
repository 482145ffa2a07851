import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { inventoryOption, type InventoryArgs } from "./inventory-option.ts";

export interface PoliciesArgs extends InventoryArgs {
  partner: string;
  json: boolean;
}

export const policiesCommand: CommandModule<object, PoliciesArgs> = {
  command: "policies",
  describe: "Render every IAM role of a partner's payer: trust, permissions boundary, attached policies",
  builder: (y: Argv) =>
    inventoryOption(y)
      .option("partner", { type: "string", demandOption: true, describe: "Partner id" })
      .option("json", { type: "boolean", default: false, describe: "Print the stable JSON document" })
      .example("$0 policies -i examples/inventory.yaml --partner fabrikam --json > fabrikam-iam.json", "For a security review or a diff") as unknown as Argv<PoliciesArgs>,
  handler: async (args: ArgumentsCamelCase<PoliciesArgs>) => {
    const { runPolicies } = await import("./policies-run.ts");
    process.exitCode = await runPolicies(args);
  },
};
