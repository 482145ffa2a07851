/**
 * One partner's billing transfer, brought toward what the inventory asks: the lifecycle's next
 * step (domain/billing-transfer/lifecycle.ts) decided from what Organizations lists under the
 * partner's deterministic name, and taken only when asked to act (`up`). Invitations carry no
 * client token in AWS's API: the name is what makes them idempotent, so a run that finds a live
 * invitation under it never sends another.
 */
import { acceptanceDeadline, monthOf, transferStart, utc, withdrawalEnd, type Month } from "../domain/billing-transfer/calendar.ts";
import { billingGroupName, currentTransfer, nextStep, sourceName, stageOf, type DesiredTransfer, type ObservedTransfer, type Stage, type Step } from "../domain/billing-transfer/lifecycle.ts";
import type { SentInvitation, TransferApi } from "./organizations.ts";
import type { BillingGroup, BillingPlane } from "./billing-plane.ts";
import type { PartnerCentral, RelationshipFacts, ServicePeriodFacts } from "./partner-central.ts";
import type { RelationshipSettings, ServicePeriodSettings } from "../inventory/schema.ts";

/** Every inbound transfer of one bill-transfer account, listed once per run and shared by its partners. */
export class InboundTransfers {
  private listed?: Promise<ObservedTransfer[]>;
  constructor(readonly api: TransferApi) {}

  async named(name: string): Promise<ObservedTransfer[]> {
    return (await this.all()).filter((t) => t.name === name);
  }

  all(): Promise<ObservedTransfer[]> {
    this.listed ??= this.api.inbound();
    return this.listed;
  }
}

export interface TransferOutcome {
  readonly partner: string;
  /** The stage after this run: `invited` once an invitation went out in `up`. */
  readonly stage: Stage;
  /** What the run decided; `invite` and `reinvite` were acted on only when `acted`. */
  readonly step: Step;
  readonly acted: boolean;
  /** The transfer as AWS reported it before this run, when there was one. */
  readonly before?: ObservedTransfer;
  /** The invitation this run sent, when it sent one. */
  readonly sent?: SentInvitation & { readonly month: Month };
  /** One line for people: where the transfer stands and what happens next. */
  readonly summary: string;
}

export async function reconcileTransfer(inbound: InboundTransfers, wanted: DesiredTransfer, options: { readonly act: boolean; readonly now: Date }): Promise<TransferOutcome> {
  const { now } = options;
  const before = currentTransfer(await inbound.named(sourceName(wanted.partner)), now);
  const step = nextStep(wanted, before, now);
  const base = { partner: wanted.partner, step, ...(before === undefined ? {} : { before }) };
  if (step.kind !== "invite" && step.kind !== "reinvite") {
    return { ...base, stage: stageOf(before, now), acted: false, summary: describe(step, before, now) };
  }
  const plan = `invite ${wanted.managementAccountId} to transfer its bill to ${wanted.billTransferAccountId} from ${utc(transferStart(step.month))}; the customer accepts by ${utc(acceptanceDeadline(step.month))}`;
  const why = step.kind === "reinvite" ? `${step.reason}. ` : step.replanned ? `${step.replanned}. ` : "";
  if (!options.act) return { ...base, stage: stageOf(before, now), acted: false, summary: `${why}${plan}` };
  if (step.kind === "reinvite") await inbound.api.cancel(step.handshakeId);
  const sent = await inbound.api.invite({ sourceName: sourceName(wanted.partner), managementAccountId: wanted.managementAccountId, month: step.month, partner: wanted.partner });
  return { ...base, stage: "invited", acted: true, sent: { ...sent, month: step.month }, summary: `${why}invited (${sent.transferId}, handshake ${sent.handshakeId}): ${plan.replace(/^invite /, "")}` };
}

function describe(step: Step, transfer: ObservedTransfer | undefined, now: Date): string {
  switch (step.kind) {
    case "wait":
      return step.reason;
    case "report":
      return step.problem;
    default: {
      const t = transfer!;
      return `${stageOf(t, now)} since ${utc(t.start)} (${t.id}, started ${monthOf(t.start)})`;
    }
  }
}

/** What the transfer's billing group and managed view need, and what this run did about them. */
export interface PlaneOutcome {
  /** The group as it was before this run, when there was one. */
  readonly group?: BillingGroup;
  /** `create` the group, `update` its pricing plan, or `none`. */
  readonly groupStep: "create" | "update" | "none";
  readonly pricingPlanArn: string;
  /** The group's ARN after this run (undefined when only planned). */
  readonly groupArn?: string;
  /** The transfer's AWS-managed billing view, once AWS has made it. */
  readonly managedViewArn?: string;
}

