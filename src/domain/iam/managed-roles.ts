/**
 * What the automation role manages of payerfleet's own, in a payer and in the hub: its roles
 * and EventBridge rules. The role may manage exactly the roles payerfleet deploys, by name, and
 * nothing it could use to raise itself:
 *
 * - it may not change its own role, policies or trust (an explicit deny, whatever its name);
 * - it creates only the roles payerfleet deploys, by exact name, and the partner-admin role
 *   only carrying the partner boundary (`iam:PermissionsBoundary`);
 * - it attaches only the policy each role gets (`iam:PolicyARN`): the billing-admin policy to
 *   the billing-admin role, AdministratorAccess to the partner-admin role, nothing else;
 * - it puts inline policies only on the roles whose inline policy payerfleet writes;
 * - it assumes no role at all (an explicit deny): a role whose trust it rewrote to name itself
 *   would otherwise let it in, since a trust policy naming a principal of the same account
 *   grants access without any identity policy.
 */
import type { PolicyStatement } from "./policy-document.ts";
import { roleArn } from "../names.ts";
import type { RoleFrame } from "./roles.ts";

/** Reading a role and the changes that grant it nothing new. */
const ROLE_UPKEEP = [
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRolePolicies",
  "iam:ListRoleTags",
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
  "events:EnableRule",
  "events:ListTagsForResource",
  "events:ListTargetsByRule",
  "events:PutRule",
  "events:PutTargets",
  "events:RemoveTargets",
  "events:TagResource",
  "events:UntagResource",
] as const;

/**
 * The statements that let the automation role `automationRoleName` of `account` manage exactly
 * `roles` (created only with their boundary, given only their own policies), and never itself.
 */
export function managedRoleStatements(account: string, automationRoleName: string, roles: readonly RoleFrame[]): PolicyStatement[] {
  const arns = (list: readonly RoleFrame[]) => list.map((r) => roleArn(account, r.name, r.path));
  const statements: PolicyStatement[] = [{ Sid: "ManagePayerfleetRoles", Effect: "Allow", Action: [...ROLE_UPKEEP], Resource: arns(roles) }];
  const unbounded = roles.filter((r) => r.permissionsBoundary === null);
  if (unbounded.length > 0) statements.push({ Sid: "CreatePayerfleetRoles", Effect: "Allow", Action: ["iam:CreateRole"], Resource: arns(unbounded) });
  for (const role of roles) {
    if (role.permissionsBoundary === null) continue;
    statements.push({
      Sid: `Create${sidOf(role.name)}WithItsBoundary`,
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: roleArn(account, role.name, role.path),
      Condition: { StringEquals: { "iam:PermissionsBoundary": role.permissionsBoundary.arn } },
    });
  }
  for (const role of roles.filter((r) => r.managedPolicies.length > 0)) {
    statements.push({
      Sid: `AttachTo${sidOf(role.name)}`,
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy"],
      Resource: roleArn(account, role.name, role.path),
      Condition: { ArnEquals: { "iam:PolicyARN": role.managedPolicies.map((p) => p.arn) } },
    });
  }
  const inline = roles.filter((r) => r.inlinePolicies.length > 0);
  if (inline.length > 0) statements.push({ Sid: "InlinePoliciesOfPayerfleetRoles", Effect: "Allow", Action: ["iam:PutRolePolicy"], Resource: arns(inline) });
  statements.push(
    {
      Sid: "DenyChangingItself",
      Effect: "Deny",
      Action: ["iam:Attach*", "iam:Create*", "iam:Delete*", "iam:Detach*", "iam:PassRole", "iam:Put*", "iam:Tag*", "iam:Untag*", "iam:Update*"],
      Resource: roleArn(account, automationRoleName),
    },
    { Sid: "DenyAssumingRoles", Effect: "Deny", Action: ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"], Resource: "*" },
  );
  return statements;
}

/** `payerfleet-partner-admin` → `PartnerAdmin`, for statement ids. */
function sidOf(roleName: string): string {
  return roleName
    .replace(/^payerfleet-/, "")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}
