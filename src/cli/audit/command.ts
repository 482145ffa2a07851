import type { Argv, CommandModule } from "yargs";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../main.ts";
import { outputClashes } from "../../io/outputs.ts";
import { checkOptions, parseOptions, type ParseOptions } from "../usage.ts";

export interface AuditOptions {
  readonly inventory: string;
  /** Partner ids; empty for every partner. */
  readonly partners: readonly string[];
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** File for the JSON report; `-` for stdout, instead of the table. */
  readonly json?: string;
  /** File for the Markdown report; `-` for stdout, instead of the table. */
  readonly markdown?: string;
}

function parser(cwd: string): ParseOptions<AuditOptions> {
  return (argv, problems) => {
    const inventory = problems.single("inventory", argv["inventory"], "one inventory file") ?? "";
    const json = problems.single("json", argv["json"], "one file");
    const markdown = problems.single("markdown", argv["markdown"], "one file");
    const outputs = [...(json === undefined ? [] : [{ flag: "json", path: json }]), ...(markdown === undefined ? [] : [{ flag: "markdown", path: markdown }])];
    for (const clash of outputClashes(outputs, inventory, cwd)) problems.add(clash);
    return {
      inventory,
      partners: problems.many("partner", argv["partner"]),
      concurrency: problems.integer("concurrency", argv["concurrency"], 1) ?? 1,
      maxAttempts: problems.integer("max-attempts", argv["maxAttempts"], 1, 20) ?? 1,
      ...(json === undefined ? {} : { json }),
      ...(markdown === undefined ? {} : { markdown }),
    };
  };
}

export function auditCommand(ctx: CommandContext): CommandModule<object, never> {
  const parse = parser(ctx.io.cwd);
  return {
    command: "audit",
    describe: "Read-only custody evidence from each live payer, through its automation role",
    builder: (y: Argv) =>
      inventoryOption(y, ctx.io.env)
        .option("partner", { alias: "p", type: "string", array: true, nargs: 1, default: [], describe: "Audit only this partner (repeatable). Default: every partner" })
        .option("concurrency", { type: "string", nargs: 1, default: "8", describe: "Partners audited at once" })
        .option("max-attempts", { type: "string", nargs: 1, default: "5", describe: "Attempts per AWS call, in the SDK's standard retry mode" })
        .option("json", { type: "string", nargs: 1, describe: "Write the report as JSON to FILE ('-' for stdout, instead of the table)" })
        .option("markdown", { type: "string", nargs: 1, describe: "Write the report as Markdown to FILE ('-' for stdout, instead of the table)" })
        .example("$0 audit --partner acme --json audit.json", "Audit one partner and keep the evidence as JSON")
        .check(checkOptions(parse)) as unknown as Argv<never>,
    handler: async (argv) => {
      const options = parseOptions(parse, argv as Record<string, unknown>);
      const { runAudit } = await import("./run.ts");
      ctx.exitCode = await runAudit(options, ctx.io);
    },
  };
}
