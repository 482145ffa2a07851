/**
 * The billing facts of a billing-transfer partner, proven read-only from the distributor's
 * bill-transfer account: the transfer's status and dates, the billing group bound to it with
 * the inventory's pricing plan, and the transfer's AWS-managed billing views. A withdrawal, an
 * expiry, a declined or cancelled invitation is a fail; so is a transfer not accepted yet,
 * since the fact the inventory states does not hold. Managed views outlive a withdrawal: they
 * are evidence beside the transfer's status, never instead of it.
 */
import { reconcilePlane, reconcileTransfer } from "../billing-transfer/reconcile.ts";
import { isAccepted, sourceName } from "../domain/billing-transfer/lifecycle.ts";
import type { BillTransferSession } from "../billing-transfer/session.ts";
import { acceptanceDeadline, monthOf, utc } from "../domain/billing-transfer/calendar.ts";
import type { Inventory, TransferPartner } from "../inventory/schema.ts";
import { billTransferAccountOf, desiredTransfer } from "../inventory/stack-inputs.ts";
import { couldNotCheck, fail, overallResult, pass, type Check, type PartnerAudit } from "./report.ts";
import { reasonOf } from "./errors.ts";

const TRANSFER_CHECKS = ["billing-transfer", "billing-transfer-start", "billing-group", "billing-views"] as const;
const RELATIONSHIP_CHECK = "partner-central-relationship";
const SERVICE_PERIOD_CHECK = "service-period";

/** The checks of a transfer partner, in report order: the relationship's when the inventory asks for one. */
function checksOf(partner: TransferPartner): string[] {
  return [
    ...TRANSFER_CHECKS,
    ...(partner.billing.relationship === undefined ? [] : [RELATIONSHIP_CHECK]),
    ...(partner.billing.relationship === undefined || partner.billing.servicePeriod === undefined ? [] : [SERVICE_PERIOD_CHECK]),
  ];
}

export type TransferConnect = (partner: TransferPartner) => Promise<BillTransferSession>;

