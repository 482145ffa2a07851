import { expect } from "chai";
import type { Inventory } from "../../../src/inventory/schema.ts";
import type { FenceContext } from "../../../src/domain/iam/distributor-guardrails.ts";
import { PARTNER_PATH, partnerBoundary, partnerBoundaryArn } from "../../../src/domain/iam/partner-boundary.ts";
import { MANAGED_POLICY_SIZE_QUOTA, managedPolicySize } from "../../../src/domain/iam/policy-document.ts";
import { TRUSTED_SERVICES } from "../../../src/domain/organization.ts";
import { fenceContext } from "../../../src/inventory/stack-inputs.ts";
import { exampleInventory, partnerOf } from "../../support/example.ts";
import { evaluate, partnerAdminSession, type Attempt, type Decision, type Organization } from "../../support/iam.ts";

const PAYER = "100000000003";
/** A member account of fabrikam's organization (where its break-glass role lives). */
const MEMBER = "400000000001";
const HUB = "210987654321";
const ORGANIZATION: Organization = { id: "o-fab1c2d3e4", accounts: [PAYER, MEMBER] };
const BOUNDARY = "arn:aws:iam::100000000003:policy/payerfleet-partner-boundary";

/** The boundary of the example partner `fabrikam`: the reviewable contract. */
const FABRIKAM_BOUNDARY = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowAdministration", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "DenyPrincipalsWithoutThisBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:CreateUser", "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary"],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": "arn:aws:iam::100000000003:policy/payerfleet-partner-boundary" } },
    },
    {
      Sid: "DenyBoundaryRemoval",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: "*",
    },
    {
      Sid: "DenyIdentitiesOutsidePartnerPath",
      Effect: "Deny",
      Action: [
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
      ],
      NotResource: ["arn:aws:iam::100000000003:role/partner/*", "arn:aws:iam::100000000003:user/partner/*"],
    },
    {
      Sid: "DenyAssumingRolesOutsidePartnerPath",
      Effect: "Deny",
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      NotResource: "arn:aws:iam::100000000003:role/partner/*",
      Condition: { StringEquals: { "aws:ResourceAccount": "100000000003" } },
    },
    {
      Sid: "DenyDistributorRoles",
      Effect: "Deny",
      Action: ["iam:Attach*", "iam:Create*", "iam:Delete*", "iam:Detach*", "iam:PassRole", "iam:Put*", "iam:Tag*", "iam:Untag*", "iam:Update*", "sts:*"],
      Resource: [
        "arn:aws:iam::100000000003:role/payerfleet-*",
        "arn:aws:iam::100000000003:role/payerfleet-automation",
        "arn:aws:iam::100000000003:role/distributor-governance-agent",
      ],
    },
    {
      Sid: "DenyIdentityCenterInPayer",
      Effect: "Deny",
      Action: ["sso:CreateAccountAssignment", "sso:ProvisionPermissionSet"],
      Resource: "arn:aws:sso:::account/100000000003",
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
      Resource: "arn:aws:iam::100000000003:policy/payerfleet-*",
    },
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
      Resource: "arn:aws:cloudtrail:*:100000000003:trail/payerfleet-organization-trail",
    },
    {
      Sid: "DenyPayerfleetBucketTampering",
      Effect: "Deny",
      Action: ["s3:Delete*", "s3:Put*", "s3:Update*"],
      Resource: "arn:aws:s3:::payerfleet-*",
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
      Resource: "arn:aws:events:*:100000000003:rule/payerfleet-root-activity*",
    },
    {
      Sid: "DenyTrustedAccessRemoval",
      Effect: "Deny",
      Action: ["organizations:DeregisterDelegatedAdministrator", "organizations:DisableAWSServiceAccess"],
      Resource: "*",
      Condition: {
        StringEquals: { "organizations:ServicePrincipal": ["account.amazonaws.com", "cloudtrail.amazonaws.com", "iam.amazonaws.com"] },
      },
    },
    {
      Sid: "DenyOrganizationTrailDelegation",
      Effect: "Deny",
      Action: ["cloudtrail:RegisterOrganizationDelegatedAdmin", "organizations:RegisterDelegatedAdministrator"],
      Resource: "*",
      Condition: { StringEqualsIfExists: { "organizations:ServicePrincipal": "cloudtrail.amazonaws.com" } },
    },
    {
      Sid: "DenyDistributorBuckets",
      Effect: "Deny",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::distributor-cur-exports-*", "arn:aws:s3:::distributor-invoices", "arn:aws:s3:::distributor-invoices/*"],
    },
    {
      Sid: "DenyDistributorBillingViews",
      Effect: "Deny",
      Action: ["billing:*", "ce:*"],
      Resource: ["arn:aws:billing::100000000003:billingview/distributor-margin"],
    },
    {
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
      Resource: ["arn:aws:cloudformation:*:100000000003:stack/distributor-governance/*"],
    },
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
      Resource: ["arn:aws:account::100000000003:account", "arn:aws:account::100000000003:account/o-*/100000000003"],
    },
    {
      Sid: "DenyLeavingTheDistributor",
      Effect: "Deny",
      Action: ["organizations:DeleteOrganization", "organizations:LeaveOrganization"],
      Resource: "*",
    },
    {
      Sid: "DenyDistributorContacts",
      Effect: "Deny",
      Action: ["account:DeleteAlternateContact", "account:PutAlternateContact"],
      Resource: ["arn:aws:account::100000000003:account", "arn:aws:account::100000000003:account/o-*/100000000003"],
      Condition: { "ForAnyValue:StringEquals": { "account:AlternateContactTypes": ["BILLING"] } },
    },
  ],
};

