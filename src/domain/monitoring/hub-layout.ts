/**
 * How the root-activity hub lays out its buses: which partition bus holds which payer's rules,
 * and the names of what the hub creates. Pure, so that the layout is tested without mocks.
 *
 * Each payer gets one rule per route (the rule's message names the partner), so rules grow
 * with the fleet; EventBridge allows 300 rules per bus by default ("Rules", per event bus,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). The per-payer rules
 * therefore live on partition buses in one alerting region, each holding at most
 * {@link PAYERS_PER_PARTITION} payers, and every regional hub bus forwards each partition's
 * payers there. Partitions are cut from the payers sorted by account id, so the inventory's
 * order never matters; a payer that moves to another partition only moves inside the hub stack.
 */
import { HUB_EVENT_BUS } from "../names.ts";
import { ROUTES, type Severity } from "./event-patterns.ts";

/** A payer the hub admits, and how its alerts name it. */
export interface HubPayer {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly accountId: string;
}

/** EventBridge's default quota of rules per event bus. */
const RULES_PER_BUS_QUOTA = 300;
/** 3 routes x 90 payers = 270 rules: room under the quota for a few rules added by hand. */
export const PAYERS_PER_PARTITION = 90;
/** Where partition buses, per-payer rules and the SNS topics live: one set of subscriptions. */
export const ALERTING_REGION = "us-east-1";

export const HUB_ALERT_TOPIC = `${HUB_EVENT_BUS}-alerts`;
export const HUB_NOTICE_TOPIC = `${HUB_EVENT_BUS}-notices`;
/** Real root use alerts; `sts:AssumeRoot` sessions go to a topic of their own, at lower severity. */
export const SEVERITY_TOPICS: Readonly<Record<Severity, string>> = { alert: HUB_ALERT_TOPIC, notice: HUB_NOTICE_TOPIC };
/** Role the hub's forwarding rules use to put events on the partition buses. */
export const HUB_FORWARD_ROLE = `${HUB_EVENT_BUS}-forward`;
/** The rule of each regional hub bus that forwards one partition's payers. */
export const HUB_FORWARD_RULE = `${HUB_EVENT_BUS}-forward`;

/** Partition buses are named with this prefix and their number, from 0. */
export const PARTITION_BUS_PREFIX = `${HUB_EVENT_BUS}-partition-`;

export function partitionBusName(partition: number): string {
  return `${PARTITION_BUS_PREFIX}${partition}`;
}

export function partitionBusArn(partition: number, hubAccountId: string): string {
  return `arn:aws:events:${ALERTING_REGION}:${hubAccountId}:event-bus/${partitionBusName(partition)}`;
}

/** The physical name of one payer's rule for one route: at most 50 of EventBridge's 64 characters. */
export function payerRuleName(payerAccountId: string, route: string): string {
  return `${HUB_EVENT_BUS}-${payerAccountId}-${route}`;
}

export function topicArn(topicName: string, hubAccountId: string): string {
  return `arn:aws:sns:${ALERTING_REGION}:${hubAccountId}:${topicName}`;
}

/**
 * The payers' account ids split into balanced partitions of at most `perPartition`, in account
 * id order; partition sizes differ by one at most.
 */
export function partitionPayers(accountIds: readonly string[], perPartition: number = PAYERS_PER_PARTITION): string[][] {
  if (!Number.isInteger(perPartition) || perPartition < 1 || perPartition * ROUTES.length > RULES_PER_BUS_QUOTA) {
    throw new Error(
      `payersPerPartition must be a whole number from 1 to ${Math.floor(RULES_PER_BUS_QUOTA / ROUTES.length)} ` +
        `(${ROUTES.length} rules per payer, ${RULES_PER_BUS_QUOTA} rules per bus); got ${perPartition}`,
    );
  }
  const sorted = [...new Set(accountIds)].sort();
  const count = Math.ceil(sorted.length / perPartition);
  const partitions: string[][] = Array.from({ length: count }, () => []);
  sorted.forEach((id, rank) => partitions[Math.floor((rank * count) / sorted.length)]!.push(id));
  return partitions;
}
