import { expect } from "chai";
import { AUDIT_ACTIONS } from "../../../src/audit/actions.ts";
import { hubAutomationPermissionsPolicy } from "../../../src/domain/iam/hub-automation-role.ts";
import { automationPermissionsPolicy, automationTrustPolicy } from "../../../src/domain/iam/automation-role.ts";
import { parseInventory } from "../../../src/inventory/load.ts";
import { BASE_INVENTORY } from "../../support/fixtures.ts";
import { isWildcardOnlyAction } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../../src/domain/iam/policy-document.ts";
import { allowedFor, assume, type Decision } from "./evaluate.ts";

const DISTRIBUTOR = "210987654321";
const PAYER = "100000000001";
const ROLE = `arn:aws:iam::${PAYER}:role/payerfleet-automation`;
const inventory = parseInventory(BASE_INVENTORY, "fleet.yaml").inventory!;
const trust = automationTrustPolicy(inventory.distributor.automation);
const permissions = automationPermissionsPolicy(inventory.distributor.automation.roleName, PAYER);

const BOUNDARY = `arn:aws:iam::${PAYER}:policy/payerfleet-partner-boundary`;
const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

/**
 * The ways an automation role with IAM rights could raise itself in `account`: policies on, or
 * the trust of, its own role; a new payerfleet-* role of its own making; assuming a role.
 */
