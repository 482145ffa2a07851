import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { WithdrawOptions } from "./run.ts";
import { isMonth } from "../../domain/billing-transfer/calendar.ts";

export function withdrawCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<WithdrawOptions>(ctx, {
    command: "withdraw",
    describe: "End a billing-transfer partner's transfer, confirmed explicitly: an open invitation is cancelled, an accepted transfer ends with a month",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", nargs: 1, describe: "The billing-transfer partner whose transfer ends" })
        .option("yes-withdraw-partner", { type: "string", nargs: 1, describe: "Confirms the withdrawal: the same partner id again" })
        .option("end-month", { type: "string", nargs: 1, describe: "YYYY-MM: the last month the distributor pays (ends 23:59:59.999 UTC on its last day). Default: the current month" })
        .example("$0 withdraw --partner initech --yes-withdraw-partner initech --end-month 2027-06", "End initech's billing transfer with June 2027"),
    parse: (argv, problems) => {
      const partner = problems.required("partner", argv["partner"], "one partner", "the billing-transfer partner whose transfer ends");
      const confirm = problems.single("yes-withdraw-partner", argv["yes-withdraw-partner"], "one partner id");
      const endMonth = problems.single("end-month", argv["end-month"], "one month");
      if (endMonth !== undefined && !isMonth(endMonth)) problems.add(`--end-month ${JSON.stringify(endMonth)}: must be a month written YYYY-MM, such as 2027-06`);
      // A withdrawal cannot be undone: it runs only when confirmed with the same id.
      if (partner !== "" && confirm !== partner) {
        problems.add(`withdrawing ${partner}'s billing transfer cannot be undone (a new invitation would be needed): confirm with --yes-withdraw-partner ${partner}`);
      }
      return { inventory: problems.inventory(argv), partner, ...(endMonth === undefined ? {} : { endMonth }) };
    },
    load: async () => (await import("./run.ts")).runWithdraw,
  });
}
