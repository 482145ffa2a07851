/**
 * What the automation role may do in the distributor's hub account: the `hub` stack's buses,
 * bus policies, forwarding rules, alert topics and subscriptions, and its forward role, all
 * named `payerfleet-root-activity*`. The trust is the payers' (`automationTrustPolicy`).
 */
import type { PolicyDocument } from "./policy-document.ts";
import { HUB_FORWARD_ROLE } from "../monitoring/hub-layout.ts";
import { NAME_PREFIX } from "../names.ts";
import { FORWARD_ROLE_FRAME } from "./hub-roles.ts";
import { managedRoleStatements, RULE_ACTIONS } from "./managed-roles.ts";

export function hubAutomationPermissionsPolicy(hub: string, automationRoleName: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "RootActivityBuses",
        Effect: "Allow",
        Action: [
          "events:CreateEventBus",
          "events:DeleteEventBus",
          "events:DescribeEventBus",
          "events:ListTagsForResource",
          "events:TagResource",
          "events:UntagResource",
          "events:UpdateEventBus",
        ],
        Resource: `arn:aws:events:*:${hub}:event-bus/${NAME_PREFIX}*`,
      },
      {
        // EventBridge grants these on "*" only: a bus's policy cannot be scoped by its ARN.
        Sid: "RootActivityBusPolicies",
        Effect: "Allow",
        Action: ["events:PutPermission", "events:RemovePermission"],
        Resource: "*",
      },
      {
        // Rules on a custom bus are named rule/BUS/RULE, and every hub bus is payerfleet-*.
        Sid: "RootActivityRules",
        Effect: "Allow",
        Action: [...RULE_ACTIONS],
        Resource: `arn:aws:events:*:${hub}:rule/${NAME_PREFIX}*`,
      },
      {
        Sid: "AlertTopics",
        Effect: "Allow",
        Action: [
          "sns:CreateTopic",
          "sns:DeleteTopic",
          "sns:GetSubscriptionAttributes",
          "sns:GetTopicAttributes",
          "sns:ListSubscriptionsByTopic",
          "sns:ListTagsForResource",
          "sns:SetSubscriptionAttributes",
          "sns:SetTopicAttributes",
          "sns:Subscribe",
          "sns:TagResource",
          "sns:Unsubscribe",
          "sns:UntagResource",
        ],
        Resource: `arn:aws:sns:*:${hub}:${NAME_PREFIX}*`,
      },
      {
        Sid: "PassForwardRoleToEventBridge",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: `arn:aws:iam::${hub}:role/${HUB_FORWARD_ROLE}`,
        Condition: { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
      },
      ...managedRoleStatements(hub, automationRoleName, [FORWARD_ROLE_FRAME]),
    ],
  };
}