interface Row {
  readonly attempt: string;
  readonly expected: Decision;
  readonly request: Attempt;
}

const iam = (resource: string) => `arn:aws:iam::${PAYER}:${resource}`;
const payerAccount = `arn:aws:account::${PAYER}:account`;
const inOrganization = (account: string) => `arn:aws:account::${PAYER}:account/${ORGANIZATION.id}/${account}`;
const orgAccount = (account: string) => `arn:aws:organizations::${PAYER}:account/${ORGANIZATION.id}/${account}`;
/** A role trust policy letting the given account's principals assume the role. */
const trustedBy = (account: string) => ({
  Version: "2012-10-17" as const,
  Statement: [{ Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }],
});
/** The request keys S3 adds to a signed REST call on a bucket owned by `account`. */
const s3 = (account: string, extra: Record<string, string> = {}) => ({
  resourceAccount: account,
  context: { "s3:ResourceAccount": account, "s3:authType": "REST-HEADER", "s3:signatureversion": "AWS4-HMAC-SHA256", "s3:TlsVersion": "1.3", ...extra },
});
const ORGANIZATION_TRAIL = `arn:aws:cloudtrail:us-east-1:${PAYER}:trail/payerfleet-organization-trail`;
const ROOT_ACTIVITY_RULE = (region: string) => `arn:aws:events:${region}:${PAYER}:rule/payerfleet-root-activity`;
const GOVERNANCE_STACK = `arn:aws:cloudformation:eu-west-1:${PAYER}:stack/distributor-governance/8c6f2a10-77b1-11f0-9a4e-0a1b2c3d4e5f`;
const MARGIN_VIEW = `arn:aws:billing::${PAYER}:billingview/distributor-margin`;

/**
 * Attempts by the partner admin, each as the real API call authorizes it. ExplicitlyDenied is
 * the fence at work: an implicit deny would not hold against a resource policy naming the
 * principal.
 */
