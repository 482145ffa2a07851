/**
 * Where one partner's billing transfer stands, and the one step that moves it toward what the
 * inventory asks, decided from what AWS reports and the time: pure, so that `preview`, `up`,
 * `refresh` and `audit` all read the same answer.
 *
 * AWS's statuses are REQUESTED, ACCEPTED, DECLINED, CANCELED, EXPIRED and WITHDRAWN; "active"
 * and "withdrawing" are not statuses but an accepted transfer seen against its start and end.
 * Declined, cancelled and withdrawn transfers are reported, never fixed: only a new `startMonth`
 * later than theirs asks for a new invitation. An invitation that expired unaccepted is the one
 * exception, as a missed deadline: it is sent again for the first month still possible, saying so.
 */
import { acceptanceDeadline, canStartIn, earliestStart, monthOf, transferStart, utc, type Month } from "./calendar.ts";

/**
 * The transfer's name in AWS (the invitation's SourceName), which both sides see: how payerfleet
 * finds it again without a client token. Partner ids are printable ASCII, as SourceName must be.
 */
export function sourceName(partner: string): string {
  return `payerfleet ${partner}`;
}

/** The billing group's name: Billing Conductor wants names unique in the account. */
export function billingGroupName(partner: string): string {
  return `payerfleet-${partner}`.slice(0, 128);
}

/** What an invitation carries, as reports and plans show it. */
export function invitationProperties(wanted: DesiredTransfer, month: Month): Record<string, string> {
  return {
    sourceName: sourceName(wanted.partner),
    managementAccountId: wanted.managementAccountId,
    billTransferAccountId: wanted.billTransferAccountId,
    startMonth: month,
    acceptBy: utc(acceptanceDeadline(month)),
  };
}

/** AWS Organizations' ResponsibilityTransferStatus; the SDK layer checks that they agree. */
export type TransferStatus = "REQUESTED" | "ACCEPTED" | "DECLINED" | "CANCELED" | "EXPIRED" | "WITHDRAWN";

export type Stage = "planned" | "invited" | "accepted" | "active" | "withdrawing" | "ended" | "declined" | "cancelled" | "expired" | "withdrawn";

/** A transfer as AWS describes it (DescribeResponsibilityTransfer), in the bill-transfer account. */
export interface ObservedTransfer {
  readonly id: string;
  readonly arn?: string;
  readonly name: string;
  readonly status: TransferStatus;
  /** The customer's management account: the bill source. */
  readonly sourceAccountId: string;
  /** The bill-transfer account. */
  readonly targetAccountId: string;
  readonly start: Date;
  readonly end?: Date;
  readonly handshakeId?: string;
}

/** What the inventory asks of one transfer partner. */
export interface DesiredTransfer {
  readonly partner: string;
  readonly managementAccountId: string;
  readonly billTransferAccountId: string;
  readonly startMonth: Month;
}

export type Step =
  /** Send an invitation for a start in `month`; `replanned` says why not the inventory's month. */
  | { readonly kind: "invite"; readonly month: Month; readonly deadline: Date; readonly replanned?: string }
  /** Cancel the invitation whose deadline passed, and invite again for `month`. */
  | { readonly kind: "reinvite"; readonly handshakeId: string; readonly month: Month; readonly deadline: Date; readonly reason: string }
  /** Nothing payerfleet can do now: the customer or the calendar acts next. */
  | { readonly kind: "wait"; readonly reason: string }
  /** The transfer is as the inventory asks. */
  | { readonly kind: "none" }
  /** AWS holds something payerfleet will not change by itself: said, and left as it is. */
  | { readonly kind: "report"; readonly problem: string };

const TERMINAL: Partial<Record<TransferStatus, Stage>> = {
  DECLINED: "declined",
  CANCELED: "cancelled",
  EXPIRED: "expired",
};

/** Stages of a transfer that counts against the inbound quota: a sent invitation counts until it ends. */
export function isLive(stage: Stage): boolean {
  return stage === "invited" || isAccepted(stage);
}

/** Stages in which the customer has accepted and the transfer stands (a billing group binds to it). */
export function isAccepted(stage: Stage): boolean {
  return stage === "accepted" || stage === "active" || stage === "withdrawing";
}

/** The stage of `transfer` at `now`; "planned" when there is none. */
export function stageOf(transfer: ObservedTransfer | undefined, now: Date): Stage {
  if (transfer === undefined) return "planned";
  const terminal = TERMINAL[transfer.status];
  if (terminal !== undefined) return terminal;
  if (transfer.status === "REQUESTED") return "invited";
  const t = now.getTime();
  if (transfer.end !== undefined) {
    if (t > transfer.end.getTime()) return transfer.status === "WITHDRAWN" ? "withdrawn" : "ended";
    // Withdrawn, by either side, and not ended yet: whether or not it has started.
    return "withdrawing";
  }
  if (transfer.status === "WITHDRAWN") return "withdrawn";
  return t < transfer.start.getTime() ? "accepted" : "active";
}

