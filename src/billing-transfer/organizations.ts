/**
 * The billing-transfer calls of AWS Organizations, made from the bill-transfer account (the
 * inviting side) through its automation role: never from, nor in, the customer's management
 * account. `ListInboundResponsibilityTransfers` has no paginator in the SDK and may answer an
 * empty page with a NextToken: every page is followed to the end.
 */
import {
  CancelHandshakeCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  ListInboundResponsibilityTransfersCommand,
  OrganizationsClient,
  TerminateResponsibilityTransferCommand,
  type ResponsibilityTransfer,
  type ResponsibilityTransferStatus,
} from "@aws-sdk/client-organizations";
import { reasonAction } from "../domain/billing-transfer/reasons.ts";
import type { ObservedTransfer, TransferStatus } from "../domain/billing-transfer/lifecycle.ts";
import { transferStart, withdrawalEnd, type Month } from "../domain/billing-transfer/calendar.ts";

// The pure layer's statuses are the SDK's: a status AWS adds fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const STATUSES_AGREE: Same<TransferStatus, ResponsibilityTransferStatus> = true;
void STATUSES_AGREE;

/** Organizations' page size limit for responsibility transfers. */
const PAGE = 20;
/** A bound on pages, so that a service answering empty pages forever cannot hold the run. */
const MAX_PAGES = 1000;

/** What payerfleet sends with an invitation: how a later run finds it without a client token. */
export interface Invitation {
  readonly sourceName: string;
  readonly managementAccountId: string;
  readonly month: Month;
  readonly partner: string;
}

export interface SentInvitation {
  readonly handshakeId: string;
  readonly transferId: string;
}

/** An error of AWS's, said with what the operator does about it. */
export class TransferRefused extends Error {
  constructor(
    readonly operation: string,
    readonly reason: string | undefined,
    awsMessage: string,
  ) {
    const action = reasonAction(reason);
    super(`${operation} refused${reason ? ` (${reason})` : ""}: ${action ?? awsMessage}`);
  }
}

function refused(operation: string) {
  return (err: unknown): never => {
    const e = err as { name?: string; message?: string; Reason?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    // A refusal of AWS's (4xx, not throttling) is the operator's to act on; anything else is raised as it is.
    if (status !== undefined && status >= 400 && status < 500 && e.name !== "ThrottlingException" && e.name !== "TooManyRequestsException") {
      throw new TransferRefused(operation, e.Reason, `${e.name}: ${e.message}`);
    }
    throw err;
  };
}

export function observed(t: ResponsibilityTransfer): ObservedTransfer {
  if (t.Id === undefined || t.Status === undefined || t.StartTimestamp === undefined) {
    throw new Error(`Organizations described a responsibility transfer without its id, status or start: ${JSON.stringify(t)}`);
  }
  return {
    id: t.Id,
    ...(t.Arn === undefined ? {} : { arn: t.Arn }),
    name: t.Name ?? "",
    status: t.Status,
    sourceAccountId: t.Source?.ManagementAccountId ?? "",
    targetAccountId: t.Target?.ManagementAccountId ?? "",
    start: t.StartTimestamp,
    ...(t.EndTimestamp === undefined ? {} : { end: t.EndTimestamp }),
    ...(t.ActiveHandshakeId === undefined ? {} : { handshakeId: t.ActiveHandshakeId }),
  };
}

export class TransferApi {
  constructor(private readonly client: OrganizationsClient) {}

  /** Every inbound billing transfer of the account, every page followed, empty ones included. */
  async inbound(): Promise<ObservedTransfer[]> {
    const all: ObservedTransfer[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.client
        .send(new ListInboundResponsibilityTransfersCommand({ Type: "BILLING", MaxResults: PAGE, ...(token === undefined ? {} : { NextToken: token }) }))
        .catch(refused("ListInboundResponsibilityTransfers"));
      all.push(...(out.ResponsibilityTransfers ?? []).map(observed));
      token = out.NextToken;
      if (token === undefined) return all;
    }
    throw new Error(`ListInboundResponsibilityTransfers gave ${MAX_PAGES} pages without an end`);
  }

  /** Invites the customer's organization to transfer its bill, from the first instant of `month`. */
  async invite(invitation: Invitation): Promise<SentInvitation> {
    const out = await this.client
      .send(
        new InviteOrganizationToTransferResponsibilityCommand({
          Type: "BILLING",
          Target: { Id: invitation.managementAccountId, Type: "ACCOUNT" },
          StartTimestamp: transferStart(invitation.month),
          SourceName: invitation.sourceName,
          Notes: `payerfleet: billing transfer of partner ${invitation.partner}, from ${invitation.month}`,
          Tags: [
            { Key: "payerfleet:partner", Value: invitation.partner },
            { Key: "payerfleet:start-month", Value: invitation.month },
          ],
        }),
      )
      .catch(refused("InviteOrganizationToTransferResponsibility"));
    const handshake = out.Handshake;
    const transferId = handshake?.Resources?.find((r) => r.Type === "RESPONSIBILITY_TRANSFER")?.Value;
    if (handshake?.Id === undefined || transferId === undefined) throw new Error("Organizations returned no handshake id or transfer id for the invitation");
    return { handshakeId: handshake.Id, transferId };
  }

  async cancel(handshakeId: string): Promise<void> {
    await this.client.send(new CancelHandshakeCommand({ HandshakeId: handshakeId })).catch(refused("CancelHandshake"));
  }

  /** Withdraws from the transfer at the end of `month`: one way, a new invitation is needed after. */
  async withdraw(transferId: string, month: Month): Promise<ObservedTransfer> {
    const out = await this.client
      .send(new TerminateResponsibilityTransferCommand({ Id: transferId, EndTimestamp: withdrawalEnd(month) }))
      .catch(refused("TerminateResponsibilityTransfer"));
    if (out.ResponsibilityTransfer === undefined) throw new Error(`Organizations described no transfer after withdrawing ${transferId}`);
    return observed(out.ResponsibilityTransfer);
  }
}
