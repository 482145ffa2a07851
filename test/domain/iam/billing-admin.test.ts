import { expect } from "chai";
import { ADMINISTRATOR_ACCESS } from "../../../src/domain/iam/aws-managed-policies.ts";
import { billingAdminPermissions, billingAdminTrust } from "../../../src/domain/iam/billing-admin.ts";
import { automationTrustPolicy } from "../../../src/domain/iam/automation-role.ts";
import type { PolicyDocument } from "../../../src/domain/iam/policy-document.ts";
import type { Distributor } from "../../../src/inventory/schema.ts";
import { exampleInventory } from "../../support/example.ts";
import { evaluate, type Attempt, type Decision, type Organization, type RoleSession } from "../../support/iam.ts";

const PAYER = "100000000003";
const HUB = "210987654321";
const PAYER_ORGANIZATION: Organization = { id: "o-fab1c2d3e4", accounts: [PAYER, "400000000001"] };
const DISTRIBUTOR_ORGANIZATION: Organization = { id: "o-dist0a1b2c", accounts: [HUB] };
const BILLING_ADMIN_ROLE = `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`;
const AUTOMATION_ROLE = `arn:aws:iam::${PAYER}:role/payerfleet-automation`;

/** What the distributor grants its own roles in the hub account: assuming payerfleet's roles in any payer. */
const ASSUME_PAYERFLEET_ROLES: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "arn:aws:iam::*:role/payerfleet-*" }],
};

const hubRole = (name: string): RoleSession => ({
  roleArn: `arn:aws:iam::${HUB}:role/${name}`,
  sessionName: `${name}-session`,
  identityPolicies: [ASSUME_PAYERFLEET_ROLES],
  organization: DISTRIBUTOR_ORGANIZATION,
});
const adminOf = (roleArn: string, organization?: Organization): RoleSession => ({
  roleArn,
  sessionName: "admin",
  identityPolicies: [ADMINISTRATOR_ACCESS.document],
  ...(organization && { organization }),
});
const assume = (role: string, trust: PolicyDocument): Attempt => ({
  action: "sts:AssumeRole",
  resource: role,
  resourcePolicy: trust,
  context: { "sts:RoleSessionName": "payerfleet" },
});