function escalations(account: string): { action: string; resource: string; expected: Decision; context?: Record<string, string> }[] {
  const own = `arn:aws:iam::${account}:role/payerfleet-automation`;
  return [
    { action: "iam:PutRolePolicy", resource: own, expected: "ExplicitlyDenied" },
    { action: "iam:AttachRolePolicy", resource: own, expected: "ExplicitlyDenied", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
    { action: "iam:UpdateAssumeRolePolicy", resource: own, expected: "ExplicitlyDenied" },
    { action: "iam:DeleteRolePolicy", resource: own, expected: "ExplicitlyDenied" },
    { action: "iam:PutRolePermissionsBoundary", resource: own, expected: "ExplicitlyDenied", context: { "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/payerfleet-partner-boundary` } },
    { action: "iam:CreateRole", resource: `arn:aws:iam::${account}:role/payerfleet-escalation`, expected: "ImplicitlyDenied" },
    { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${account}:role/payerfleet-escalation`, expected: "ImplicitlyDenied", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
    { action: "sts:AssumeRole", resource: `arn:aws:iam::${account}:role/payerfleet-escalation`, expected: "ExplicitlyDenied" },
  ];
}

const session = (account: string, role: string) => ({ principal: `arn:aws:sts::${account}:assumed-role/${role}/session`, principalArn: `arn:aws:iam::${account}:role/${role}` });

describe("the automation role under the IAM evaluator", () => {
  describe("trust", () => {
    it("lets the distributor's automation principal assume it and tag its session", async () => {
      const ci = session(DISTRIBUTOR, "payerfleet-ci");
      expect([await assume(trust, ROLE, ci), await assume(trust, ROLE, ci, "sts:TagSession")]).to.deep.equal(["Allowed", "Allowed"]);
    });

    const denied: [string, Parameters<typeof assume>[2]][] = [
      ["another role of the distributor's account", session(DISTRIBUTOR, "billing")],
      ["an IAM user of the distributor's account", { principal: `arn:aws:iam::${DISTRIBUTOR}:user/alice`, principalArn: `arn:aws:iam::${DISTRIBUTOR}:user/alice` }],
      ["the distributor account's root user", { principal: `arn:aws:iam::${DISTRIBUTOR}:root`, principalArn: `arn:aws:iam::${DISTRIBUTOR}:root` }],
      ["the partner's admins in the payer itself", session(PAYER, "acme-admins")],
      ["the partner-admin role payerfleet creates in the payer", session(PAYER, "payerfleet-partner-admin")],
      ["a role of the same name in another account", session("999999999999", "payerfleet-ci")],
      ["a linked account's OrganizationAccountAccessRole", session("300000000001", "OrganizationAccountAccessRole")],
      ["anyone, unsigned", { principal: "anonymous" }],
    ];
    for (const [who, caller] of denied) {
      it(`denies ${who}`, async () => {
        expect(await assume(trust, ROLE, caller)).to.equal("ImplicitlyDenied");
      });
    }
  });

  describe("permissions", () => {
    const can = (action: string, resource: string, context?: Record<string, string>) => allowedFor(permissions, PAYER, "payerfleet-automation", action, resource, context);
    const rule = (region: string, name: string) => `arn:aws:events:${region}:${PAYER}:rule/${name}`;

    it("allows every call the audit makes, on the resources it makes them on", async () => {
      const resource: Record<string, string> = {
        "account:GetAlternateContact": `arn:aws:account::${PAYER}:account`,
        "account:GetContactInformation": `arn:aws:account::${PAYER}:account`,
        "cloudtrail:GetTrailStatus": `arn:aws:cloudtrail:eu-west-1:${PAYER}:trail/payerfleet-organization-trail`,
        "events:DescribeRule": rule("eu-west-1", "payerfleet-root-activity"),
        "events:ListTargetsByRule": rule("us-east-1", "payerfleet-root-activity"),
        "iam:GetRole": `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`,
      };
      const decisions: Record<string, Decision> = {};
      for (const action of AUDIT_ACTIONS) decisions[action] = await can(action, resource[action] ?? "*");
      expect(decisions).to.deep.equal(Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, "Allowed"])));
    });

    interface Case {
      readonly action: string;
      readonly resource: string;
      readonly expected: Decision;
      readonly context?: Record<string, string>;
    }
    const cases: Case[] = [
      // What reconciling the payer needs.
      { action: "organizations:CreateAccount", resource: "*", expected: "Allowed" },
      { action: "organizations:MoveAccount", resource: `arn:aws:organizations::${PAYER}:account/o-a1b2c3d4e5/300000000001`, expected: "Allowed" },
      { action: "organizations:EnableAWSServiceAccess", resource: "*", expected: "Allowed" },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "Allowed", context: { "iam:PermissionsBoundary": BOUNDARY } },
      { action: "iam:PutRolePermissionsBoundary", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "Allowed", context: { "iam:PermissionsBoundary": BOUNDARY } },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "Allowed" },
      { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "Allowed", context: { "iam:PolicyARN": `arn:aws:iam::${PAYER}:policy/payerfleet-billing-admin` } },
      { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "Allowed", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
      { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-root-activity-delivery`, expected: "Allowed" },
      { action: "iam:UpdateAssumeRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "Allowed" },
      { action: "iam:DeleteRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "Allowed" },
      { action: "iam:CreatePolicyVersion", resource: `arn:aws:iam::${PAYER}:policy/payerfleet-partner-boundary`, expected: "Allowed" },
      { action: "iam:CreateServiceLinkedRole", resource: `arn:aws:iam::${PAYER}:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail`, expected: "Allowed", context: { "iam:AWSServiceName": "cloudtrail.amazonaws.com" } },
      { action: "iam:PassRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-root-activity-delivery`, expected: "Allowed", context: { "iam:PassedToService": "events.amazonaws.com" } },
      { action: "events:PutRule", resource: rule("eu-central-1", "payerfleet-root-activity"), expected: "Allowed" },
      { action: "cloudtrail:CreateTrail", resource: `arn:aws:cloudtrail:us-east-1:${PAYER}:trail/payerfleet-organization-trail`, expected: "Allowed" },
      { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::payerfleet-trail-100000000001", expected: "Allowed" },
      { action: "account:PutAlternateContact", resource: `arn:aws:account::${PAYER}:account`, expected: "Allowed" },
      // What it must never do.
      { action: "organizations:CloseAccount", resource: `arn:aws:organizations::${PAYER}:account/o-a1b2c3d4e5/300000000001`, expected: "ImplicitlyDenied" },
      { action: "organizations:RemoveAccountFromOrganization", resource: `arn:aws:organizations::${PAYER}:account/o-a1b2c3d4e5/300000000001`, expected: "ImplicitlyDenied" },
      { action: "organizations:LeaveOrganization", resource: "*", expected: "ImplicitlyDenied" },
      { action: "organizations:DeleteOrganization", resource: "*", expected: "ImplicitlyDenied" },
      { action: "account:PutContactInformation", resource: `arn:aws:account::${PAYER}:account`, expected: "ImplicitlyDenied" },
      { action: "account:PutAlternateContact", resource: `arn:aws:account::${PAYER}:account/o-a1b2c3d4e5/300000000001`, expected: "ImplicitlyDenied" },
      { action: "sts:AssumeRole", resource: "arn:aws:iam::300000000001:role/OrganizationAccountAccessRole", expected: "ExplicitlyDenied" },
      { action: "iam:DeleteRolePermissionsBoundary", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "ImplicitlyDenied" },
      { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${PAYER}:role/acme-admins`, expected: "ImplicitlyDenied" },
      { action: "iam:CreateUser", resource: `arn:aws:iam::${PAYER}:user/payerfleet-backdoor`, expected: "ImplicitlyDenied" },
      { action: "iam:CreateServiceLinkedRole", resource: `arn:aws:iam::${PAYER}:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO`, expected: "ImplicitlyDenied", context: { "iam:AWSServiceName": "sso.amazonaws.com" } },
      { action: "iam:PassRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-root-activity-delivery`, expected: "ImplicitlyDenied", context: { "iam:PassedToService": "lambda.amazonaws.com" } },
      { action: "events:PutRule", resource: rule("eu-west-1", "acme-rule"), expected: "ImplicitlyDenied" },
      { action: "cloudtrail:StopLogging", resource: `arn:aws:cloudtrail:us-east-1:${PAYER}:trail/acme-trail`, expected: "ImplicitlyDenied" },
      // Nothing payerfleet does needs these, and each would let a holder of the role work against
      // the customer or blind the monitoring: bring an outside account into the organization,
      // expire the trail's logs, stop the trail, disable a root-activity rule.
      { action: "organizations:InviteAccountToOrganization", resource: "*", expected: "ImplicitlyDenied" },
      { action: "s3:PutLifecycleConfiguration", resource: "arn:aws:s3:::payerfleet-organization-trail-100000000001", expected: "ImplicitlyDenied" },
      { action: "cloudtrail:StopLogging", resource: `arn:aws:cloudtrail:us-east-1:${PAYER}:trail/payerfleet-organization-trail`, expected: "ImplicitlyDenied" },
      { action: "events:DisableRule", resource: rule("us-east-1", "payerfleet-root-activity"), expected: "ImplicitlyDenied" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::payerfleet-trail-100000000001/AWSLogs/o-a1b2c3d4e5/log.json.gz", expected: "ImplicitlyDenied" },
      { action: "s3:DeleteObject", resource: "arn:aws:s3:::payerfleet-trail-100000000001/AWSLogs/o-a1b2c3d4e5/log.json.gz", expected: "ImplicitlyDenied" },
      { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::distributor-invoices", expected: "ImplicitlyDenied" },
      // Each way it could raise itself.
      ...escalations(PAYER),
      { action: "iam:CreateRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "ImplicitlyDenied" },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "ImplicitlyDenied", context: { "iam:PermissionsBoundary": `arn:aws:iam::${PAYER}:policy/payerfleet-billing-admin` } },
      { action: "iam:PutRolePermissionsBoundary", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "ImplicitlyDenied", context: { "iam:PermissionsBoundary": `arn:aws:iam::${PAYER}:policy/payerfleet-billing-admin` } },
      { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "ImplicitlyDenied", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
      { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-root-activity-delivery`, expected: "ImplicitlyDenied", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
      { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "ImplicitlyDenied" },
      { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`, expected: "ImplicitlyDenied" },
      { action: "iam:CreatePolicy", resource: `arn:aws:iam::${PAYER}:policy/payerfleet-escalation`, expected: "ImplicitlyDenied" },
      { action: "sts:AssumeRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`, expected: "ExplicitlyDenied" },
    ];

    for (const { action, resource, expected, context } of cases) {
      it(`${expected === "Allowed" ? "allows" : "denies"} ${action} on ${resource}`, async () => {
        expect(await can(action, resource, context)).to.equal(expected);
      });
    }
  });

  describe("permissions in the hub account", () => {
    const hub = hubAutomationPermissionsPolicy(inventory.distributor.hub.accountId, inventory.distributor.automation.roleName);
    const can = (action: string, resource: string, context?: Record<string, string>) => allowedFor(hub, DISTRIBUTOR, "payerfleet-automation", action, resource, context);
    const bus = (name: string) => `arn:aws:events:eu-west-1:${DISTRIBUTOR}:event-bus/${name}`;
    const cases: { action: string; resource: string; expected: Decision; context?: Record<string, string> }[] = [
      { action: "events:CreateEventBus", resource: bus("payerfleet-root-activity"), expected: "Allowed" },
      { action: "events:PutPermission", resource: "*", expected: "Allowed" },
      { action: "events:PutRule", resource: `arn:aws:events:us-east-1:${DISTRIBUTOR}:rule/payerfleet-root-activity-partition-0/payerfleet-root-activity-${PAYER}-root`, expected: "Allowed" },
      { action: "sns:Subscribe", resource: `arn:aws:sns:us-east-1:${DISTRIBUTOR}:payerfleet-root-activity-alerts`, expected: "Allowed" },
      { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-root-activity-forward`, expected: "Allowed" },
      { action: "iam:PassRole", resource: `arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-root-activity-forward`, expected: "Allowed", context: { "iam:PassedToService": "events.amazonaws.com" } },
      { action: "events:DeleteEventBus", resource: bus("default"), expected: "ImplicitlyDenied" },
      { action: "events:PutRule", resource: `arn:aws:events:us-east-1:${DISTRIBUTOR}:rule/other-rule`, expected: "ImplicitlyDenied" },
      { action: "sns:DeleteTopic", resource: `arn:aws:sns:us-east-1:${DISTRIBUTOR}:billing-alerts`, expected: "ImplicitlyDenied" },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${DISTRIBUTOR}:role/admin`, expected: "ImplicitlyDenied" },
      { action: "iam:PassRole", resource: `arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-root-activity-forward`, expected: "ImplicitlyDenied", context: { "iam:PassedToService": "lambda.amazonaws.com" } },
      { action: "sts:AssumeRole", resource: `arn:aws:iam::${PAYER}:role/payerfleet-automation`, expected: "ExplicitlyDenied" },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-root-activity-forward`, expected: "Allowed" },
      { action: "iam:AttachRolePolicy", resource: `arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-root-activity-forward`, expected: "ImplicitlyDenied", context: { "iam:PolicyARN": ADMINISTRATOR_ACCESS } },
      ...escalations(DISTRIBUTOR),
    ];
    for (const { action, resource, expected, context } of cases) {
      it(`${expected === "Allowed" ? "allows" : "denies"} ${action} on ${resource}`, async () => {
        expect(await can(action, resource, context)).to.equal(expected);
      });
    }
  });

  it("scopes no action that IAM grants only on \"*\" to a resource ARN, where it would never be granted", async () => {
    const scoped = async (policy: PolicyDocument) => {
      const found: string[] = [];
      for (const statement of policy.Statement) {
        if (statement.Resource === "*") continue;
        for (const action of [statement.Action ?? []].flat()) {
          const [service, name] = action.split(":") as [string, string];
          if (!name.includes("*") && (await isWildcardOnlyAction(service, name))) found.push(action);
        }
      }
      return found;
    };
    expect([await scoped(permissions), await scoped(hubAutomationPermissionsPolicy(inventory.distributor.hub.accountId, inventory.distributor.automation.roleName))]).to.deep.equal([[], []]);
  });
});
