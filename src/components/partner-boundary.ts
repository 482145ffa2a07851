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
import type { ContactType, Guardrails, Inventory, Partner } from "../inventory/schema.ts";
import { contactOwner } from "../inventory/schema.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./iam-document.ts";
import { NAME_PREFIX, ORGANIZATION_TRAIL, PARTNER_BOUNDARY_POLICY, ROOT_ACTIVITY_RULE, policyArn } from "./names.ts";

/** The IAM path of every role and user the partner creates. */
export const PARTNER_PATH = "/partner/";

/** Services whose trusted access payerfleet's custody and monitoring depend on. */
export const TRUSTED_SERVICES = ["account.amazonaws.com", "cloudtrail.amazonaws.com", "iam.amazonaws.com"] as const;

export interface FenceContext {
  /** The payer (management) account. */
  readonly accountId: string;
  /** The role payerfleet assumes in the payer. */
  readonly automationRoleName: string;
  readonly guardrails: Guardrails;
  /** Alternate contact types the distributor owns. */
  readonly distributorContacts: readonly ContactType[];
}

export function fenceContext(inventory: Inventory, partner: Partner): FenceContext {
  const contacts = partner.payer.alternateContacts ?? {};
  const distributorContacts = (["billing", "operations", "security"] as const).filter((type) => {
    const contact = contacts[type];
    return contact !== undefined && contactOwner(type, contact) === "distributor";
  });
  return {
    accountId: partner.payer.accountId,
    automationRoleName: inventory.distributor.automation.roleName,
    guardrails: inventory.distributor.guardrails,
    distributorContacts,
  };
}

/** Actions that change a role or user, or hand one to a service. Reads stay allowed. */
const IDENTITY_WRITES = [
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateRole",
  "iam:CreateServiceSpecificCredential",
  "iam:CreateUser",
  "iam:DeleteAccessKey",
  "iam:DeleteLoginProfile",
  "iam:DeleteRole",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteRolePolicy",
  "iam:DeleteUser",
  "iam:DeleteUserPermissionsBoundary",
  "iam:DeleteUserPolicy",
  "iam:DetachRolePolicy",
  "iam:DetachUserPolicy",
  "iam:PassRole",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:PutUserPermissionsBoundary",
  "iam:PutUserPolicy",
  "iam:TagRole",
  "iam:TagUser",
  "iam:UntagRole",
  "iam:UntagUser",
  "iam:UpdateAccessKey",
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
      Sid: "DenyDistributorRoles",
      Effect: "Deny",
      Action: [...IDENTITY_WRITES.filter((a) => a.includes("Role")), ...ROLE_SESSION],
      Resource: distributorRoleArns(fence),
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

function monitoringStatements(account: string): PolicyStatement[] {
  return [
    {
      Sid: "DenyOrganizationTrailTampering",
      Effect: "Deny",
      Action: [
        "cloudtrail:AddTags",
        "cloudtrail:DeleteTrail",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:PutInsightSelectors",
        "cloudtrail:RemoveTags",
        "cloudtrail:StopLogging",
        "cloudtrail:UpdateTrail",
      ],
      Resource: `arn:aws:cloudtrail:*:${account}:trail/${ORGANIZATION_TRAIL}`,
    },
    {
      Sid: "DenyPayerfleetBucketTampering",
      Effect: "Deny",
      Action: [
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:PutBucketAcl",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutLifecycleConfiguration",
        "s3:PutObject",
      ],
      Resource: [`arn:aws:s3:::${NAME_PREFIX}*`, `arn:aws:s3:::${NAME_PREFIX}*/*`],
    },
    {
      Sid: "DenyRootActivityRuleTampering",
      Effect: "Deny",
      Action: [
        "events:DeleteRule",
        "events:DisableRule",
        "events:PutRule",
        "events:PutTargets",
        "events:RemoveTargets",
        "events:TagResource",
        "events:UntagResource",
      ],
      Resource: `arn:aws:events:*:${account}:rule/${ROOT_ACTIVITY_RULE}*`,
    },
    {
      Sid: "DenyTrustedAccessRemoval",
      Effect: "Deny",
      Action: ["organizations:DeregisterDelegatedAdministrator", "organizations:DisableAWSServiceAccess"],
      Resource: "*",
      Condition: { StringEquals: { "organizations:ServicePrincipal": [...TRUSTED_SERVICES] } },
    },
  ];
}

function guardrailStatements(fence: FenceContext): (PolicyStatement | undefined)[] {
  const { accountId: account, guardrails } = fence;
  return [
    guardrails.buckets.length === 0
      ? undefined
      : {
          Sid: "DenyDistributorBuckets",
          Effect: "Deny",
          Action: "s3:*",
          Resource: guardrails.buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]),
        },
    guardrails.billingViews.length === 0
      ? undefined
      : {
          Sid: "DenyDistributorBillingViews",
          Effect: "Deny",
          Action: ["billing:*", "ce:*"],
          Resource: guardrails.billingViews.map((v) => `arn:aws:billing::${account}:billingview/${v}`),
        },
    guardrails.governanceStacks.length === 0
      ? undefined
      : {
          Sid: "DenyGovernanceStackChanges",
          Effect: "Deny",
          Action: [
            "cloudformation:CancelUpdateStack",
            "cloudformation:ContinueUpdateRollback",
            "cloudformation:CreateChangeSet",
            "cloudformation:DeleteStack",
            "cloudformation:ExecuteChangeSet",
            "cloudformation:SetStackPolicy",
            "cloudformation:UpdateStack",
            "cloudformation:UpdateTerminationProtection",
          ],
          Resource: guardrails.governanceStacks.map((s) => `arn:aws:cloudformation:*:${account}:stack/${s}/*`),
        },
  ];
}

