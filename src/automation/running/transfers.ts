/**
 * The billing-transfer lifecycle of each transfer partner's stack, run by the driver beside the
 * Pulumi operation (see the README for why not a resource): `preview` plans the next step,
 * `up` takes it, `refresh` reports a stage that moved since the last `up` as drift. What it
 * plans or does is reported as a change of a `payerfleet:organizations:ResponsibilityTransfer`
 * in the stack's report, and the ids it keeps are handed to the stack's program, whose outputs
 * keep them in the stack's state. `destroy` never withdraws a transfer: that is its own
 * confirmed action.
 */
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { Stack } from "@pulumi/pulumi/automation/index.js";
import { ambientSts, assumeRole, clientConfig, GLOBAL_REGION, type AwsOptions } from "../../aws/sessions.ts";
import { TransferApi } from "../../billing-transfer/organizations.ts";
import { InboundTransfers, reconcileTransfer, sourceName, type TransferOutcome } from "../../billing-transfer/reconcile.ts";
import { acceptanceDeadline, monthOf, utc, type Month } from "../../domain/billing-transfer/calendar.ts";
import { roleArn, sessionName } from "../../domain/names.ts";
import { isTransfer, type Inventory, type TransferPartner } from "../../inventory/schema.ts";
import { billTransferAccountOf } from "../../inventory/stack-inputs.ts";
import type { TransferRecord } from "../../programs/stack-context.ts";
import type { Operation } from "../operations.ts";
import type { ResourceChange, TransferReport } from "../reports/report.ts";
import type { StackTarget } from "./selection.ts";

export const TRANSFER_TYPE = "payerfleet:organizations:ResponsibilityTransfer";

export interface LifecycleRun {
  readonly resources: ResourceChange[];
  readonly transfer: TransferReport;
}

export interface TransferLifecycle {
  /** Runs the lifecycle of the stack's transfer; undefined for the hub and custody partners. */
  forStack(target: StackTarget, stack: Stack): Promise<LifecycleRun | undefined>;
  /** What each transfer partner's program outputs: the ids and stage the lifecycle knows. */
  readonly records: ReadonlyMap<string, TransferRecord>;
  close(): void;
}

export interface LifecycleOptions {
  readonly operation: Operation;
  readonly aws: AwsOptions;
  readonly now: () => Date;
}

export function transferLifecycle(inventory: Inventory, options: LifecycleOptions): TransferLifecycle {
  const records = new Map<string, TransferRecord>();
  const clients: OrganizationsClient[] = [];
  const accounts = new Map<string, Promise<InboundTransfers>>();
  const sts = ambientSts(options.aws);
  const inboundOf = (partner: TransferPartner): Promise<InboundTransfers> => {
    const account = billTransferAccountOf(inventory, partner);
    let found = accounts.get(account.id);
    if (found === undefined) {
      found = (async () => {
        // The bill-transfer account's automation role: the one role this lifecycle ever assumes.
        const credentials = await assumeRole(sts, roleArn(account.accountId, inventory.distributor.automation.roleName), sessionName("transfer", account.id));
        const client = new OrganizationsClient({ ...clientConfig(options.aws, GLOBAL_REGION), credentials });
        clients.push(client);
        return new InboundTransfers(new TransferApi(client));
      })();
      // A role that cannot be assumed fails each of the account's stacks, and is tried again by none.
      accounts.set(account.id, found);
    }
    return found;
  };

  return {
    records,
    async forStack(target, stack) {
      const partner = inventory.partners.find((p) => p.id === target.partner);
      if (partner === undefined || !isTransfer(partner) || options.operation === "destroy") return undefined;
      const account = billTransferAccountOf(inventory, partner);
      const wanted = { partner: partner.id, managementAccountId: partner.billing.managementAccountId, billTransferAccountId: account.accountId, startMonth: partner.billing.startMonth as Month };
      const now = options.now();
      const outcome = await reconcileTransfer(await inboundOf(partner), wanted, { act: options.operation === "up", now });
      const record = recordOf(outcome, wanted.startMonth);
      records.set(target.stack, record);
      const transfer: TransferReport = {
        stage: record.stage,
        transferId: record.transferId,
        handshakeId: record.handshakeId,
        startMonth: record.startMonth,
        summary: outcome.summary,
      };
      const resources: ResourceChange[] = [];
      const urn = `urn:pulumi:${target.stack}::payerfleet::${TRANSFER_TYPE}::${partner.id}-billing-transfer`;
      const step = outcome.step;
      if (step.kind === "invite" || step.kind === "reinvite") {
        resources.push({
          urn,
          type: TRANSFER_TYPE,
          op: step.kind === "invite" ? "create" : "replace",
          diffs: [],
          properties: {
            sourceName: sourceName(partner.id),
            managementAccountId: wanted.managementAccountId,
            billTransferAccountId: wanted.billTransferAccountId,
            startMonth: step.month,
            acceptBy: utc(acceptanceDeadline(step.month)),
            ...(step.kind === "reinvite" ? { cancelledHandshakeId: step.handshakeId } : {}),
          },
          detail: outcome.summary,
        });
      } else if (options.operation === "refresh") {
        const before = await recordedStage(stack);
        if (before !== undefined && before !== record.stage) {
          resources.push({
            urn,
            type: TRANSFER_TYPE,
            op: "update",
            diffs: [{ path: "stage", kind: "update", old: JSON.stringify(before), new: JSON.stringify(record.stage), before, after: record.stage }],
            detail: outcome.summary,
          });
        }
      }
      return { resources, transfer };
    },
    close() {
      for (const c of clients) c.destroy();
      if (options.aws.sts === undefined) sts.destroy();
    },
  };
}

function recordOf(outcome: TransferOutcome, planned: Month): TransferRecord {
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

/** The stage the last `up` wrote to the stack's outputs; undefined when it wrote none. */
async function recordedStage(stack: Stack): Promise<string | undefined> {
  const outputs = await stack.outputs();
  const transfer = outputs["transfer"]?.value as { stage?: unknown } | null | undefined;
  return typeof transfer?.stage === "string" ? transfer.stage : undefined;
}
