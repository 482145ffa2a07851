import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { inventoryOption, type InventoryArgs } from "./inventory-option.ts";

interface BootstrapArgs extends InventoryArgs {
  partner: string;
  out?: string;
}

export const bootstrapCommand: CommandModule<object, BootstrapArgs> = {
  command: "bootstrap",
  describe: "What to deploy in a partner's payer first: the automation role (CloudFormation or AWS CLI) and the custody ceremony",
  builder: (y: Argv) =>
    inventoryOption(y)
      .option("partner", { type: "string", demandOption: true, describe: "The partner to onboard, or hub for the hub account" })
      .option("out", { type: "string", describe: "Write the files into DIR (created if needed). Default: print them all" })
      .example("$0 bootstrap --partner acme --out onboarding/acme", "Write the template, policies, script and checklist") as unknown as Argv<BootstrapArgs>,
  handler: async (args: ArgumentsCamelCase<BootstrapArgs>) => {
    const { runBootstrap } = await import("./bootstrap-run.ts");
    process.exitCode = await runBootstrap({ inventory: args.inventory, partner: args.partner, out: args.out });
  },
};
