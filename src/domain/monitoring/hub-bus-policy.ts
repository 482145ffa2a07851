/**
 * The hub's resource and role policies, as plain JSON, and the size of each hub bus's policy
 * against EventBridge's limit.
 *
 * Payers belong to many organizations, so one `aws:PrincipalOrgID` (as in the public AWS
 * sample) cannot admit them. Each hub bus instead admits a list of account ids through
 * `aws:PrincipalAccount`, and only the payers' delivery role through `aws:PrincipalArn`.
 * A 12-digit id costs 15 characters in compact JSON (`"123456789012",`), so the policy grows
 * by 15 characters per payer over a fixed frame of about 300: 500 payers take about 7,800
 * characters of the default 10,240.
 */
import { ALERTING_REGION, HUB_FORWARD_RULE, PARTITION_BUS_PREFIX } from "./hub-layout.ts";
import { policyDocument, type PolicyDocument } from "../iam/policy-document.ts";
import { HUB_EVENT_BUS, hubEventBusArn, ROOT_ACTIVITY_DELIVERY_ROLE } from "../names.ts";
import { eventBridgeTrust, putEventsPolicy } from "./spoke-policies.ts";

/**
 * "Event bus policy size": 10,240 characters per bus by default, adjustable through Service
 * Quotas (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html; the
 * PutPermission API reference says the same: "cannot exceed 10 KB in size").
 */
export const EVENT_BUS_POLICY_SIZE_LIMIT = 10_240;

const EVENTBRIDGE = "events.amazonaws.com";

/** Who may put events on the hub bus of one region: the delivery role of each listed payer. */
export function hubBusPolicy(region: string, hubAccountId: string, payerAccountIds: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "PayerRootActivity",
      Effect: "Allow",
      Principal: "*",
      Action: "events:PutEvents",
      Resource: hubEventBusArn(region, hubAccountId),
      Condition: {
        StringEquals: { "aws:PrincipalAccount": [...new Set(payerAccountIds)].sort() },
        ArnLike: { "aws:PrincipalArn": `arn:aws:iam::*:role/${ROOT_ACTIVITY_DELIVERY_ROLE}` },
      },
    },
  ]);
}

/** The policy exactly as it is sent: compact JSON, whose length is what the quota counts. */
export function policyJson(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

/** How many payers one hub bus policy admits within `limit` characters. */
export function busPolicyCapacity(region: string, hubAccountId: string, limit: number = EVENT_BUS_POLICY_SIZE_LIMIT): number {
  const one = policyJson(hubBusPolicy(region, hubAccountId, ["000000000000"])).length;
  const perPayer = policyJson(hubBusPolicy(region, hubAccountId, ["000000000000", "000000000001"])).length - one;
  return one > limit ? 0 : 1 + Math.floor((limit - one) / perPayer);
}

/** Only EventBridge, for the hub's forwarding rules, may assume the forward role. */
export function forwardRoleTrust(hubAccountId: string): PolicyDocument {
  return eventBridgeTrust("EventBridgeForwardsToPartitions", hubAccountId, `arn:aws:events:*:${hubAccountId}:rule/${HUB_EVENT_BUS}/${HUB_FORWARD_RULE}-*`);
}

/** Forwarding rules may put events on the partition buses, however many there are. */
export function forwardRolePolicy(hubAccountId: string): PolicyDocument {
  return putEventsPolicy("PutOnPartitionBuses", `arn:aws:events:${ALERTING_REGION}:${hubAccountId}:event-bus/${PARTITION_BUS_PREFIX}*`);
}

/** Only the hub's per-payer rules, on its partition buses, may publish to an alert topic. */
export function topicPolicy(topicArn: string, hubAccountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "HubRulesPublish",
      Effect: "Allow",
      Principal: { Service: EVENTBRIDGE },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": hubAccountId },
        ArnLike: { "aws:SourceArn": `arn:aws:events:${ALERTING_REGION}:${hubAccountId}:rule/${PARTITION_BUS_PREFIX}*/*` },
      },
    },
  ]);
}