/**
 * Once the customer has accepted: the billing group with the inventory's pricing plan (made
 * once, its plan kept as the inventory says), and the managed view the partner's billing view is
 * built on.
 */
export async function reconcilePlane(
  plane: BillingPlane,
  wanted: { readonly partner: string; readonly pricingPlan: string; readonly managementAccountId: string },
  transferArn: string,
  options: { readonly act: boolean },
): Promise<PlaneOutcome> {
  const [group, pricingPlanArn, managedViewArn] = await Promise.all([plane.billingGroupOf(transferArn), plane.pricingPlanArn(wanted.pricingPlan), plane.managedView(wanted.managementAccountId)]);
  const view = managedViewArn === undefined ? {} : { managedViewArn };
  if (group === undefined) {
    const groupArn = options.act ? await plane.createBillingGroup(billingGroupName(wanted.partner), transferArn, pricingPlanArn) : undefined;
    return { groupStep: "create", pricingPlanArn, ...(groupArn ? { groupArn } : {}), ...view };
  }
  if (group.pricingPlanArn !== pricingPlanArn) {
    if (options.act) await plane.setPricingPlan(group.arn, pricingPlanArn);
    return { group, groupStep: "update", pricingPlanArn, groupArn: group.arn, ...view };
  }
  return { group, groupStep: "none", pricingPlanArn, groupArn: group.arn, ...view };
}

/** The Partner Central relationship the inventory asks for, and what this run did about it. */
export interface RelationshipOutcome {
  readonly step: "create" | "none";
  readonly programManagementAccount: string;
  /** The relationship after this run (undefined when only planned). */
  readonly relationship?: RelationshipFacts;
}

/** Records the END_CUSTOMER relationship once, in the bill-transfer account's program management account. */
export async function reconcileRelationship(
  partnerCentral: PartnerCentral,
  wanted: { readonly billTransferAccountId: string; readonly managementAccountId: string; readonly displayName: string; readonly relationship: RelationshipSettings },
  options: { readonly act: boolean },
): Promise<RelationshipOutcome> {
  const pma = await partnerCentral.programManagementAccountId(wanted.billTransferAccountId);
  if (pma === undefined) {
    throw new Error(
      `bill-transfer account ${wanted.billTransferAccountId} is not a program management account in Partner Central (catalog ${partnerCentral.catalog}): register it there, or remove the partner's billing.relationship`,
    );
  }
  const found = await partnerCentral.relationshipOf(pma, wanted.managementAccountId);
  if (found !== undefined) return { step: "none", programManagementAccount: pma, relationship: found };
  if (!options.act) return { step: "create", programManagementAccount: pma };
  const made = await partnerCentral.createRelationship(pma, wanted.managementAccountId, wanted.displayName, wanted.relationship);
  return { step: "create", programManagementAccount: pma, relationship: made };
}

/** The service period the inventory asks for, and what this run did about it. */
export interface ServicePeriodOutcome {
  /** `propose` when none was proposed yet; `none` when one is pending or in force; `report` when the customer refused or let it lapse. */
  readonly step: "propose" | "none" | "report";
  readonly period?: ServicePeriodFacts;
  readonly summary: string;
}

/**
 * Proposes the service period once the relationship exists. A proposal the customer rejected,
 * or that expired or was cancelled, is reported, never sent again by itself: Partner Central
 * allows 5 handshakes of one type a day to the same customer, and a refusal is the customer's word.
 */
export async function reconcileServicePeriod(
  partnerCentral: PartnerCentral,
  wanted: { readonly programManagementAccount: string; readonly relationshipId: string; readonly period: ServicePeriodSettings },
  options: { readonly act: boolean },
): Promise<ServicePeriodOutcome> {
  const found = await partnerCentral.servicePeriodOf(wanted.relationshipId);
  if (found === undefined) {
    if (!options.act) return { step: "propose", summary: `service period ${wanted.period.type} to propose` };
    const end = wanted.period.endMonth === undefined ? undefined : withdrawalEnd(wanted.period.endMonth as Month);
    const period = await partnerCentral.proposeServicePeriod(wanted.programManagementAccount, wanted.relationshipId, wanted.period, end);
    return { step: "propose", period, summary: `service period ${wanted.period.type} proposed (${period.id}), awaiting the customer` };
  }
  if (found.status === "ACCEPTED") return { step: "none", period: found, summary: `service period ${found.type ?? wanted.period.type} in force (${found.id})` };
  if (found.status === "PENDING") return { step: "none", period: found, summary: `service period ${found.type ?? wanted.period.type} proposed (${found.id}), awaiting the customer` };
  return { step: "report", period: found, summary: `the service period proposed as ${found.id} is ${found.status.toLowerCase()}: payerfleet does not propose it again by itself; agree the terms with the customer, then propose it in Partner Central` };
}