export async function auditTransferPartner(inventory: Inventory, partner: TransferPartner, connect: TransferConnect, now: Date): Promise<PartnerAudit> {
  const account = billTransferAccountOf(inventory, partner);
  const result = (checks: Check[]): PartnerAudit => ({ partner: partner.id, accountId: partner.billing.managementAccountId, model: "transfer", result: overallResult(checks), checks });
  const none = (reason: string) => result(checksOf(partner).map((id) => couldNotCheck(id, reason)));
  const noRelationship = (reason: string) => checksOf(partner).filter((id) => id === RELATIONSHIP_CHECK || id === SERVICE_PERIOD_CHECK).map((id) => couldNotCheck(id, reason));
  let session: BillTransferSession;
  try {
    session = await connect(partner);
  } catch (err) {
    return none(`cannot assume the automation role in bill-transfer account ${account.id} (${account.accountId}): ${reasonOf(err)}`);
  }
  try {
    const wanted = desiredTransfer(inventory, partner);
    let outcome;
    try {
      // Never acts: the lifecycle's reading of AWS, with no step taken.
      outcome = await reconcileTransfer(session.inbound, wanted, { act: false, now });
    } catch (err) {
      return none(reasonOf(err));
    }
    const t = outcome.before;
    const checks: Check[] = [];
    const stage = outcome.stage;
    if (t === undefined) {
      checks.push(fail("billing-transfer", `no transfer named "${sourceName(partner.id)}" in bill-transfer account ${account.accountId}: run payerfleet up --partner ${partner.id} to invite`));
      checks.push(couldNotCheck("billing-transfer-start", "no transfer"), couldNotCheck("billing-group", "no transfer"), couldNotCheck("billing-views", "no transfer"), ...noRelationship("no transfer"));
      return result(checks);
    }
    const where = `${t.id}, from ${t.sourceAccountId} to ${t.targetAccountId}`;
    if (stage === "active" || stage === "accepted") {
      checks.push(pass("billing-transfer", `${stage} (${where}): the distributor pays from ${utc(t.start)}`));
    } else if (stage === "invited") {
      checks.push(fail("billing-transfer", `invited, not accepted yet (${where}): the customer accepts by ${utc(acceptanceDeadline(monthOf(t.start)))}`));
    } else {
      checks.push(fail("billing-transfer", `${stage} (${where})${t.end ? `, ends ${utc(t.end)}` : ""}: ${outcome.summary}`));
    }
    const started = monthOf(t.start);
    checks.push(started === partner.billing.startMonth ? pass("billing-transfer-start", `starts ${utc(t.start)}, as the inventory says`) : fail("billing-transfer-start", `starts ${started}, the inventory says ${partner.billing.startMonth}`));
    if (t.arn === undefined || !isAccepted(stage)) {
      checks.push(couldNotCheck("billing-group", `the transfer is ${stage}: a billing group is bound only to an accepted one`));
      checks.push(couldNotCheck("billing-views", `the transfer is ${stage}: AWS makes its views once accepted`));
      checks.push(...noRelationship(`the transfer is ${stage}: the relationship is recorded once accepted`));
      return result(checks);
    }
    try {
      const plane = await reconcilePlane(session.plane, { partner: partner.id, pricingPlan: partner.billing.pricingPlan, managementAccountId: wanted.managementAccountId }, t.arn, { act: false });
      checks.push(
        plane.groupStep === "none"
          ? pass("billing-group", `${plane.group!.name} (${plane.group!.arn}) bound to ${t.id}, pricing plan ${plane.pricingPlanArn}`)
          : plane.groupStep === "update"
            ? fail("billing-group", `${plane.group!.name} prices with ${plane.group!.pricingPlanArn}, the inventory says ${partner.billing.pricingPlan} (${plane.pricingPlanArn})`)
            : fail("billing-group", `no billing group bound to ${t.id}: run payerfleet up --partner ${partner.id}`),
      );
      checks.push(
        plane.managedViewArn === undefined
          ? fail("billing-views", `no AWS-managed BILLING_TRANSFER view of ${t.sourceAccountId} in the bill-transfer account`)
          : pass("billing-views", `${plane.managedViewArn} (managed views outlive a withdrawal: the transfer's status above is the proof)`),
      );
    } catch (err) {
      const reason = reasonOf(err);
      checks.push(couldNotCheck("billing-group", reason), couldNotCheck("billing-views", reason));
    }
    const asked = partner.billing.relationship;
    if (asked !== undefined) {
      try {
        const pma = await session.partnerCentral.programManagementAccountId(account.accountId);
        const found = pma === undefined ? undefined : await session.partnerCentral.relationshipOf(pma, t.sourceAccountId);
        checks.push(
          pma === undefined
            ? fail(RELATIONSHIP_CHECK, `${account.accountId} is not a program management account in Partner Central (catalog ${session.partnerCentral.catalog})`)
            : found === undefined
              ? fail(RELATIONSHIP_CHECK, `no END_CUSTOMER relationship with ${t.sourceAccountId} in ${pma}: run payerfleet up --partner ${partner.id}`)
              : found.sector !== undefined && found.sector !== asked.sector
                ? fail(RELATIONSHIP_CHECK, `relationship ${found.id} has sector ${found.sector}, the inventory says ${asked.sector}`)
                : pass(RELATIONSHIP_CHECK, `relationship ${found.id} with ${t.sourceAccountId} in ${pma}${found.sector ? `, sector ${found.sector}` : ""}`),
        );
        const period = partner.billing.servicePeriod;
        if (period !== undefined) {
          const proposed = found === undefined ? undefined : await session.partnerCentral.servicePeriodOf(found.id);
          checks.push(
            found === undefined
              ? couldNotCheck(SERVICE_PERIOD_CHECK, "no relationship to propose it on")
              : proposed === undefined
                ? fail(SERVICE_PERIOD_CHECK, `no ${period.type} proposed on relationship ${found.id}: run payerfleet up --partner ${partner.id}`)
                : proposed.status === "ACCEPTED"
                  ? pass(SERVICE_PERIOD_CHECK, `${proposed.type ?? period.type} in force (${proposed.id})`)
                  : fail(SERVICE_PERIOD_CHECK, `${proposed.type ?? period.type} ${proposed.id} is ${proposed.status.toLowerCase()}${proposed.status === "PENDING" ? ": the customer has not accepted it" : ""}`),
          );
        }
      } catch (err) {
        const reason = reasonOf(err);
        for (const id of checksOf(partner).slice(checks.length)) checks.push(couldNotCheck(id, reason));
      }
    }
    return result(checks);
  } finally {
    session.close();
  }
}
