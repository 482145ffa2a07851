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

/** IAM's quota on a managed policy document, a permissions boundary included. */
export const MANAGED_POLICY_SIZE_QUOTA = 6144;

/** The size IAM counts against {@link MANAGED_POLICY_SIZE_QUOTA}: characters, whitespace excluded. */
export function managedPolicySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}

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
      // Every write, reads allowed: a default encryption key CloudTrail may not use, requester
      // pays, replication or object lock stop or divert the trail's delivery as surely as a
      // bucket policy does. `*` in an ARN also matches `/`: the objects are covered.
      Sid: "DenyPayerfleetBucketTampering",
      Effect: "Deny",
      Action: ["s3:Delete*", "s3:Put*", "s3:Update*"],
      Resource: `arn:aws:s3:::${NAME_PREFIX}*`,
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
    {
      // A CloudTrail delegated administrator, a member account outside this fence, may update
      // and delete every organization trail. CloudTrail's own call carries no service principal.
      Sid: "DenyOrganizationTrailDelegation",
      Effect: "Deny",
      Action: ["cloudtrail:RegisterOrganizationDelegatedAdmin", "organizations:RegisterDelegatedAdministrator"],
      Resource: "*",
      Condition: { StringEqualsIfExists: { "organizations:ServicePrincipal": "cloudtrail.amazonaws.com" } },
    },
  ];
}

/** A name ending in `*` already matches its objects: `*` in an ARN also matches `/`. */
function bucketAndObjectArns(bucket: string): string[] {
  const arn = `arn:aws:s3:::${bucket}`;
  return bucket.endsWith("*") ? [arn] : [arn, `${arn}/*`];
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
          Resource: guardrails.buckets.flatMap(bucketAndObjectArns),
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
  // The payer as the Account Management API names it: `account` when a call acts on the
  // caller's own account, `accountInOrganization` when a management account names one by id.
  // StartPrimaryEmailUpdate only takes the second form (and AWS refuses the management
  // account's own id there today): on the first form alone its deny matched no request.
  const id = fence.accountId;
  const payer = [`arn:aws:account::${id}:account`, `arn:aws:account::${id}:account/o-*/${id}`];
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
        "tax:BatchDelete*",
        "tax:BatchPut*",
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
