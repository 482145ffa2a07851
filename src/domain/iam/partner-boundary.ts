/**
 * The fence around the partner's admins inside a payer. SCPs and RCPs do not apply to a
 * management account, so IAM is the only fence there: a permissions boundary that allows
 * everything but explicitly denies what belongs to the distributor. Explicit denies, not the
 * boundary's implicit ones, because an implicit deny in a boundary does not stop access that
 * a resource policy grants to the principal directly.
 *
 * Every role or user the partner creates must carry this same boundary and live under the
 * `/partner/` IAM path. The path is what makes "pass or assume a role without the boundary"
 * deniable: IAM has no condition key for the boundary of a role being passed or assumed, but
 * the role's ARN carries its path, and every role under `/partner/` was created with the
 * boundary.
 */
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document.ts";
import { custodyStatements, guardrailStatements, monitoringStatements, type FenceContext } from "./distributor-guardrails.ts";
import { NAME_PREFIX, PARTNER_BOUNDARY_POLICY, policyArn } from "../names.ts";

/** The IAM path of every role and user the partner creates. */
export const PARTNER_PATH = "/partner/";

/**
 * Actions that change a role or user, or hand one to a service. Reads stay allowed. The two
 * wildcards match exactly the Create/Delete/Update access key and the Put/Delete role/user
 * boundary actions: the boundary must stay within IAM's managed policy size quota.
 */
const IDENTITY_WRITES = [
  "iam:*AccessKey",
  "iam:*PermissionsBoundary",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:CreateLoginProfile",
  "iam:CreateRole",
  "iam:CreateServiceSpecificCredential",
  "iam:CreateUser",
  "iam:DeleteLoginProfile",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:DeleteUser",
  "iam:DeleteUserPolicy",
  "iam:DetachRolePolicy",
  "iam:DetachUserPolicy",
  "iam:PassRole",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:TagRole",
  "iam:TagUser",
  "iam:UntagRole",
  "iam:UntagUser",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateLoginProfile",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateUser",
  "iam:UploadSSHPublicKey",
  "iam:UploadSigningCertificate",
];

const ROLE_SESSION = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

export function partnerBoundaryArn(accountId: string): string {
  return policyArn(accountId, PARTNER_BOUNDARY_POLICY);
}

/** The distributor's roles in the payer: payerfleet's own, the automation role, governance tooling. */
function distributorRoleArns(fence: FenceContext): string[] {
  const role = (name: string) => `arn:aws:iam::${fence.accountId}:role/${name}`;
  return [...new Set([role(`${NAME_PREFIX}*`), role(fence.automationRoleName), ...fence.guardrails.governanceRoles.map(role)])];
}

function identityStatements(fence: FenceContext): PolicyStatement[] {
  const account = fence.accountId;
  const boundary = partnerBoundaryArn(account);
  return [
    {
      Sid: "DenyPrincipalsWithoutThisBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:CreateUser", "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary"],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    },
    {
      Sid: "DenyBoundaryRemoval",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: "*",
    },
    {
      // Roles and users outside /partner/ were not made under this boundary: changing,
      // passing or assuming one would step outside the fence.
      Sid: "DenyIdentitiesOutsidePartnerPath",
      Effect: "Deny",
      Action: IDENTITY_WRITES,
      NotResource: [`arn:aws:iam::${account}:role${PARTNER_PATH}*`, `arn:aws:iam::${account}:user${PARTNER_PATH}*`],
    },
    {
      // Only roles of this account: assuming roles in the partner's member accounts is how it
      // runs its organization.
      Sid: "DenyAssumingRolesOutsidePartnerPath",
      Effect: "Deny",
      Action: ROLE_SESSION,
      NotResource: `arn:aws:iam::${account}:role${PARTNER_PATH}*`,
      Condition: { StringEquals: { "aws:ResourceAccount": account } },
    },
    {
      // Every role write by its verb, reads allowed; shorter than a list of actions (a
      // boundary must fit IAM's managed policy size quota) and it covers actions IAM adds later.
      Sid: "DenyDistributorRoles",
      Effect: "Deny",
      Action: ["iam:Attach*", "iam:Create*", "iam:Delete*", "iam:Detach*", "iam:PassRole", "iam:Put*", "iam:Tag*", "iam:Untag*", "iam:Update*", "sts:*"],
      Resource: distributorRoleArns(fence),
    },
    {
      // Identity Center provisions its roles (AWSReservedSSO_*) without this boundary: a
      // permission set assigned or provisioned to the payer would step around the fence.
      Sid: "DenyIdentityCenterInPayer",
      Effect: "Deny",
      Action: ["sso:CreateAccountAssignment", "sso:ProvisionPermissionSet"],
      Resource: `arn:aws:sso:::account/${account}`,
    },
    {
      Sid: "DenyDistributorPolicyEdits",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: `arn:aws:iam::${account}:policy/${NAME_PREFIX}*`,
    },
  ];
}

/** The permissions boundary of the partner-admin role and of everything the partner creates. */
export function partnerBoundary(fence: FenceContext): PolicyDocument {
  return policyDocument([
    { Sid: "AllowAdministration", Effect: "Allow", Action: "*", Resource: "*" },
    ...identityStatements(fence),
    ...monitoringStatements(fence.accountId),
    ...guardrailStatements(fence),
    ...custodyStatements(fence),
  ]);
}
