import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import type { AuditOptions } from "./run.ts";

export function auditCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<AuditOptions>(ctx, {
    command: "audit",
    describe: "Read-only custody evidence from each live payer, through its automation role",
    options: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", array: true, nargs: 1, default: [], describe: "Audit only this partner (repeatable). Default: every partner" })
        .option("concurrency", { type: "string", nargs: 1, default: "8", describe: "Partners audited at once" })
        .option("max-attempts", { type: "string", nargs: 1, default: "5", describe: "Attempts per AWS call, in the SDK's standard retry mode" })
        .option("json", { type: "string", nargs: 1, describe: "Write the report as JSON to FILE ('-' for stdout, instead of the table)" })
        .option("markdown", { type: "string", nargs: 1, describe: "Write the report as Markdown to FILE ('-' for stdout, instead of the table)" })
        .example("$0 audit --partner acme --json audit.json", "Audit one partner and keep the evidence as JSON"),
    parse: (argv, problems) => {
      const inventory = problems.inventory(argv);
      return {
        inventory,
        partners: problems.partners(argv),
        concurrency: problems.integer("concurrency", argv["concurrency"], 1) ?? 1,
        maxAttempts: problems.integer("max-attempts", argv["maxAttempts"], 1, 20) ?? 1,
        ...problems.reports(argv, inventory, ctx.io.cwd),
      };
    },
    load: async () => (await import("./run.ts")).runAudit,
  });
}
