/**
 * The billing-transfer lifecycle of each transfer partner's stack, run by the driver beside the
 * Pulumi operation (see the README for why not a resource): `preview` plans the next step,
 * `up` takes it, `refresh` reports a stage that moved since the last `up` as drift. What it
 * plans or does is reported as a change of a `payerfleet:organizations:ResponsibilityTransfer`
 * in the stack's report, and the ids it keeps are handed to the stack's program, whose outputs
 * keep them in the stack's state. `destroy` never withdraws a transfer: that is its own
 * confirmed action.
 */
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { ambientSts, type AwsOptions } from "../../aws/sessions.ts";
import { billTransferSession, type BillTransferSession } from "../../billing-transfer/session.ts";
import { reconcilePlane, reconcileRelationship, reconcileServicePeriod, reconcileTransfer, type PlaneOutcome, type TransferOutcome } from "../../billing-transfer/reconcile.ts";
import { billingGroupName, currentTransfer, invitationProperties, isAccepted, isLive, nextStep, sourceName, stageOf } from "../../domain/billing-transfer/lifecycle.ts";
import { DEFAULT_INBOUND_TRANSFERS, invitationsThatFit, type TransferQuotas } from "../../domain/billing-transfer/quotas.ts";
import type { AcceptedTransfer } from "../../components/billing/transfer-partner.ts";
import { monthOf, type Month } from "../../domain/billing-transfer/calendar.ts";
import { isTransfer, type Inventory, type TransferPartner } from "../../inventory/schema.ts";
import { billTransferAccountOf, desiredTransfer } from "../../inventory/stack-inputs.ts";
import type { TransferRecord } from "../../programs/stack-context.ts";
import type { Operation } from "../operations.ts";
import type { ResourceChange, TransferReport } from "../reports/report.ts";
import type { StackTarget } from "./selection.ts";

export const TRANSFER_TYPE = "payerfleet:organizations:ResponsibilityTransfer";
export const BILLING_GROUP_TYPE = "payerfleet:billingconductor:BillingGroup";
export const RELATIONSHIP_TYPE = "payerfleet:partnercentral:Relationship";
export const SERVICE_PERIOD_TYPE = "payerfleet:partnercentral:ServicePeriod";

export interface LifecycleRun {
  readonly resources: ResourceChange[];
  readonly transfer: TransferReport;
}

export interface TransferLifecycle {
  /**
   * Before preview and up: per bill-transfer account of the selected partners, its inbound
   * quota, its live transfers, and how many more invitations fit against how many this run
   * would send. One line each, for the run's notes; a quota that cannot be read is said so.
   */
  preflight(targets: readonly StackTarget[]): Promise<string[]>;
  /** Runs the lifecycle of the stack's transfer; undefined for the hub and custody partners. */
  forStack(target: StackTarget, stack: Stack): Promise<LifecycleRun | undefined>;
  /** What each transfer partner's program outputs: the ids and stage the lifecycle knows. */
  readonly records: ReadonlyMap<string, TransferRecord>;
  /** Accepted transfers with their managed view: what each partner's billing view is built on. */
  readonly accepted: ReadonlyMap<string, AcceptedTransfer>;
  close(): void;
}

export interface LifecycleOptions {
  readonly operation: Operation;
  readonly aws: AwsOptions;
  readonly now: () => Date;
  /** Where the signed Billing and Billing Conductor requests read `AWS_ENDPOINT_URL*` from. */
  readonly env: NodeJS.ProcessEnv;
}