/**
 * The distributor pays the payer's bill and holds the root e-mail: billing settings, the
 * payer's root e-mail, closing the payer or the organization, and the alternate contacts the
 * distributor owns are not the partner's to change.
 */
function custodyStatements(fence: FenceContext): (PolicyStatement | undefined)[] {
  const payer = `arn:aws:account::${fence.accountId}:account`;
  return [
    {
      Sid: "DenyBillingSettings",
      Effect: "Deny",
      Action: [
        "bcm-data-exports:CreateExport",
        "bcm-data-exports:DeleteExport",
        "bcm-data-exports:UpdateExport",
        "billing:Put*",
        "billing:Update*",
        "cur:DeleteReportDefinition",
        "cur:ModifyReportDefinition",
        "cur:PutReportDefinition",
        "invoicing:Create*",
        "invoicing:Delete*",
        "invoicing:Put*",
        "invoicing:Update*",
        "payments:Create*",
        "payments:Delete*",
        "payments:Make*",
        "payments:Update*",
        "tax:Delete*",
        "tax:Put*",
        "tax:Update*",
      ],
      Resource: "*",
    },
    {
      Sid: "DenyRootCustodyChanges",
      Effect: "Deny",
      Action: ["account:AcceptPrimaryEmailUpdate", "account:CloseAccount", "account:StartPrimaryEmailUpdate"],
      Resource: payer,
    },
    {
      Sid: "DenyLeavingTheDistributor",
      Effect: "Deny",
      Action: ["organizations:DeleteOrganization", "organizations:LeaveOrganization"],
      Resource: "*",
    },
    fence.distributorContacts.length === 0
      ? undefined
      : {
          Sid: "DenyDistributorContacts",
          Effect: "Deny",
          Action: ["account:DeleteAlternateContact", "account:PutAlternateContact"],
          Resource: payer,
          Condition: {
            "ForAnyValue:StringEquals": { "account:AlternateContactTypes": fence.distributorContacts.map((t) => t.toUpperCase()) },
          },
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