const ATTEMPTS: readonly Row[] = [
  // Escalation: identities without the boundary, or outside /partner/.
  {
    attempt: "create a role under /partner/ without a permissions boundary",
    expected: "ExplicitlyDenied",
    request: { action: "iam:CreateRole", resource: iam("role/partner/deployer") },
  },
  {
    attempt: "create a role under /partner/ with another permissions boundary",
    expected: "ExplicitlyDenied",
    request: { action: "iam:CreateRole", resource: iam("role/partner/deployer"), context: { "iam:PermissionsBoundary": iam("policy/partner/lenient") } },
  },
  {
    attempt: "create a role with this boundary under the path / instead of /partner/",
    expected: "ExplicitlyDenied",
    request: { action: "iam:CreateRole", resource: iam("role/deployer"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  {
    attempt: "create a role with this boundary under /partner/",
    expected: "Allowed",
    request: { action: "iam:CreateRole", resource: iam("role/partner/deployer"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  {
    attempt: "create a user under /partner/ without a permissions boundary",
    expected: "ExplicitlyDenied",
    request: { action: "iam:CreateUser", resource: iam("user/partner/ci") },
  },
  {
    attempt: "create a user with this boundary under the path / instead of /partner/",
    expected: "ExplicitlyDenied",
    request: { action: "iam:CreateUser", resource: iam("user/ci"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  {
    attempt: "create a user with this boundary under /partner/",
    expected: "Allowed",
    request: { action: "iam:CreateUser", resource: iam("user/partner/ci"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  {
    attempt: "put another permissions boundary on an existing /partner/ role",
    expected: "ExplicitlyDenied",
    request: { action: "iam:PutRolePermissionsBoundary", resource: iam("role/partner/deployer"), context: { "iam:PermissionsBoundary": iam("policy/partner/lenient") } },
  },
  {
    attempt: "delete the permissions boundary of a /partner/ role",
    expected: "ExplicitlyDenied",
    request: { action: "iam:DeleteRolePermissionsBoundary", resource: iam("role/partner/deployer"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  {
    attempt: "delete the permissions boundary of a /partner/ user",
    expected: "ExplicitlyDenied",
    request: { action: "iam:DeleteUserPermissionsBoundary", resource: iam("user/partner/ci") },
  },
  {
    attempt: "put this boundary on the automation role (it would lock the distributor out)",
    expected: "ExplicitlyDenied",
    request: { action: "iam:PutRolePermissionsBoundary", resource: iam("role/payerfleet-automation"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  // Escalation: editing the boundary itself.
  { attempt: "create a new version of the boundary policy", expected: "ExplicitlyDenied", request: { action: "iam:CreatePolicyVersion", resource: BOUNDARY } },
  { attempt: "set another default version of the boundary policy", expected: "ExplicitlyDenied", request: { action: "iam:SetDefaultPolicyVersion", resource: BOUNDARY } },
  { attempt: "delete the boundary policy", expected: "ExplicitlyDenied", request: { action: "iam:DeletePolicy", resource: BOUNDARY } },
  { attempt: "delete a version of the boundary policy", expected: "ExplicitlyDenied", request: { action: "iam:DeletePolicyVersion", resource: BOUNDARY } },
  // Escalation: its own role, and the distributor's.
  {
    attempt: "attach IAMFullAccess to its own role payerfleet-partner-admin",
    expected: "ExplicitlyDenied",
    request: {
      action: "iam:AttachRolePolicy",
      resource: iam("role/payerfleet-partner-admin"),
      context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/IAMFullAccess", "iam:PermissionsBoundary": BOUNDARY },
    },
  },
  {
    attempt: "put an inline policy on its own role payerfleet-partner-admin",
    expected: "ExplicitlyDenied",
    request: { action: "iam:PutRolePolicy", resource: iam("role/payerfleet-partner-admin"), context: { "iam:PermissionsBoundary": BOUNDARY } },
  },
  { attempt: "update the trust policy of the billing-admin role", expected: "ExplicitlyDenied", request: { action: "iam:UpdateAssumeRolePolicy", resource: iam("role/payerfleet-billing-admin") } },
  { attempt: "update the trust policy of the automation role", expected: "ExplicitlyDenied", request: { action: "iam:UpdateAssumeRolePolicy", resource: iam("role/payerfleet-automation") } },
  { attempt: "update the trust policy of the governance role", expected: "ExplicitlyDenied", request: { action: "iam:UpdateAssumeRolePolicy", resource: iam("role/distributor-governance-agent") } },
  { attempt: "delete the root-activity delivery role", expected: "ExplicitlyDenied", request: { action: "iam:DeleteRole", resource: iam("role/payerfleet-root-activity-delivery") } },
  { attempt: "read the billing-admin role", expected: "Allowed", request: { action: "iam:GetRole", resource: iam("role/payerfleet-billing-admin") } },
  { attempt: "read the governance role", expected: "Allowed", request: { action: "iam:GetRole", resource: iam("role/distributor-governance-agent") } },
  // Escalation: passing and assuming roles.
  {
    attempt: "pass a role outside /partner/ (made without the boundary) to EC2",
    expected: "ExplicitlyDenied",
    request: {
      action: "iam:PassRole",
      resource: iam("role/legacy-deployer"),
      context: { "iam:PassedToService": "ec2.amazonaws.com", "iam:AssociatedResourceArn": `arn:aws:ec2:eu-west-1:${PAYER}:instance/i-0a1b2c3d4e5f67890` },
    },
  },
  {
    attempt: "pass a /partner/ role to Lambda",
    expected: "Allowed",
    request: {
      action: "iam:PassRole",
      resource: iam("role/partner/deployer"),
      context: { "iam:PassedToService": "lambda.amazonaws.com", "iam:AssociatedResourceArn": `arn:aws:lambda:eu-west-1:${PAYER}:function:fabrikam-sync` },
    },
  },
  {
    attempt: "assume a pre-existing role of the payer outside /partner/",
    expected: "ExplicitlyDenied",
    request: { action: "sts:AssumeRole", resource: iam("role/legacy-deployer"), resourcePolicy: trustedBy(PAYER), context: { "sts:RoleSessionName": "alice" } },
  },
  {
    attempt: "assume the billing-admin role",
    expected: "ExplicitlyDenied",
    request: {
      action: "sts:AssumeRole",
      resource: iam("role/payerfleet-billing-admin"),
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TrustedPrincipals",
            Effect: "Allow",
            Principal: { AWS: [`arn:aws:iam::${HUB}:role/billing-operations`, `arn:aws:iam::${HUB}:role/rebilling-pipeline`] },
            Action: ["sts:AssumeRole", "sts:TagSession"],
          },
        ],
      },
      context: { "sts:RoleSessionName": "alice" },
    },
  },
  {
    attempt: "assume a /partner/ role of the payer",
    expected: "Allowed",
    request: { action: "sts:AssumeRole", resource: iam("role/partner/deployer"), resourcePolicy: trustedBy(PAYER), context: { "sts:RoleSessionName": "alice" } },
  },
  {
    attempt: "assume OrganizationAccountAccessRole in a member account, to run its organization",
    expected: "Allowed",
    request: {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
      resourcePolicy: trustedBy(PAYER),
      context: { "sts:RoleSessionName": "alice" },
    },
  },
  // Escalation: credentials of users the boundary does not fence.
  { attempt: "create an access key for a pre-existing user outside /partner/", expected: "ExplicitlyDenied", request: { action: "iam:CreateAccessKey", resource: iam("user/legacy-ci") } },
  { attempt: "create a login profile for a pre-existing user outside /partner/", expected: "ExplicitlyDenied", request: { action: "iam:CreateLoginProfile", resource: iam("user/legacy-ci") } },
  { attempt: "create an access key for a /partner/ user", expected: "Allowed", request: { action: "iam:CreateAccessKey", resource: iam("user/partner/ci") } },
  { attempt: "create a login profile for a /partner/ user", expected: "Allowed", request: { action: "iam:CreateLoginProfile", resource: iam("user/partner/ci") } },
  // Escalation: Identity Center roles carry no boundary.
  {
    attempt: "assign an Identity Center permission set to the payer",
    expected: "ExplicitlyDenied",
    request: { action: "sso:CreateAccountAssignment", resource: `arn:aws:sso:::account/${PAYER}` },
  },
  {
    attempt: "provision a permission set to the payer",
    expected: "ExplicitlyDenied",
    request: { action: "sso:ProvisionPermissionSet", resource: `arn:aws:sso:::account/${PAYER}` },
  },
  {
    attempt: "assign an Identity Center permission set to a member account",
    expected: "Allowed",
    request: { action: "sso:CreateAccountAssignment", resource: `arn:aws:sso:::account/${MEMBER}` },
  },
  // Protected: the organization trail and its bucket.
  { attempt: "stop logging on the organization trail", expected: "ExplicitlyDenied", request: { action: "cloudtrail:StopLogging", resource: ORGANIZATION_TRAIL } },
  { attempt: "delete the organization trail", expected: "ExplicitlyDenied", request: { action: "cloudtrail:DeleteTrail", resource: ORGANIZATION_TRAIL } },
  { attempt: "update the organization trail", expected: "ExplicitlyDenied", request: { action: "cloudtrail:UpdateTrail", resource: ORGANIZATION_TRAIL } },
  {
    attempt: "stop logging on a trail of its own",
    expected: "Allowed",
    request: { action: "cloudtrail:StopLogging", resource: `arn:aws:cloudtrail:eu-west-1:${PAYER}:trail/fabrikam-data-events` },
  },
  {
    attempt: "make a member account CloudTrail delegated administrator through Organizations",
    expected: "ExplicitlyDenied",
    request: {
      action: "organizations:RegisterDelegatedAdministrator",
      resource: orgAccount(MEMBER),
      context: { "organizations:ServicePrincipal": "cloudtrail.amazonaws.com" },
    },
  },
  {
    attempt: "make a member account CloudTrail delegated administrator through CloudTrail",
    expected: "ExplicitlyDenied",
    request: { action: "cloudtrail:RegisterOrganizationDelegatedAdmin", resource: "*" },
  },
  {
    attempt: "make a member account GuardDuty delegated administrator",
    expected: "Allowed",
    request: {
      action: "organizations:RegisterDelegatedAdministrator",
      resource: orgAccount(MEMBER),
      context: { "organizations:ServicePrincipal": "guardduty.amazonaws.com" },
    },
  },
  {
    attempt: "set a default encryption key on the organization trail's bucket",
    expected: "ExplicitlyDenied",
    request: { action: "s3:PutEncryptionConfiguration", resource: `arn:aws:s3:::payerfleet-organization-trail-${PAYER}`, ...s3(PAYER) },
  },
  {
    attempt: "delete a log file from the organization trail's bucket",
    expected: "ExplicitlyDenied",
    request: {
      action: "s3:DeleteObject",
      resource: `arn:aws:s3:::payerfleet-organization-trail-${PAYER}/AWSLogs/${PAYER}/CloudTrail/us-east-1/2026/11/23/log.json.gz`,
      ...s3(PAYER),
    },
  },
  {
    attempt: "read a log file of the organization trail",
    expected: "Allowed",
    request: {
      action: "s3:GetObject",
      resource: `arn:aws:s3:::payerfleet-organization-trail-${PAYER}/AWSLogs/${PAYER}/CloudTrail/us-east-1/2026/11/23/log.json.gz`,
      ...s3(PAYER),
    },
  },
  // Protected: the root-activity rules.
  { attempt: "delete the root-activity rule in us-east-1", expected: "ExplicitlyDenied", request: { action: "events:DeleteRule", resource: ROOT_ACTIVITY_RULE("us-east-1") } },
  { attempt: "disable the root-activity rule in eu-west-1", expected: "ExplicitlyDenied", request: { action: "events:DisableRule", resource: ROOT_ACTIVITY_RULE("eu-west-1") } },
  { attempt: "remove the hub target of the root-activity rule", expected: "ExplicitlyDenied", request: { action: "events:RemoveTargets", resource: ROOT_ACTIVITY_RULE("eu-central-1") } },
  // Protected: distributor-only buckets.
  {
    attempt: "read an invoice from the distributor-only bucket",
    expected: "ExplicitlyDenied",
    request: { action: "s3:GetObject", resource: "arn:aws:s3:::distributor-invoices/2026/11/invoice-100000000003.pdf", ...s3(PAYER) },
  },
  {
    attempt: "read a distributor-only object whose bucket policy grants this very session",
    expected: "ExplicitlyDenied",
    request: {
      action: "s3:GetObject",
      resource: "arn:aws:s3:::distributor-invoices/2026/11/invoice-100000000003.pdf",
      ...s3(PAYER),
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:sts::${PAYER}:assumed-role/payerfleet-partner-admin/alice@fabrikam.example` },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::distributor-invoices/*",
          },
        ],
      },
    },
  },
  {
    attempt: "write into a billing export bucket (a wildcard family of buckets)",
    expected: "ExplicitlyDenied",
    request: { action: "s3:PutObject", resource: "arn:aws:s3:::distributor-cur-exports-eu/cur2/data/part-0.parquet", ...s3(PAYER) },
  },
  {
    attempt: "list the distributor-only invoices bucket",
    expected: "ExplicitlyDenied",
    request: { action: "s3:ListBucket", resource: "arn:aws:s3:::distributor-invoices", ...s3(PAYER, { "s3:prefix": "2026/" }) },
  },
  {
    attempt: "delete a billing export bucket",
    expected: "ExplicitlyDenied",
    request: { action: "s3:DeleteBucket", resource: "arn:aws:s3:::distributor-cur-exports-eu", ...s3(PAYER) },
  },
  {
    attempt: "create a bucket of its own",
    expected: "Allowed",
    request: { action: "s3:CreateBucket", resource: "arn:aws:s3:::fabrikam-platform-artifacts", ...s3(PAYER, { "s3:locationconstraint": "eu-west-1" }) },
  },
  {
    attempt: "write into a bucket of its own",
    expected: "Allowed",
    request: { action: "s3:PutObject", resource: "arn:aws:s3:::fabrikam-platform-artifacts/releases/1.4.0.zip", ...s3(PAYER) },
  },
  {
    attempt: "read from a bucket of its own",
    expected: "Allowed",
    request: { action: "s3:GetObject", resource: "arn:aws:s3:::fabrikam-platform-artifacts/releases/1.4.0.zip", ...s3(PAYER) },
  },
  // Protected: distributor-only billing views.
  { attempt: "query Cost Explorer through the distributor-only billing view", expected: "ExplicitlyDenied", request: { action: "ce:GetCostAndUsage", resource: MARGIN_VIEW } },
  { attempt: "read the data of the distributor-only billing view", expected: "ExplicitlyDenied", request: { action: "billing:GetBillingViewData", resource: MARGIN_VIEW } },
  { attempt: "query Cost Explorer for its own costs", expected: "Allowed", request: { action: "ce:GetCostAndUsage", resource: "*" } },
  // Protected: governance tooling.
  { attempt: "update the governance CloudFormation stack", expected: "ExplicitlyDenied", request: { action: "cloudformation:UpdateStack", resource: GOVERNANCE_STACK } },
  { attempt: "delete the governance CloudFormation stack", expected: "ExplicitlyDenied", request: { action: "cloudformation:DeleteStack", resource: GOVERNANCE_STACK } },
  {
    attempt: "delete a CloudFormation stack of its own",
    expected: "Allowed",
    request: { action: "cloudformation:DeleteStack", resource: `arn:aws:cloudformation:eu-west-1:${PAYER}:stack/fabrikam-network/0d4e5f60-77b1-11f0-9a4e-0a1b2c3d4e5f` },
  },
  // Custody: contacts, root e-mail, closing.
  {
    attempt: "put the BILLING alternate contact, which the distributor owns",
    expected: "ExplicitlyDenied",
    request: { action: "account:PutAlternateContact", resource: payerAccount, context: { "account:AlternateContactTypes": ["BILLING"] } },
  },
  {
    attempt: "delete the BILLING alternate contact, which the distributor owns",
    expected: "ExplicitlyDenied",
    request: { action: "account:DeleteAlternateContact", resource: payerAccount, context: { "account:AlternateContactTypes": ["BILLING"] } },
  },
  {
    attempt: "put the SECURITY alternate contact, which the customer owns",
    expected: "Allowed",
    request: { action: "account:PutAlternateContact", resource: payerAccount, context: { "account:AlternateContactTypes": ["SECURITY"] } },
  },
  {
    attempt: "update the payer's primary contact (the customer owns the phone)",
    expected: "Allowed",
    request: { action: "account:PutContactInformation", resource: payerAccount },
  },
  {
    attempt: "start changing the payer's root e-mail (StartPrimaryEmailUpdate naming the payer)",
    expected: "ExplicitlyDenied",
    request: { action: "account:StartPrimaryEmailUpdate", resource: inOrganization(PAYER), context: { "account:EmailTargetDomain": "fabrikam.example" } },
  },
  {
    attempt: "start changing a member account's root e-mail (the customer's)",
    expected: "Allowed",
    request: { action: "account:StartPrimaryEmailUpdate", resource: inOrganization(MEMBER), context: { "account:EmailTargetDomain": "fabrikam.example" } },
  },
  { attempt: "close the payer account", expected: "ExplicitlyDenied", request: { action: "account:CloseAccount", resource: payerAccount } },
  // Custody: trusted access and the organization itself.
  ...TRUSTED_SERVICES.map(
    (service): Row => ({
      attempt: `disable trusted access for ${service}`,
      expected: "ExplicitlyDenied",
      request: { action: "organizations:DisableAWSServiceAccess", resource: "*", context: { "organizations:ServicePrincipal": service } },
    }),
  ),
  {
    attempt: "disable trusted access for config.amazonaws.com",
    expected: "Allowed",
    request: { action: "organizations:DisableAWSServiceAccess", resource: "*", context: { "organizations:ServicePrincipal": "config.amazonaws.com" } },
  },
  { attempt: "delete the organization", expected: "ExplicitlyDenied", request: { action: "organizations:DeleteOrganization", resource: "*" } },
  // Custody: billing settings.
  { attempt: "add a payment method", expected: "ExplicitlyDenied", request: { action: "payments:CreatePaymentInstrument", resource: "*" } },
  { attempt: "change the payment preferences", expected: "ExplicitlyDenied", request: { action: "payments:UpdatePaymentPreferences", resource: "*" } },
  {
    attempt: "modify a cost and usage report definition",
    expected: "ExplicitlyDenied",
    request: { action: "cur:ModifyReportDefinition", resource: `arn:aws:cur:us-east-1:${PAYER}:definition/distributor-rebilling` },
  },
  {
    attempt: "delete a cost and usage report definition",
    expected: "ExplicitlyDenied",
    request: { action: "cur:DeleteReportDefinition", resource: `arn:aws:cur:us-east-1:${PAYER}:definition/distributor-rebilling` },
  },
  {
    attempt: "update a data export",
    expected: "ExplicitlyDenied",
    request: { action: "bcm-data-exports:UpdateExport", resource: `arn:aws:bcm-data-exports:us-east-1:${PAYER}:export/distributor-cur2-5a1e9f2b-0c3d-4e6f-8a9b-1c2d3e4f5a6b` },
  },
  { attempt: "put tax registrations in a batch", expected: "ExplicitlyDenied", request: { action: "tax:BatchPutTaxRegistration", resource: "*" } },
  // Work the partner admin must still be able to do.
  {
    attempt: "create an organizational unit under the root",
    expected: "Allowed",
    request: { action: "organizations:CreateOrganizationalUnit", resource: `arn:aws:organizations::${PAYER}:root/${ORGANIZATION.id}/r-fa01` },
  },
  { attempt: "move a member account between OUs", expected: "Allowed", request: { action: "organizations:MoveAccount", resource: orgAccount(MEMBER) } },
  {
    attempt: "delete an organizational unit",
    expected: "Allowed",
    request: { action: "organizations:DeleteOrganizationalUnit", resource: `arn:aws:organizations::${PAYER}:ou/${ORGANIZATION.id}/ou-fa01-k2m4p6q8` },
  },
  { attempt: "create a member account", expected: "Allowed", request: { action: "organizations:CreateAccount", resource: "*" } },
  { attempt: "invite an existing account", expected: "Allowed", request: { action: "organizations:InviteAccountToOrganization", resource: orgAccount("500000000001") } },
  {
    attempt: "attach a service control policy to a member account",
    expected: "Allowed",
    request: { action: "organizations:AttachPolicy", resource: orgAccount(MEMBER), context: { "organizations:PolicyType": "SERVICE_CONTROL_POLICY" } },
  },
  { attempt: "describe the organization", expected: "Allowed", request: { action: "organizations:DescribeOrganization", resource: "*" } },
  { attempt: "create a customer managed policy", expected: "Allowed", request: { action: "iam:CreatePolicy", resource: iam("policy/fabrikam-developers") } },
  {
    attempt: "terminate an EC2 instance of its own",
    expected: "Allowed",
    request: { action: "ec2:TerminateInstances", resource: `arn:aws:ec2:eu-west-1:${PAYER}:instance/i-0a1b2c3d4e5f67890`, context: { "ec2:Region": "eu-west-1" } },
  },
  {
    attempt: "create a VPC of its own",
    expected: "Allowed",
    request: { action: "ec2:CreateVpc", resource: `arn:aws:ec2:eu-west-1:${PAYER}:vpc/*`, context: { "ec2:Region": "eu-west-1" } },
  },
];

const sids = (fence: FenceContext) => partnerBoundary(fence).Statement.map((s) => s.Sid);

describe("partner boundary", () => {
  let inventory: Inventory;
  let fabrikam: FenceContext;
  before(async () => {
    inventory = await exampleInventory();
    fabrikam = fenceContext(inventory, partnerOf(inventory, "fabrikam"));
  });

  describe("document", () => {
    it("takes the payer, the automation role, the guardrails and the distributor-owned contacts from the inventory", () => {
      expect(fabrikam).to.deep.equal({
        accountId: "100000000003",
        automationRoleName: "payerfleet-automation",
        guardrails: {
          buckets: ["distributor-cur-exports-*", "distributor-invoices"],
          billingViews: ["distributor-margin"],
          governanceRoles: ["distributor-governance-agent"],
          governanceStacks: ["distributor-governance"],
        },
        distributorContacts: ["billing"],
      });
      expect(PARTNER_PATH).to.equal("/partner/");
      expect(TRUSTED_SERVICES).to.deep.equal(["account.amazonaws.com", "cloudtrail.amazonaws.com", "iam.amazonaws.com"]);
      expect(partnerBoundaryArn(PAYER)).to.equal("arn:aws:iam::100000000003:policy/payerfleet-partner-boundary");
    });

    it("is exactly the fabrikam boundary", () => {
      expect(partnerBoundary(fabrikam)).to.deep.equal(FABRIKAM_BOUNDARY);
    });

    it("fits IAM's managed policy size quota, whitespace excluded", () => {
      expect(MANAGED_POLICY_SIZE_QUOTA).to.equal(6144);
      expect(managedPolicySize(partnerBoundary(fabrikam))).to.equal(JSON.stringify(FABRIKAM_BOUNDARY).length).and.to.equal(5771);
      expect(managedPolicySize(partnerBoundary(fabrikam))).to.be.at.most(MANAGED_POLICY_SIZE_QUOTA);
    });

    it("has no bucket statement without distributor buckets, and no contact statement when the customer owns every contact", () => {
      const fence: FenceContext = {
        ...fabrikam,
        guardrails: { ...fabrikam.guardrails, buckets: [] },
        distributorContacts: [],
      };
      expect(sids(fence)).to.deep.equal(
        FABRIKAM_BOUNDARY.Statement.map((s) => s.Sid).filter((sid) => sid !== "DenyDistributorBuckets" && sid !== "DenyDistributorContacts"),
      );
      expect(partnerBoundary(fence).Statement.filter((s) => s.Sid !== "DenyDistributorBuckets" && s.Sid !== "DenyDistributorContacts")).to.deep.equal(
        FABRIKAM_BOUNDARY.Statement.filter((s) => s.Sid !== "DenyDistributorBuckets" && s.Sid !== "DenyDistributorContacts"),
      );
    });

    it("has no contact statement for a partner whose alternate contacts are all the customer's or absent", () => {
      const contoso = fenceContext(inventory, partnerOf(inventory, "contoso"));
      expect(contoso.distributorContacts).to.deep.equal([]);
      expect(sids(contoso)).to.not.include("DenyDistributorContacts");
      const northwind = fenceContext(inventory, partnerOf(inventory, "northwind"));
      expect(northwind.distributorContacts).to.deep.equal(["billing"]);
      expect(sids(northwind)).to.include("DenyDistributorContacts");
    });

    it("fences every distributor-owned contact type, and leaves out every guardrail statement the inventory does not ask for", () => {
      const fence: FenceContext = {
        ...fabrikam,
        guardrails: { buckets: [], billingViews: [], governanceRoles: [], governanceStacks: [] },
        distributorContacts: ["billing", "security"],
      };
      const boundary = partnerBoundary(fence);
      expect(boundary.Statement.map((s) => s.Sid)).to.deep.equal([
        "AllowAdministration",
        "DenyPrincipalsWithoutThisBoundary",
        "DenyBoundaryRemoval",
        "DenyIdentitiesOutsidePartnerPath",
        "DenyAssumingRolesOutsidePartnerPath",
        "DenyDistributorRoles",
        "DenyIdentityCenterInPayer",
        "DenyDistributorPolicyEdits",
        "DenyOrganizationTrailTampering",
        "DenyPayerfleetBucketTampering",
        "DenyRootActivityRuleTampering",
        "DenyTrustedAccessRemoval",
        "DenyOrganizationTrailDelegation",
        "DenyBillingSettings",
        "DenyRootCustodyChanges",
        "DenyLeavingTheDistributor",
        "DenyDistributorContacts",
      ]);
      expect(boundary.Statement.find((s) => s.Sid === "DenyDistributorRoles")?.Resource).to.deep.equal([
        "arn:aws:iam::100000000003:role/payerfleet-*",
        "arn:aws:iam::100000000003:role/payerfleet-automation",
      ]);
      expect(boundary.Statement.at(-1)?.Condition).to.deep.equal({
        "ForAnyValue:StringEquals": { "account:AlternateContactTypes": ["BILLING", "SECURITY"] },
      });
    });

    it("names a custom automation role once, and a role under the payerfleet prefix only through the prefix", () => {
      const custom = partnerBoundary({ ...fabrikam, automationRoleName: "distributor-automation" });
      expect(custom.Statement.find((s) => s.Sid === "DenyDistributorRoles")?.Resource).to.deep.equal([
        "arn:aws:iam::100000000003:role/payerfleet-*",
        "arn:aws:iam::100000000003:role/distributor-automation",
        "arn:aws:iam::100000000003:role/distributor-governance-agent",
      ]);
      const same = partnerBoundary({ ...fabrikam, guardrails: { ...fabrikam.guardrails, governanceRoles: ["payerfleet-automation"] } });
      expect(same.Statement.find((s) => s.Sid === "DenyDistributorRoles")?.Resource).to.deep.equal([
        "arn:aws:iam::100000000003:role/payerfleet-*",
        "arn:aws:iam::100000000003:role/payerfleet-automation",
      ]);
    });
  });

  describe("what the partner admin can do in its payer (AdministratorAccess within this boundary)", () => {
    for (const row of ATTEMPTS) {
      it(`${row.attempt}: ${row.expected}`, async () => {
        const session = partnerAdminSession(PAYER, partnerBoundary(fabrikam), ORGANIZATION);
        expect(await evaluate(session, row.request)).to.equal(row.expected);
      });
    }
  });
});