export function transferLifecycle(inventory: Inventory, options: LifecycleOptions): TransferLifecycle {
  const records = new Map<string, TransferRecord>();
  const accepted = new Map<string, AcceptedTransfer>();
  const sessions: BillTransferSession[] = [];
  const accounts = new Map<string, Promise<BillTransferSession>>();
  const sts = ambientSts(options.aws);
  const sessionOf = (partner: TransferPartner): Promise<BillTransferSession> => {
    const account = billTransferAccountOf(inventory, partner);
    let found = accounts.get(account.id);
    if (found === undefined) {
      found = billTransferSession(sts, account, inventory.distributor.automation.roleName, "transfer", options.aws, options.env).then((s) => {
        sessions.push(s);
        return s;
      });
      // A role that cannot be assumed fails each of the account's stacks, and is tried again by none.
      accounts.set(account.id, found);
    }
    return found;
  };

  return {
    records,
    accepted,
    async preflight(targets) {
      const selected = targets.flatMap((t) => inventory.partners.filter((p): p is TransferPartner => p.id === t.partner && isTransfer(p)));
      const byAccount = new Map<string, TransferPartner[]>();
      for (const p of selected) {
        const id = billTransferAccountOf(inventory, p).id;
        byAccount.set(id, [...(byAccount.get(id) ?? []), p]);
      }
      const now = options.now();
      const lines: string[] = [];
      for (const [id, partners] of byAccount) {
        const account = inventory.distributor.billTransferAccounts.find((a) => a.id === id)!;
        const name = `bill-transfer account ${id} (${account.accountId})`;
        try {
          const session = await sessionOf(partners[0]!);
          const [quotas, all] = await Promise.all([session.quotas(), session.inbound.all()]);
          const live = all.filter((t) => isLive(stageOf(t, now))).length;
          let planned = 0;
          for (const p of partners) {
            const wanted = desiredTransfer(inventory, p);
            if (nextStep(wanted, currentTransfer(await session.inbound.named(sourceName(p.id)), now), now).kind === "invite") planned++;
          }
          lines.push(quotaLine(name, quotas, live, planned));
        } catch (err) {
          lines.push(`${name}: its billing-transfer quotas could not be read: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return lines;
    },
    async forStack(target, stack) {
      const partner = inventory.partners.find((p) => p.id === target.partner);
      if (partner === undefined || !isTransfer(partner) || options.operation === "destroy") return undefined;
      const account = billTransferAccountOf(inventory, partner);
      const wanted = desiredTransfer(inventory, partner);
      const now = options.now();
      const session = await sessionOf(partner);
      const act = options.operation === "up";
      const outcome = await reconcileTransfer(session.inbound, wanted, { act, now });
      const arn = outcome.before?.arn;
      const plane = isAccepted(outcome.stage) && arn !== undefined
        ? await reconcilePlane(session.plane, { partner: partner.id, pricingPlan: partner.billing.pricingPlan, managementAccountId: wanted.managementAccountId }, arn, { act })
        : undefined;
      if (plane?.managedViewArn !== undefined) accepted.set(target.stack, { arn: arn!, managedViewArn: plane.managedViewArn });
      const asked = partner.billing.relationship;
      const relation = plane !== undefined && asked !== undefined
        ? await reconcileRelationship(session.partnerCentral, { billTransferAccountId: account.accountId, managementAccountId: wanted.managementAccountId, displayName: partner.name, relationship: asked }, { act })
        : undefined;
      const period = partner.billing.servicePeriod;
      const relationshipId = relation?.relationship?.id;
      // Proposed once the relationship exists: in a preview before it does, the proposal is planned.
      const serviced = period === undefined || relation === undefined
        ? undefined
        : relationshipId === undefined
          ? { step: "propose" as const, summary: `service period ${period.type} to propose` }
          : await reconcileServicePeriod(session.partnerCentral, { programManagementAccount: relation.programManagementAccount, relationshipId, period }, { act });
      const record = { ...recordOf(outcome, wanted.startMonth), billingGroupArn: plane?.groupArn ?? null, relationshipId: relationshipId ?? null };
      records.set(target.stack, record);
      const transfer: TransferReport = {
        ...record,
        summary: `${outcome.summary}${plane === undefined ? "" : planeSummary(plane, act)}${relation?.step === "create" ? (act ? "; Partner Central relationship recorded" : "; Partner Central relationship to record") : ""}${serviced === undefined ? "" : `; ${serviced.summary}`}`,
      };
      const resources: ResourceChange[] = [];
      const urn = `urn:pulumi:${target.stack}::payerfleet::${TRANSFER_TYPE}::${partner.id}-billing-transfer`;
      const step = outcome.step;
      // A step to take is what preview and up show; refresh shows only what moved since the last up.
      if ((step.kind === "invite" || step.kind === "reinvite") && options.operation !== "refresh") {
        resources.push({
          urn,
          type: TRANSFER_TYPE,
          op: step.kind === "invite" ? "create" : "replace",
          diffs: [],
          properties: { ...invitationProperties(wanted, step.month), ...(step.kind === "reinvite" ? { cancelledHandshakeId: step.handshakeId } : {}) },
          detail: outcome.summary,
        });
      }
      const recorded = options.operation === "refresh" ? await recordedTransfer(stack) : undefined;
      if (recorded !== undefined) {
        const before = recorded.stage;
        if (before !== record.stage) {
          resources.push({
            urn,
            type: TRANSFER_TYPE,
            op: "update",
            diffs: [{ path: "stage", kind: "update", old: JSON.stringify(before), new: JSON.stringify(record.stage), before, after: record.stage }],
            detail: outcome.summary,
          });
        }
      }
      if (plane !== undefined) {
        // preview and up: the billing group's next step. refresh: only what moved since the last
        // up, a group made then and gone now, or its pricing plan changed behind payerfleet's back.
        const changes = planeChanges(target.stack, partner.id, arn!, plane);
        if (options.operation !== "refresh") resources.push(...changes);
        else if (plane.groupStep === "update") resources.push(...changes);
        else if (plane.groupStep === "create" && typeof recorded?.billingGroupArn === "string") {
          resources.push({ ...changes[0]!, op: "delete", properties: { id: recorded.billingGroupArn }, detail: "the billing group made by the last up is gone" });
        }
      }
      if (relation?.step === "create" && options.operation !== "refresh") {
        resources.push({
          urn: `urn:pulumi:${target.stack}::payerfleet::${RELATIONSHIP_TYPE}::${partner.id}-relationship`,
          type: RELATIONSHIP_TYPE,
          op: "create",
          diffs: [],
          properties: {
            associationType: "END_CUSTOMER",
            programManagementAccount: relation.programManagementAccount,
            associatedAccountId: wanted.managementAccountId,
            displayName: partner.name,
            sector: asked!.sector,
            resaleAccountModel: asked!.resaleAccountModel,
            ...(asked!.supportPlan === undefined ? {} : { supportPlan: asked!.supportPlan }),
          },
        });
      }
      if (serviced?.step === "propose" && options.operation !== "refresh") {
        resources.push({
          urn: `urn:pulumi:${target.stack}::payerfleet::${SERVICE_PERIOD_TYPE}::${partner.id}-service-period`,
          type: SERVICE_PERIOD_TYPE,
          op: "create",
          diffs: [],
          properties: { handshakeType: "START_SERVICE_PERIOD", servicePeriodType: period!.type, ...(period!.minimumNoticeDays === undefined ? {} : { minimumNoticeDays: period!.minimumNoticeDays }), ...(period!.endMonth === undefined ? {} : { endMonth: period!.endMonth }) },
          detail: "proposed to the customer, who accepts it in Partner Central; once accepted it blocks an early withdrawal",
        });
      }
      return { resources, transfer };
    },
    close() {
      for (const s of sessions) s.close();
      if (options.aws.sts === undefined) sts.destroy();
    },
  };
}

function quotaLine(name: string, quotas: TransferQuotas, live: number, planned: number): string {
  const fit = invitationsThatFit(quotas, live);
  const quota = quotas.inbound === undefined ? `no inbound billing transfer quota found in Service Quotas (AWS's default is ${DEFAULT_INBOUND_TRANSFERS})` : `inbound billing transfers quota ${quotas.inbound}`;
  const chain = quotas.chainLength === undefined ? "" : `, chain length ${quotas.chainLength}`;
  const run = planned === 0 ? "" : `; this run ${planned === 1 ? "sends 1 invitation" : `sends ${planned} invitations`}`;
  const over = planned > fit ? `: ${planned - fit} will be refused, request an increase in Service Quotas (us-east-1) or move partners to another bill-transfer account` : "";
  return `${name}: ${quota}${chain}, ${live} live: ${fit === 1 ? "1 more invitation fits" : `${fit} more invitations fit`}${run}${over}`;
}

/** The billing group's step as a change of the stack. */
function planeChanges(stack: string, partner: string, transferArn: string, plane: PlaneOutcome): ResourceChange[] {
  const urn = `urn:pulumi:${stack}::payerfleet::${BILLING_GROUP_TYPE}::${partner}-billing-group`;
  if (plane.groupStep === "create") {
    return [{ urn, type: BILLING_GROUP_TYPE, op: "create", diffs: [], properties: { name: billingGroupName(partner), responsibilityTransferArn: transferArn, pricingPlanArn: plane.pricingPlanArn } }];
  }
  if (plane.groupStep === "update") {
    const before = plane.group!.pricingPlanArn;
    return [
      {
        urn,
        type: BILLING_GROUP_TYPE,
        op: "update",
        diffs: [{ path: "pricingPlanArn", kind: "update", old: JSON.stringify(before), new: JSON.stringify(plane.pricingPlanArn), before, after: plane.pricingPlanArn }],
        properties: { id: plane.group!.arn, name: plane.group!.name },
        detail: "switching to or from passthrough pricing rewrites the current month's figures",
      },
    ];
  }
  return [];
}

function planeSummary(plane: PlaneOutcome, act: boolean): string {
  const group = plane.groupStep === "create" ? (act ? "; billing group created" : "; billing group to create") : plane.groupStep === "update" ? (act ? "; billing group's pricing plan changed" : "; billing group's pricing plan to change") : "";
  const view = plane.managedViewArn === undefined ? "; AWS has not made the transfer's billing view yet" : "";
  return `${group}${view}`;
}

function recordOf(outcome: TransferOutcome, planned: Month): Omit<TransferRecord, "billingGroupArn" | "relationshipId"> {
  if (outcome.sent !== undefined) {
    return { stage: outcome.stage, transferId: outcome.sent.transferId, handshakeId: outcome.sent.handshakeId, startMonth: outcome.sent.month };
  }
  const t = outcome.before;
  return {
    stage: outcome.stage,
    transferId: t?.id ?? null,
    handshakeId: t?.status === "REQUESTED" ? (t.handshakeId ?? null) : null,
    startMonth: t === undefined ? planned : monthOf(t.start),
  };
}

/** What the last `up` wrote to the stack's outputs; undefined when it wrote none. */
async function recordedTransfer(stack: Stack): Promise<{ stage: string; billingGroupArn?: unknown } | undefined> {
  const outputs = await stack.outputs();
  const transfer = outputs["transfer"]?.value as { stage?: unknown; billingGroupArn?: unknown } | null | undefined;
  return typeof transfer?.stage === "string" ? { stage: transfer.stage, billingGroupArn: transfer.billingGroupArn } : undefined;
}
