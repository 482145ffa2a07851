/**
 * What the automation role manages of payerfleet's own, the same in a payer and in the hub:
 * roles (never removing a permissions boundary) and EventBridge rules with their targets.
 */
import { NAME_PREFIX } from "../components/names.ts";

/** Managing payerfleet's own roles, in a payer and in the hub: never removing a boundary. */
export const ROLE_ACTIONS = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRolePolicies",
  "iam:ListRoleTags",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
] as const;

/** Managing payerfleet's EventBridge rules and their targets, in a payer and in the hub. */
export const RULE_ACTIONS = [
  "events:DeleteRule",
  "events:DescribeRule",
  "events:DisableRule",
  "events:EnableRule",
  "events:ListTagsForResource",
  "events:ListTargetsByRule",
  "events:PutRule",
  "events:PutTargets",
  "events:RemoveTargets",
  "events:TagResource",
  "events:UntagResource",
] as const;

/** What payerfleet creates in IAM is named `payerfleet-*`; the automation role may be named otherwise. */
export function payerfleetRoles(account: string, roleName: string): string[] {
  const prefixed = `arn:aws:iam::${account}:role/${NAME_PREFIX}*`;
  return roleName.startsWith(NAME_PREFIX) ? [prefixed] : [prefixed, `arn:aws:iam::${account}:role/${roleName}`];
}
