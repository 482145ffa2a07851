import { writeFile } from "node:fs/promises";
import { automationRoleArn, auditFleet, type Connect } from "../audit/audit.ts";
import { renderMarkdown, renderTable } from "../audit/render.ts";
import { sdkConnector } from "../audit/sdk-api.ts";
import type { Inventory, Partner } from "../inventory/schema.ts";
import { EXIT } from "./exit.ts";
import { loadOrReport } from "./inventory-option.ts";

export interface AuditRunOptions {
  readonly inventory: string;
  /** Partner ids; empty for every partner. */
  readonly partners: readonly string[];
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** File for the JSON report; `-` for stdout. */
  readonly json?: string;
  readonly markdown?: string;
  /** Sessions in payers. Default: the automation roles, assumed from the ambient credentials. */
  readonly connect?: Connect;
  readonly now?: () => Date;
  /** Where the table (or `--json -`) and the progress lines go. Default: stdout and stderr. */
  readonly stdout?: { write(text: string): unknown };
  readonly stderr?: { write(text: string): unknown };
}

/** The partners named, in inventory order, or the names the inventory does not know. */
export function selectPartners(inventory: Inventory, ids: readonly string[]): { partners: Partner[]; unknown: string[] } {
  if (ids.length === 0) return { partners: [...inventory.partners], unknown: [] };
  const known = new Set(inventory.partners.map((p) => p.id));
  return { partners: inventory.partners.filter((p) => ids.includes(p.id)), unknown: [...new Set(ids)].filter((id) => !known.has(id)) };
}

/**
 * Exit 0 when every check of every partner passed; 1 when any failed or could not be checked,
 * because missing evidence is not evidence; 2 for bad input, with nothing audited.
 */
export async function runAudit(options: AuditRunOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  for (const [flag, value] of [["--concurrency", options.concurrency], ["--max-attempts", options.maxAttempts]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      stderr.write(`${flag} must be a whole number of at least 1 (got ${String(value)}); nothing was audited\n`);
      return EXIT.badInput;
    }
  }
  const inventory = await loadOrReport(options.inventory);
  if (inventory === undefined) return EXIT.badInput;
  const { partners, unknown } = selectPartners(inventory, options.partners);
  if (unknown.length > 0) {
    stderr.write(`unknown partner ${unknown.join(", ")}: ${options.inventory} has ${inventory.partners.map((p) => p.id).join(", ")}; nothing was audited\n`);
    return EXIT.badInput;
  }
  // The project supports Node 20; the SDK's notice about its own future Node 22 floor is noise.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const region = process.env["AWS_REGION"] ?? process.env["AWS_DEFAULT_REGION"] ?? "us-east-1";
  const sdk = options.connect === undefined ? sdkConnector((p) => automationRoleArn(inventory, p), { region, maxAttempts: options.maxAttempts }) : undefined;
  let done = 0;
  const report = await auditFleet(inventory, partners, {
    concurrency: options.concurrency,
    connect: options.connect ?? sdk!.connect,
    now: options.now,
    onPartner: (audit) => stderr.write(`[${++done}/${partners.length}] ${audit.partner}: ${audit.result}\n`),
  }).finally(() => sdk?.close());

  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.json === "-") stdout.write(json);
  else stdout.write(renderTable(report));
  if (options.json !== undefined && options.json !== "-") await writeFile(options.json, json);
  if (options.markdown !== undefined) await writeFile(options.markdown, renderMarkdown(report));
  return report.summary.partners === report.summary.pass ? EXIT.ok : EXIT.failed;
}
