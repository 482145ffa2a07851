import { automationRoleArn, auditFleet, type Connect } from "../../audit/audit.ts";
import { auditMarkdown, auditTable } from "../../audit/render.ts";
import { sdkConnector } from "../../audit/sdk-api.ts";
import { Problems } from "../../io/errors.ts";
import { writeFileAtomic } from "../../io/files.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { custodyPartners, transferPartners, type Inventory, type TransferPartner } from "../../inventory/schema.ts";
import { summarize, type AuditReport, type PartnerAudit } from "../../audit/report.ts";
import { auditTransferPartner } from "../../audit/transfer-audit.ts";
import { billTransferSession, type BillTransferSession } from "../../billing-transfer/session.ts";
import { ambientRegion, ambientSts, type AwsOptions } from "../../aws/sessions.ts";
import { billTransferAccountOf } from "../../inventory/stack-inputs.ts";
import { mapLimit } from "../../io/map-limit.ts";
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
  const transfers = transferPartners(inventory).filter((p) => ids.has(p.id));
  const total = partners.length + transfers.length;

  const region = ambientRegion(io.env);
  const sdk = deps.connect === undefined ? sdkConnector((p) => automationRoleArn(inventory, p), { region, maxAttempts: options.maxAttempts }) : undefined;
  let done = 0;
  const onPartner = (audit: PartnerAudit) => io.stderr(`[${++done}/${total}] ${audit.partner}: ${audit.result}\n`);
  const now = deps.now ?? (() => new Date());
  const custody = await auditFleet(inventory, partners, {
    concurrency: options.concurrency,
    connect: deps.connect ?? sdk!.connect,
    now,
    onPartner,
  }).finally(() => sdk?.close());
  const transferred = await auditTransfers(inventory, transfers, { concurrency: options.concurrency, now: now(), onPartner, aws: { region, maxAttempts: options.maxAttempts }, env: io.env });
  // Every partner in inventory order, whichever its billing model.
  const order = new Map(inventory.partners.map((p, i) => [p.id, i]));
  const audits = [...custody.partners, ...transferred].sort((a, b) => order.get(a.partner)! - order.get(b.partner)!);
  const report: AuditReport = { ...custody, summary: summarize(audits), partners: audits };

  const rendered = { json: `${JSON.stringify(report, null, 2)}\n`, markdown: auditMarkdown(report) };
  // A report on standard output takes the table's place there.
  const onStdout = outputs.find((o) => o.path === STDOUT);
  io.stdout(onStdout === undefined ? auditTable(report) : rendered[onStdout.flag as "json" | "markdown"]);
  for (const output of outputs) {
    if (output.path !== STDOUT) await writeFileAtomic(resolve(io.cwd, output.path), rendered[output.flag as "json" | "markdown"]);
  }
  return report.summary.partners === report.summary.pass ? EXIT.ok : EXIT.failed;
}

/** The transfer partners' audits: one session per bill-transfer account, shared by its partners. */
async function auditTransfers(
  inventory: Inventory,
  partners: readonly TransferPartner[],
  options: { concurrency: number; now: Date; onPartner: (audit: PartnerAudit) => void; aws: AwsOptions; env: NodeJS.ProcessEnv },
): Promise<PartnerAudit[]> {
  if (partners.length === 0) return [];
  const sts = ambientSts(options.aws);
  const sessions = new Map<string, Promise<BillTransferSession>>();
  const connect = (partner: TransferPartner) => {
    const account = billTransferAccountOf(inventory, partner);
    let session = sessions.get(account.id);
    if (session === undefined) {
      session = billTransferSession(sts, account, inventory.distributor.automation.roleName, "audit", options.aws, options.env);
      sessions.set(account.id, session);
    }
    // Each partner's audit closes what it was given: the account's session is shared, so its close waits for the end.
    return session.then((s) => ({ ...s, close: () => {} }));
  };
  try {
    return await mapLimit(partners, options.concurrency, async (partner) => {
      const audit = await auditTransferPartner(inventory, partner, connect, options.now);
      options.onPartner(audit);
      return audit;
    });
  } finally {
    for (const s of sessions.values()) await s.then((x) => x.close(), () => {});
    sts.destroy();
  }
}
