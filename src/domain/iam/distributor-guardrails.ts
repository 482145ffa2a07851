/**
 * The part of the partner fence that protects what belongs to the distributor inside a payer:
 * the monitoring it relies on, the guardrails the inventory names, and custody and billing.
 * See partner-boundary.ts for the whole fence and why its denies are explicit.
 */
import type { PolicyStatement } from "./policy-document.ts";
import { NAME_PREFIX, ORGANIZATION_TRAIL, ROOT_ACTIVITY_RULE } from "../names.ts";
import { TRUSTED_SERVICES } from "../organization.ts";

/** What the distributor keeps for itself in every payer, beyond payerfleet's own resources. */
export interface Guardrails {
  /** Buckets (names, `*` wildcards allowed) the distributor's exports land in. */
  readonly buckets: readonly string[];
  /** Billing views only the distributor may use. */
  readonly billingViews: readonly string[];
  /** Roles of the distributor's governance tooling. */
  readonly governanceRoles: readonly string[];
  /** CloudFormation stacks of the distributor's governance tooling. */
  readonly governanceStacks: readonly string[];
}

/** What the fence around a partner's admins in one payer is made of. */
export interface FenceContext {
  /** The payer (management) account. */
  readonly accountId: string;
  /** The role payerfleet assumes in the payer. */
  readonly automationRoleName: string;
  readonly guardrails: Guardrails;
  /** Alternate contact types the distributor owns, as the inventory spells them (`billing`). */
  readonly distributorContacts: readonly string[];
}

export function monitoringStatements(account: string): PolicyStatement[] {
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

export function guardrailStatements(fence: FenceContext): (PolicyStatement | undefined)[] {
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
export function custodyStatements(fence: FenceContext): (PolicyStatement | undefined)[] {
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
