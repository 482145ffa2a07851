/**
 * The automation role `bootstrap` creates in a payer: who may assume it, and what it may do.
 * One shape for the whole fleet (only account ids differ), so that one review covers every
 * payer. Pure functions returning plain JSON: rendered into the template and the CLI commands,
 * and proven with an IAM evaluator in tests.
 */
import type { PolicyDocument, PolicyStatement } from "./policy-document.ts";
import { NAME_PREFIX, ROOT_ACTIVITY_DELIVERY_ROLE } from "../names.ts";
import { managedRoleStatements, RULE_ACTIONS } from "./managed-roles.ts";
import { payerRoleFrames } from "./payer-roles.ts";
import { describeRole, type RoleDescription } from "./roles.ts";

/** The distributor's automation settings: who may assume the role, and its name in every account. */
export interface AutomationSettings {
  /** IAM principal ARNs (roles, users, or an account's root). */
  readonly principals: readonly string[];
  readonly roleName: string;
}

const accountOf = (arn: string) => arn.split(":")[4]!;
const isAccountRoot = (arn: string) => arn.endsWith(":root");
const unique = (items: readonly string[]) => [...new Set(items)].sort();

/** `sts:TagSession` lets the driver tag its sessions (partner id, run) for CloudTrail. */
const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:TagSession"] as const;

/**
 * Only the distributor's automation principals. The trust names their accounts and pins the
 * exact principals with `aws:PrincipalArn` rather than naming the roles as principals: IAM
 * rejects a trust policy naming a role that does not exist yet, and binds a named role to its
 * unique id, so re-creating the CI role would silently lock payerfleet out of every payer at
 * once. Matched by ARN, a re-created role keeps working and nobody else gets in. An account
 * root in the inventory means the whole account, and is trusted as such.
 *
 * No `sts:ExternalId`: it guards a third party acting for many customers against being
 * pointed at the wrong one (the confused deputy); here the principals are the distributor's
 * own, reaching only payers the distributor owns, and the driver and the Pulumi provider assume
 * the role without one.
 */
