/** The report the scripted moto fleet must produce, written out check by check. */
import type { AuditReport, Check } from "../../src/audit/report.ts";
import { DISTRIBUTOR, PAYERS, type Scenario } from "./scenario.ts";

const HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/** A credential report as IAM writes it: the root row, then one IAM user. */
export function credentialReport(account: string, root: { mfa: boolean; key1: boolean }): string {
  const rootRow = [
    "<root_account>",
    `arn:aws:iam::${account}:root`,
    "2020-01-01T00:00:00+00:00",
    "not_supported",
    "2026-10-01T09:00:00+00:00",
    "not_supported",
    "not_supported",
    String(root.mfa),
    String(root.key1),
    ...(root.key1 ? ["2024-05-01T00:00:00+00:00", "N/A", "N/A", "N/A"] : ["N/A", "N/A", "N/A", "N/A"]),
    "false",
    "N/A",
    "N/A",
    "N/A",
    "N/A",
    "false",
    "N/A",
    "false",
    "N/A",
  ].join(",");
  const user = `ci,arn:aws:iam::${account}:user/ci,2021-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2021-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  return `${HEADER}\n${rootRow}\n${user}\n`;
}

const hub = (region: string) => `arn:aws:events:${region}:${DISTRIBUTOR}:event-bus/payerfleet-root-activity`;
const pass = (id: string, detail: string): Check => ({ id, status: "pass", detail });
const fail = (id: string, detail: string): Check => ({ id, status: "fail", detail });
const unknown = (id: string, detail: string): Check => ({ id, status: "could-not-check", detail });
const ROOT_OK = [
  pass("root-mfa", "AccountMFAEnabled is 1: the root user has an MFA device"),
  pass("root-access-keys", "AccountAccessKeysPresent is 0: the root user has no access keys"),
  pass("root-credential-report", "<root_account>: mfa_active true, no active access keys or signing certificates; password last used 2026-10-01T09:00:00+00:00"),
];
const ruleOk = (region: string) =>
  pass(`root-activity-rule:${region}`, `payerfleet-root-activity is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS and targets ${hub(region)}`);
const trail = (payer: string) => `arn:aws:cloudtrail:us-east-1:${payer}:trail/payerfleet-organization-trail`;

export function expectedFleet(s: Scenario, auditedAt: string): AuditReport {
  const cannot = `cannot assume arn:aws:iam::${PAYERS.umbrella}:role/payerfleet-automation: access denied: User: arn:aws:sts::${DISTRIBUTOR}:assumed-role/payerfleet-ci/test is not authorized to perform: sts:AssumeRole`;
  const globexIds = s.globex.accountIds;
  return {
    version: 1,
    auditedAt,
    summary: { partners: 4, pass: 1, fail: 1, couldNotCheck: 2 },
    partners: [
      {
        partner: "acme",
        accountId: PAYERS.acme,
        result: "pass",
        checks: [
          ...ROOT_OK,
          pass("root-email", "the management account's e-mail aws+acme@payers.distributor.example is the inventory's, on the distributor's domain"),
          pass("linked-accounts", `all 2 linked accounts of the inventory are in organization ${s.acme.organizationId}`),
          pass("linked-account-ous", "all 2 linked accounts found are in their OU"),
          pass("unknown-accounts", "all 2 linked accounts of the organization are in the inventory"),
          pass("linked-account-emails", "no linked account uses the distributor's domains (payers.distributor.example)"),
          pass("primary-contact", "phone +442079460101 is the customer's, as the inventory records"),
          pass("alternate-contact:billing", "Distributor Billing Desk <billing@distributor.example> as the inventory says"),
          pass("partner-admin-boundary", `role payerfleet-partner-admin has the permissions boundary arn:aws:iam::${PAYERS.acme}:policy/payerfleet-partner-boundary`),
          pass("organization-trail", `${trail(PAYERS.acme)} is logging, multi-region, for the whole organization`),
          ruleOk("us-east-1"),
          ruleOk("eu-west-1"),
        ],
      },
      {
        partner: "globex",
        accountId: PAYERS.globex,
        result: "fail",
        checks: [
          pass("root-mfa", "AccountMFAEnabled is 1: the root user has an MFA device"),
          fail("root-access-keys", "AccountAccessKeysPresent is 1: the root user has access keys; delete them"),
          fail("root-credential-report", "<root_account>: 1 active access key(s); password last used 2026-10-01T09:00:00+00:00"),
          pass("root-email", "the management account's e-mail AWS+Globex@payers.distributor.example is the inventory's, on the distributor's domain"),
          fail("linked-accounts", "globex-data: e-mail data@payers.distributor.example, the inventory says aws-data@globex.example"),
          fail("linked-account-ous", "globex-prod is in the root, the inventory says Prod"),
          fail("unknown-accounts", `not in the inventory: ${globexIds["globex-shadow-it"]} globex-shadow-it <shadow-it@globex.example>`),
          fail(
            "linked-account-emails",
            `on the distributor's domains, which ECAM forbids: ${globexIds["globex-data"]} globex-data <data@payers.distributor.example>`,
          ),
          fail("primary-contact", "company name is Globex Corporation, the inventory says Globex"),
          fail("alternate-contact:billing", "phone is +44 20 7946 9999, the inventory says +44 20 7946 0000"),
          fail("alternate-contact:security", "no security alternate contact is set"),
          fail("partner-admin-boundary", "role payerfleet-partner-admin has no permissions boundary"),
          fail("organization-trail", `${trail(PAYERS.globex)}: it is not logging`),
          fail("root-activity-rule:us-east-1", "payerfleet-root-activity: state is ENABLED, not ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
          fail("root-activity-rule:eu-west-1", "no rule payerfleet-root-activity on the default event bus of eu-west-1"),
        ],
      },
      {
        partner: "initech",
        accountId: PAYERS.initech,
        result: "could-not-check",
        checks: [
          ...ROOT_OK,
          pass("root-email", "the management account's e-mail aws+initech@payers.distributor.example is the inventory's, on the distributor's domain"),
          pass("linked-accounts", "the inventory lists no linked account"),
          pass("linked-account-ous", "no linked account to place"),
          pass("unknown-accounts", "the organization has no linked account"),
          pass("linked-account-emails", "no linked account uses the distributor's domains (payers.distributor.example)"),
          pass("primary-contact", "phone +15125550142 is the customer's, as the inventory records"),
          unknown("root-activity-rule:us-east-1", "access denied: HTTP 403"),
          unknown("root-activity-rule:eu-west-1", "access denied: HTTP 403"),
        ],
      },
      {
        partner: "umbrella",
        accountId: PAYERS.umbrella,
        result: "could-not-check",
        checks: [
          "root-mfa",
          "root-access-keys",
          "root-credential-report",
          "root-email",
          "linked-accounts",
          "linked-account-ous",
          "unknown-accounts",
          "linked-account-emails",
          "primary-contact",
          "partner-admin-boundary",
          "organization-trail",
          "root-activity-rule:us-east-1",
          "root-activity-rule:eu-west-1",
        ].map((id) => unknown(id, cannot)),
      },
    ],
  };
}