/**
 * The transfer of `wanted` among those AWS lists under its name: a live one (invited,
 * accepted, active, withdrawing) when there is one, else the latest.
 */
export function currentTransfer(found: readonly ObservedTransfer[], now: Date): ObservedTransfer | undefined {
  const live = found.filter((t) => isLive(stageOf(t, now)));
  const pool = live.length > 0 ? live : found;
  return [...pool].sort((a, b) => b.start.getTime() - a.start.getTime())[0];
}

/** The step that moves `observed` toward `wanted` at `now`. */
export function nextStep(wanted: DesiredTransfer, observed: ObservedTransfer | undefined, now: Date): Step {
  if (observed !== undefined && observed.sourceAccountId !== wanted.managementAccountId) {
    return {
      kind: "report",
      problem: `transfer ${observed.id} named "${observed.name}" bills account ${observed.sourceAccountId}, not the inventory's ${wanted.managementAccountId}: correct managementAccountId, or end that transfer explicitly (payerfleet withdraw)`,
    };
  }
  const stage = stageOf(observed, now);
  const startOf = (t: ObservedTransfer) => monthOf(t.start);
  switch (stage) {
    case "planned":
      return invite(wanted.startMonth, now);
    case "invited": {
      const month = startOf(observed!);
      if (canStartIn(month, now)) {
        // The inventory's month, or the first one still possible when its deadline has passed.
        const wantedMonth = canStartIn(wanted.startMonth, now) ? wanted.startMonth : earliestStart(now);
        if (month !== wantedMonth) {
          return reinviteOrWait(observed!, wantedMonth, now, `the inventory now asks for ${wanted.startMonth} instead of ${month}`);
        }
        const update = month === wanted.startMonth ? "" : `; set startMonth to "${month}"`;
        return { kind: "wait", reason: `invited to start ${utc(transferStart(month))}: the customer's management account ${wanted.managementAccountId} must accept before ${utc(acceptanceDeadline(month))}${update}` };
      }
      const later = laterOf(wanted.startMonth, earliestStart(now));
      return reinviteOrWait(observed!, later, now, `the customer did not accept before ${utc(acceptanceDeadline(month))}, the deadline for ${month}`);
    }
    case "accepted":
    case "active": {
      const month = startOf(observed!);
      if (month !== wanted.startMonth) {
        return {
          kind: "report",
          problem: `the transfer ${observed!.id} was accepted to start ${month}; an accepted transfer's start cannot change: set startMonth back to "${month}"`,
        };
      }
      return stage === "accepted" ? { kind: "wait", reason: `accepted: the distributor pays from ${utc(transferStart(month))}` } : { kind: "none" };
    }
    case "withdrawing":
      return { kind: "report", problem: `the transfer ${observed!.id} is withdrawn and ends ${utc(observed!.end!)}: a withdrawal cannot be undone; a new invitation needs a startMonth after it` };
    case "expired": {
      const month = startOf(observed!);
      const later = laterOf(wanted.startMonth, earliestStart(now));
      const step = invite(later, now);
      const why = `the invitation for ${month} expired unaccepted (deadline ${utc(acceptanceDeadline(month))})`;
      return step.kind === "invite" ? { ...step, replanned: `${why}: invited again for ${step.month}${step.month === wanted.startMonth ? "" : `; set startMonth to "${step.month}"`}` } : step;
    }
    default: {
      // declined, cancelled, withdrawn, ended: a new invitation only for a later month.
      const last = startOf(observed!);
      if (wanted.startMonth > last && (observed!.end === undefined || transferStart(wanted.startMonth) > observed!.end)) return invite(wanted.startMonth, now);
      return {
        kind: "report",
        problem: `the transfer ${observed!.id} for ${last} is ${stage}${observed!.end ? ` (ended ${utc(observed!.end)})` : ""}: payerfleet does not invite again by itself; set a later startMonth to send a new invitation`,
      };
    }
  }
}

function laterOf(a: Month, b: Month): Month {
  return a > b ? a : b;
}

function invite(month: Month, now: Date): Step {
  if (canStartIn(month, now)) return { kind: "invite", month, deadline: acceptanceDeadline(month) };
  const next = earliestStart(now);
  return {
    kind: "invite",
    month: next,
    deadline: acceptanceDeadline(next),
    replanned: `startMonth ${month} cannot be accepted in time (its deadline ${utc(acceptanceDeadline(month))} has passed): invited for ${next} instead; set startMonth to "${next}"`,
  };
}

function reinviteOrWait(observed: ObservedTransfer, month: Month, now: Date, reason: string): Step {
  const target = canStartIn(month, now) ? month : earliestStart(now);
  if (observed.handshakeId === undefined) {
    return { kind: "report", problem: `${reason}, and AWS names no open handshake of transfer ${observed.id} to cancel: cancel it in the console, then run up again` };
  }
  return { kind: "reinvite", handshakeId: observed.handshakeId, month: target, deadline: acceptanceDeadline(target), reason: `${reason}: invitation ${observed.handshakeId} is cancelled and sent again for ${target}` };
}
