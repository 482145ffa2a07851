import { automationRoleArn, auditFleet, type Connect } from "../../audit/audit.ts";
import { auditMarkdown, auditTable } from "../../audit/render.ts";
import { sdkConnector } from "../../audit/sdk-api.ts";
import { Problems } from "../../io/errors.ts";
import { writeFileAtomic } from "../../io/files.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { custodyPartners } from "../../inventory/schema.ts";
import { EXIT } from "../../io/exit-codes.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";
import { prepareOutputs, STDOUT } from "../../io/outputs.ts";
import { resolve } from "node:path";

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

export interface AuditDeps {
  /** Sessions in payers. Default: the automation roles, assumed from the ambient credentials. */
  readonly connect?: Connect;
  readonly now?: () => Date;
}

/**
 * Exit 0 when every check of every partner passed; 1 when any failed or could not be checked,
 * because missing evidence is not evidence; 2 for bad input, with nothing audited: the
 * inventory, the partners and the report files are all checked before the first AWS call.
 */
export async function runAudit(options: AuditOptions, io: CommandIo, deps: AuditDeps = {}): Promise<number> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const problems = new Problems();
  const targets = await problems.check(() => namedStacks(inventory, options.partners, { hub: false }));
  const outputs = [
    ...(options.json === undefined ? [] : [{ flag: "json", path: options.json }]),
    ...(options.markdown === undefined ? [] : [{ flag: "markdown", path: options.markdown }]),
  ];
  const undo = await problems.check(() => prepareOutputs(io, outputs, { inventory: options.inventory }));
  if (problems.any) {
    await undo?.();
    problems.throwIfAny();
  }
  const ids = new Set(targets!.map((t) => t.stack));
  const partners = custodyPartners(inventory).filter((p) => ids.has(p.id));

  // The project supports Node 20; the SDK's notice about its own future Node 22 floor is noise.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const region = io.env["AWS_REGION"] ?? io.env["AWS_DEFAULT_REGION"] ?? "us-east-1";
  const sdk = deps.connect === undefined ? sdkConnector((p) => automationRoleArn(inventory, p), { region, maxAttempts: options.maxAttempts }) : undefined;
  let done = 0;
  const report = await auditFleet(inventory, partners, {
    concurrency: options.concurrency,
    connect: deps.connect ?? sdk!.connect,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    onPartner: (audit) => io.stderr(`[${++done}/${partners.length}] ${audit.partner}: ${audit.result}\n`),
  }).finally(() => sdk?.close());

  const rendered = { json: `${JSON.stringify(report, null, 2)}\n`, markdown: auditMarkdown(report) };
  // A report on standard output takes the table's place there.
  const onStdout = outputs.find((o) => o.path === STDOUT);
  io.stdout(onStdout === undefined ? auditTable(report) : rendered[onStdout.flag as "json" | "markdown"]);
  for (const output of outputs) {
    if (output.path !== STDOUT) await writeFileAtomic(resolve(io.cwd, output.path), rendered[output.flag as "json" | "markdown"]);
  }
  return report.summary.partners === report.summary.pass ? EXIT.ok : EXIT.failed;
}