describe("distributor policies", () => {
  let distributor: Distributor;
  before(async () => {
    distributor = (await exampleInventory()).distributor;
  });

  describe("documents", () => {
    it("trusts the distributor's billing admins with the billing-admin role", () => {
      expect(billingAdminTrust(distributor.billingAdmins)).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TrustedPrincipals",
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::210987654321:role/billing-operations", "arn:aws:iam::210987654321:role/rebilling-pipeline"] },
            Action: ["sts:AssumeRole", "sts:TagSession"],
          },
        ],
      });
    });

    it("trusts the distributor's automation principals with the automation role", () => {
      expect(automationTrustPolicy(distributor.automation)).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DistributorAutomationPrincipals",
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::210987654321:root"] },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: { ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::210987654321:role/payerfleet-ci"] } },
          },
        ],
      });
    });

    it("lets the billing admin manage billing, read the organization and read the distributor-only buckets", () => {
      expect(billingAdminPermissions(distributor.guardrails.buckets)).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "BillingAndCostManagement",
            Effect: "Allow",
            Action: [
              "account:GetAccountInformation",
              "account:GetAlternateContact",
              "account:GetContactInformation",
              "bcm-data-exports:*",
              "billing:*",
              "budgets:*",
              "ce:*",
              "consolidatedbilling:*",
              "cur:*",
              "freetier:*",
              "invoicing:*",
              "payments:*",
              "pricing:*",
              "purchase-orders:*",
              "savingsplans:Describe*",
              "tax:*",
            ],
            Resource: "*",
          },
          { Sid: "ReadOrganization", Effect: "Allow", Action: ["organizations:Describe*", "organizations:List*"], Resource: "*" },
          {
            Sid: "ReadBillingExports",
            Effect: "Allow",
            Action: ["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"],
            Resource: [
              "arn:aws:s3:::distributor-cur-exports-*",
              "arn:aws:s3:::distributor-cur-exports-*/*",
              "arn:aws:s3:::distributor-invoices",
              "arn:aws:s3:::distributor-invoices/*",
            ],
          },
        ],
      });
    });

    it("has no bucket statement when the distributor fences no bucket", () => {
      const none = billingAdminPermissions([]);
      expect(none.Statement.map((s) => s.Sid)).to.deep.equal(["BillingAndCostManagement", "ReadOrganization"]);
      expect(none.Statement).to.deep.equal(billingAdminPermissions(distributor.guardrails.buckets).Statement.slice(0, 2));
    });
  });

  describe("who may assume the distributor's roles (trust policy evaluated as the role's resource policy)", () => {
    const rows: { attempt: string; expected: Decision; session: () => RoleSession; request: () => Attempt }[] = [
      {
        attempt: "billing-operations assumes the billing-admin role",
        expected: "Allowed",
        session: () => hubRole("billing-operations"),
        request: () => assume(BILLING_ADMIN_ROLE, billingAdminTrust(distributor.billingAdmins)),
      },
      {
        attempt: "rebilling-pipeline assumes the billing-admin role",
        expected: "Allowed",
        session: () => hubRole("rebilling-pipeline"),
        request: () => assume(BILLING_ADMIN_ROLE, billingAdminTrust(distributor.billingAdmins)),
      },
      {
        attempt: "a partner admin principal in the payer, with AdministratorAccess, assumes the billing-admin role",
        expected: "ImplicitlyDenied",
        session: () => adminOf(`arn:aws:iam::${PAYER}:role/fabrikam-platform-admins`, PAYER_ORGANIZATION),
        request: () => assume(BILLING_ADMIN_ROLE, billingAdminTrust(distributor.billingAdmins)),
      },
      {
        attempt: "the partner's break-glass role in a member account assumes the billing-admin role",
        expected: "ImplicitlyDenied",
        session: () => adminOf("arn:aws:iam::400000000001:role/fabrikam-break-glass", PAYER_ORGANIZATION),
        request: () => assume(BILLING_ADMIN_ROLE, billingAdminTrust(distributor.billingAdmins)),
      },
      {
        attempt: "an unrelated account's admin assumes the billing-admin role",
        expected: "ImplicitlyDenied",
        session: () => adminOf("arn:aws:iam::999999999999:role/admin"),
        request: () => assume(BILLING_ADMIN_ROLE, billingAdminTrust(distributor.billingAdmins)),
      },
      {
        attempt: "the distributor's CI assumes the automation role",
        expected: "Allowed",
        session: () => hubRole("payerfleet-ci"),
        request: () => assume(AUTOMATION_ROLE, automationTrustPolicy(distributor.automation)),
      },
      {
        attempt: "billing-operations assumes the automation role",
        expected: "ImplicitlyDenied",
        session: () => hubRole("billing-operations"),
        request: () => assume(AUTOMATION_ROLE, automationTrustPolicy(distributor.automation)),
      },
      {
        attempt: "a partner admin principal in the payer assumes the automation role",
        expected: "ImplicitlyDenied",
        session: () => adminOf(`arn:aws:iam::${PAYER}:role/fabrikam-platform-admins`, PAYER_ORGANIZATION),
        request: () => assume(AUTOMATION_ROLE, automationTrustPolicy(distributor.automation)),
      },
    ];
    for (const row of rows) {
      it(`${row.attempt}: ${row.expected}`, async () => {
        expect(await evaluate(row.session(), row.request())).to.equal(row.expected);
      });
    }
  });

  describe("what the billing admin can do in a payer", () => {
    const s3 = (resource: string, action: string): Attempt => ({
      action,
      resource,
      resourceAccount: PAYER,
      context: { "s3:ResourceAccount": PAYER, "s3:authType": "REST-HEADER", "s3:signatureversion": "AWS4-HMAC-SHA256", "s3:TlsVersion": "1.3" },
    });
    const rows: { attempt: string; expected: Decision; request: Attempt }[] = [
      { attempt: "query Cost Explorer", expected: "Allowed", request: { action: "ce:GetCostAndUsage", resource: "*" } },
      {
        attempt: "query Cost Explorer through the distributor-only billing view",
        expected: "Allowed",
        request: { action: "ce:GetCostAndUsage", resource: `arn:aws:billing::${PAYER}:billingview/distributor-margin` },
      },
      {
        attempt: "define a cost and usage report",
        expected: "Allowed",
        request: { action: "cur:PutReportDefinition", resource: `arn:aws:cur:us-east-1:${PAYER}:definition/distributor-rebilling` },
      },
      { attempt: "list the organization's accounts", expected: "Allowed", request: { action: "organizations:ListAccounts", resource: "*" } },
      { attempt: "describe the organization", expected: "Allowed", request: { action: "organizations:DescribeOrganization", resource: "*" } },
      { attempt: "read the payer's primary contact", expected: "Allowed", request: { action: "account:GetContactInformation", resource: `arn:aws:account::${PAYER}:account` } },
      { attempt: "read a billing export", expected: "Allowed", request: s3("arn:aws:s3:::distributor-cur-exports-eu/cur2/data/part-0.parquet", "s3:GetObject") },
      { attempt: "list the invoices bucket", expected: "Allowed", request: s3("arn:aws:s3:::distributor-invoices", "s3:ListBucket") },
      { attempt: "write into the invoices bucket", expected: "ImplicitlyDenied", request: s3("arn:aws:s3:::distributor-invoices/2026/11/x.pdf", "s3:PutObject") },
      { attempt: "read a bucket of the partner", expected: "ImplicitlyDenied", request: s3("arn:aws:s3:::fabrikam-platform-artifacts/releases/1.4.0.zip", "s3:GetObject") },
      {
        attempt: "create a role",
        expected: "ImplicitlyDenied",
        request: { action: "iam:CreateRole", resource: `arn:aws:iam::${PAYER}:role/billing-helper`, context: { "iam:PermissionsBoundary": `arn:aws:iam::${PAYER}:policy/payerfleet-partner-boundary` } },
      },
      { attempt: "create a member account", expected: "ImplicitlyDenied", request: { action: "organizations:CreateAccount", resource: "*" } },
      {
        attempt: "change the payer's primary contact",
        expected: "ImplicitlyDenied",
        request: { action: "account:PutContactInformation", resource: `arn:aws:account::${PAYER}:account` },
      },
    ];
    for (const row of rows) {
      it(`${row.attempt}: ${row.expected}`, async () => {
        const session: RoleSession = {
          roleArn: BILLING_ADMIN_ROLE,
          sessionName: "billing-operations-session",
          identityPolicies: [billingAdminPermissions(distributor.guardrails.buckets)],
          organization: PAYER_ORGANIZATION,
        };
        expect(await evaluate(session, row.request)).to.equal(row.expected);
      });
    }
  });
});