export function automationTrustPolicy(automation: AutomationSettings): PolicyDocument {
  const principals = automation.principals;
  const named = unique(principals.filter((p) => !isAccountRoot(p)));
  const roots = unique(principals.filter(isAccountRoot));
  const statements: PolicyStatement[] = [];
  if (named.length > 0) {
    statements.push({
      Sid: "DistributorAutomationPrincipals",
      Effect: "Allow",
      Principal: { AWS: unique(named.map((p) => `arn:aws:iam::${accountOf(p)}:root`)) },
      Action: [...ASSUME_ACTIONS],
      Condition: { ArnEquals: { "aws:PrincipalArn": named } },
    });
  }
  if (roots.length > 0) {
    statements.push({ Sid: "DistributorAutomationAccounts", Effect: "Allow", Principal: { AWS: roots }, Action: [...ASSUME_ACTIONS] });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The payer's own managed policies its roles are given or bounded by. */
function ownPolicyArns(payer: string): string[] {
  const frames = Object.values(payerRoleFrames(payer));
  const policies = frames.flatMap((f) => [...f.managedPolicies, ...(f.permissionsBoundary === null ? [] : [f.permissionsBoundary])]);
  return [...new Set(policies.map((p) => p.arn).filter((arn) => arn.startsWith(`arn:aws:iam::${payer}:`)))];
}

/**
 * The automation role of an account (a payer, or the hub account): one inline policy, named as
 * the role, and the trust above. `account` names it for people (`partner acme`).
 */
export function automationRole(accountId: string, account: string, automation: AutomationSettings, permissions: PolicyDocument): RoleDescription {
  const name = automation.roleName;
  const frame = {
    name,
    path: "/",
    description: `payerfleet automation for ${account}: assumed only by the distributor's automation principals`,
    permissionsBoundary: null,
    managedPolicies: [],
    inlinePolicies: [name],
  };
  return describeRole(accountId, frame, { trustPolicy: automationTrustPolicy(automation), policies: { [name]: permissions } });
}

/**
 * What payerfleet needs to reconcile and audit one payer, and no more: read the organization
 * and the account's custody facts; manage OUs, account creation and moves, trusted access;
 * its own `payerfleet-*` roles, policies, rules, trail and trail bucket; alternate contacts.
 * Deliberately absent: closing or removing accounts, leaving or deleting the organization,
 * writing the primary contact (the customer's), removing a permissions boundary, reading or
 * deleting objects, anything inside linked accounts, and any way to raise itself (see
 * managed-resources.ts). Organizations calls made in the
 * management account reach only its own organization, hence `Resource: "*"` there.
 */
export function automationPermissionsPolicy(automationRoleName: string, payer: string): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "ReadOrganizationAndCustody",
      Effect: "Allow",
      Action: [
        "cloudtrail:DescribeTrails",
        "cloudtrail:ListTrails",
        "iam:GenerateCredentialReport",
        "iam:GetAccountSummary",
        "iam:GetCredentialReport",
        "iam:ListOrganizationsFeatures",
        "organizations:Describe*",
        "organizations:List*",
      ],
      Resource: "*",
    },
    {
      Sid: "ManageOrganization",
      Effect: "Allow",
      Action: [
        "organizations:CreateAccount",
        "organizations:CreateOrganization",
        "organizations:CreateOrganizationalUnit",
        "organizations:DeleteOrganizationalUnit",
        "organizations:DisableAWSServiceAccess",
        "organizations:EnableAWSServiceAccess",
        "organizations:EnableAllFeatures",
        "organizations:MoveAccount",
        "organizations:TagResource",
        "organizations:UntagResource",
        "organizations:UpdateOrganizationalUnit",
      ],
      Resource: "*",
    },
    {
      Sid: "CentralizedRootAccessForMembers",
      Effect: "Allow",
      Action: [
        "iam:DisableOrganizationsRootCredentialsManagement",
        "iam:DisableOrganizationsRootSessions",
        "iam:EnableOrganizationsRootCredentialsManagement",
        "iam:EnableOrganizationsRootSessions",
      ],
      Resource: "*",
    },
    {
      Sid: "ServiceLinkedRolesForOrganizationsAndTrail",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: `arn:aws:iam::${payer}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": ["cloudtrail.amazonaws.com", "organizations.amazonaws.com"] } },
    },
    {
      Sid: "ReadServiceLinkedRoles",
      Effect: "Allow",
      Action: ["iam:GetRole"],
      Resource: `arn:aws:iam::${payer}:role/aws-service-role/*`,
    },
    ...managedRoleStatements(payer, automationRoleName, Object.values(payerRoleFrames(payer))),
    {
      Sid: "ManagePayerfleetPolicies",
      Effect: "Allow",
      Action: [
        "iam:CreatePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyTags",
        "iam:ListPolicyVersions",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: ownPolicyArns(payer),
    },
    {
      Sid: "PassDeliveryRoleToEventBridge",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: `arn:aws:iam::${payer}:role/${ROOT_ACTIVITY_DELIVERY_ROLE}`,
      Condition: { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
    },
    {
      Sid: "PayerContacts",
      Effect: "Allow",
      Action: ["account:DeleteAlternateContact", "account:GetAlternateContact", "account:GetContactInformation", "account:PutAlternateContact"],
      Resource: `arn:aws:account::${payer}:account`,
    },
    {
      Sid: "RootActivityRules",
      Effect: "Allow",
      Action: [...RULE_ACTIONS],
      Resource: `arn:aws:events:*:${payer}:rule/${NAME_PREFIX}*`,
    },
    {
      Sid: "OrganizationTrail",
      Effect: "Allow",
      Action: [
        "cloudtrail:AddTags",
        "cloudtrail:CreateTrail",
        "cloudtrail:DeleteTrail",
        "cloudtrail:GetEventSelectors",
        "cloudtrail:GetInsightSelectors",
        "cloudtrail:GetTrail",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:ListTags",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:PutInsightSelectors",
        "cloudtrail:RemoveTags",
        "cloudtrail:StartLogging",
        "cloudtrail:UpdateTrail",
      ],
      Resource: `arn:aws:cloudtrail:*:${payer}:trail/${NAME_PREFIX}*`,
    },
    {
      // Bucket settings only: no object action is listed, so the `*` reaching object ARNs grants none.
      Sid: "OrganizationTrailBucket",
      Effect: "Allow",
      Action: [
        "s3:CreateBucket",
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:GetAccelerateConfiguration",
        "s3:GetBucketAcl",
        "s3:GetBucketCORS",
        "s3:GetBucketLocation",
        "s3:GetBucketLogging",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketOwnershipControls",
        "s3:GetBucketPolicy",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketRequestPayment",
        "s3:GetBucketTagging",
        "s3:GetBucketVersioning",
        "s3:GetBucketWebsite",
        "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:GetReplicationConfiguration",
        "s3:ListBucket",
        "s3:PutBucketOwnershipControls",
        "s3:PutBucketPolicy",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketTagging",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
      ],
      Resource: `arn:aws:s3:::${NAME_PREFIX}*`,
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}
