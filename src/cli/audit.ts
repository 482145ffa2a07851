import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { inventoryOption, type InventoryArgs } from "./inventory-option.ts";

interface AuditArgs extends InventoryArgs {
  partner: string[];
  concurrency: number;
  maxAttempts: number;
  json?: string;
  markdown?: string;
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: "audit",
  describe: "Read-only custody evidence from each live payer, through its automation role",
  builder: (y: Argv) =>
    inventoryOption(y)
      .option("partner", { type: "string", array: true, default: [], describe: "Audit only this partner (repeatable). Default: every partner" })
      .option("concurrency", { type: "number", default: 8, describe: "Partners audited at once" })
      .option("max-attempts", { type: "number", default: 5, describe: "Attempts per AWS call, in the SDK's standard retry mode" })
      .option("json", { type: "string", describe: "Write the report as JSON to FILE ('-' for stdout, instead of the table)" })
      .option("markdown", { type: "string", describe: "Write the report as Markdown to FILE" })
      .example("$0 audit --partner acme --json audit.json", "Audit one partner and keep the evidence as JSON") as unknown as Argv<AuditArgs>,
  handler: async (args: ArgumentsCamelCase<AuditArgs>) => {
    const { runAudit } = await import("./audit-run.ts");
    process.exitCode = await runAudit({
      inventory: args.inventory,
      partners: args.partner,
      concurrency: args.concurrency,
      maxAttempts: args.maxAttempts,
      json: args.json,
      markdown: args.markdown,
    });
  },
};
