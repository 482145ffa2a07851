/**
 * A scripted fleet in moto: `acme` matches its inventory; `globex` breaks most rules (an account
 * the inventory does not know, a linked account on the distributor's domain, one in the wrong
 * OU, a partner-admin role without the boundary, a trail that does not log, rules missing or
 * half-enabled, contacts that differ); `initech`'s automation role may not read EventBridge;
 * `umbrella`'s automation role cannot be assumed at all.
 */
import { AUDIT_ACTIONS } from "../../src/audit/actions.ts";
import type { Moto, MotoCredentials } from "../support/moto.ts";
import { AUTOMATION_ROLE, buildDistributor, buildPayer, ROOT_PATTERN, type BuiltPayer } from "./moto-fleet.ts";

export const DISTRIBUTOR = "210987654321";
export const PAYERS = { acme: "100000000001", globex: "100000000002", initech: "100000000003", umbrella: "100000000004" } as const;
const RULE_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
const BILLING = { type: "BILLING", name: "Distributor Billing Desk", title: "Billing", email: "billing@distributor.example", phone: "+44 20 7946 0000" } as const;

export interface Scenario {
  readonly inventory: string;
  /** The distributor CI role's session: the ambient credentials of the audit. */
  readonly ci: MotoCredentials;
  readonly acme: BuiltPayer;
  readonly globex: BuiltPayer;
  readonly initech: BuiltPayer;
}

export async function buildScenario(moto: Moto): Promise<Scenario> {
  // umbrella has not been bootstrapped: the CI role may not assume a role there.
  const assumable = [PAYERS.acme, PAYERS.globex, PAYERS.initech].map((p) => `arn:aws:iam::${p}:role/${AUTOMATION_ROLE}`);
  const ci = await buildDistributor(moto, DISTRIBUTOR, "payerfleet-ci", assumable);
  const acme = await buildPayer(moto, DISTRIBUTOR, {
    accountId: PAYERS.acme,
    automationActions: AUDIT_ACTIONS,
    ous: ["Workloads", "Workloads/Prod"],
    accounts: [
      { name: "acme-prod", email: "aws-prod@acme.example", ou: "Workloads/Prod" },
      { name: "acme-dev", email: "aws-dev@acme.example" },
    ],
    partnerAdmin: { boundary: true },
    trail: { logging: true },
    rules: {
      "us-east-1": { state: RULE_STATE, pattern: ROOT_PATTERN, targetsHub: true },
      "eu-west-1": { state: RULE_STATE, pattern: ROOT_PATTERN, targetsHub: true },
    },
    alternateContacts: [BILLING],
  });
  const globex = await buildPayer(moto, DISTRIBUTOR, {
    accountId: PAYERS.globex,
    automationActions: AUDIT_ACTIONS,
    ous: ["Prod"],
    accounts: [
      { name: "globex-prod", email: "aws-prod@globex.example" },
      { name: "globex-data", email: "data@payers.distributor.example" },
      { name: "globex-shadow-it", email: "shadow-it@globex.example" },
    ],
    partnerAdmin: { boundary: false },
    trail: { logging: false },
    rules: { "us-east-1": { state: "ENABLED", pattern: ROOT_PATTERN, targetsHub: true } },
    alternateContacts: [{ ...BILLING, phone: "+44 20 7946 9999" }],
  });
  const initech = await buildPayer(moto, DISTRIBUTOR, {
    accountId: PAYERS.initech,
    automationActions: AUDIT_ACTIONS.filter((a) => !a.startsWith("events:")),
  });
  return { inventory: inventoryText(acme, globex), ci, acme, globex, initech };
}

function inventoryText(acme: BuiltPayer, globex: BuiltPayer): string {
  return `distributor:
  name: Example Distribution Ltd
  emailDomains: [payers.distributor.example]
  hub:
    accountId: "${DISTRIBUTOR}"
    alertSubscriptions: [{ protocol: email, endpoint: soc@distributor.example }]
  automation:
    principals: [arn:aws:iam::${DISTRIBUTOR}:role/payerfleet-ci]
  billingAdmins: [arn:aws:iam::${DISTRIBUTOR}:role/billing]
  regions: [eu-west-1]
partners:
  - id: acme
    name: Acme Corp
    payer:
      accountId: "${PAYERS.acme}"
      rootEmail: aws+acme@payers.distributor.example
      custody: { mfaHolder: customer, primaryPhoneHolder: customer }
      primaryContact: { phoneNumber: "+44 20 7946 0101" }
      alternateContacts:
        billing: { name: ${BILLING.name}, title: ${BILLING.title}, emailAddress: ${BILLING.email}, phoneNumber: "${BILLING.phone}" }
    partnerAdmins: [arn:aws:iam::${PAYERS.acme}:role/acme-admins]
    organizationalUnits: [Workloads/Prod]
    linkedAccounts:
      - { name: acme-prod, email: aws-prod@acme.example, ou: Workloads/Prod, accountId: "${acme.accountIds["acme-prod"]}" }
      - { name: acme-dev, email: aws-dev@acme.example }
  - id: globex
    name: Globex
    payer:
      accountId: "${PAYERS.globex}"
      rootEmail: aws+globex@payers.distributor.example
      custody: { mfaHolder: customer, primaryPhoneHolder: customer }
      primaryContact: { phoneNumber: "+1 206 555 0100", companyName: Globex }
      alternateContacts:
        billing: { name: ${BILLING.name}, title: ${BILLING.title}, emailAddress: ${BILLING.email}, phoneNumber: "${BILLING.phone}" }
        security: { name: Globex SOC, title: Security, emailAddress: soc@globex.example, phoneNumber: "+1 206 555 0199" }
    partnerAdmins: [arn:aws:iam::${PAYERS.globex}:role/globex-admins]
    organizationalUnits: [Prod]
    linkedAccounts:
      - { name: globex-prod, email: aws-prod@globex.example, ou: Prod }
      - { name: globex-data, email: aws-data@globex.example, accountId: "${globex.accountIds["globex-data"]}" }
  - id: initech
    name: Initech
    payer:
      accountId: "${PAYERS.initech}"
      rootEmail: aws+initech@payers.distributor.example
      custody: { mfaHolder: customer, primaryPhoneHolder: customer }
      primaryContact: { phoneNumber: "+1 512 555 0142" }
    features: { organizationTrail: false }
  - id: umbrella
    name: Umbrella
    payer:
      accountId: "${PAYERS.umbrella}"
      rootEmail: aws+umbrella@payers.distributor.example
      custody: { mfaHolder: customer, primaryPhoneHolder: customer }
      primaryContact: { phoneNumber: "+44 20 7946 0404" }
    partnerAdmins: [arn:aws:iam::${PAYERS.umbrella}:role/umbrella-admins]
    linkedAccounts:
      - { name: umbrella-prod, email: aws-prod@umbrella.example }
`;
}
