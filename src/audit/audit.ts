/**
 * Audits partners' payers concurrently, within a bound: each through its own automation role,
 * one partner's failure never stopping another's. Every planned check is reported for every
 * partner, as could-not-check with the reason when its evidence could not be had.
 */
import { roleArn } from "../domain/names.ts";
import type { CustodyPartner, Inventory } from "../inventory/schema.ts";
import { accessChecks } from "./checks/access.ts";
import { contactChecks } from "./checks/contacts.ts";
import type { CheckContext, CheckGroup } from "./checks/group.ts";
import { monitoringChecks } from "./checks/monitoring.ts";
import { organizationChecks } from "./checks/organization.ts";
import { rootChecks } from "./checks/root.ts";
import { reasonOf } from "./errors.ts";
import { mapLimit } from "../io/map-limit.ts";
import { couldNotCheck, overallResult, summarize, type AuditReport, type Check, type PartnerAudit } from "./report.ts";
import type { PayerSession } from "./sdk-api.ts";

/** Opens a session in the partner's payer; throws when its automation role cannot be assumed. */
export type Connect = (partner: CustodyPartner) => Promise<PayerSession>;

export interface AuditOptions {
  /** Partners audited at once. */
  readonly concurrency: number;
  readonly connect: Connect;
  /** The report's `auditedAt`. Default: the current time. */
  readonly now?: () => Date;
  /** Called as each partner's audit completes, in completion order. */
  readonly onPartner?: (audit: PartnerAudit) => void;
}

/** Check groups run at once within one payer: a payer's APIs are throttled per account. */
const PARALLEL_GROUPS = 4;

/** The role every call in the partner's payer goes through: never one in a linked account. */
export function automationRoleArn(inventory: Inventory, partner: CustodyPartner): string {
  return roleArn(partner.payer.accountId, inventory.distributor.automation.roleName);
}

/** Every check the inventory asks of the partner, in report order. */
function plannedChecks(ctx: CheckContext): CheckGroup[] {
  return [...rootChecks(), ...organizationChecks(ctx), ...contactChecks(ctx), ...accessChecks(ctx), ...monitoringChecks(ctx)];
}

export async function auditPartner(inventory: Inventory, partner: CustodyPartner, connect: Connect): Promise<PartnerAudit> {
  const groups = plannedChecks({ inventory, partner });
  const result = (checks: Check[]): PartnerAudit => ({
    partner: partner.id,
    accountId: partner.payer.accountId,
    result: overallResult(checks),
    checks,
  });
  let session: PayerSession;
  try {
    session = await connect(partner);
  } catch (err) {
    const reason = `cannot assume ${automationRoleArn(inventory, partner)}: ${reasonOf(err)}`;
    return result(groups.flatMap((g) => g.ids.map((id) => couldNotCheck(id, reason))));
  }
  try {
    const checks = await mapLimit(groups, PARALLEL_GROUPS, async (group) => {
      try {
        return await group.run(session.api);
      } catch (err) {
        const reason = reasonOf(err);
        return group.ids.map((id) => couldNotCheck(id, reason));
      }
    });
    return result(checks.flat());
  } finally {
    session.close();
  }
}

export async function auditFleet(inventory: Inventory, partners: readonly CustodyPartner[], options: AuditOptions): Promise<AuditReport> {
  const auditedAt = (options.now ?? (() => new Date()))().toISOString();
  const audits = await mapLimit(partners, options.concurrency, async (partner) => {
    const audit = await auditPartner(inventory, partner, options.connect);
    options.onPartner?.(audit);
    return audit;
  });
  return { version: 1, auditedAt, summary: summarize(audits), partners: audits };
}
