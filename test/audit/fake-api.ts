/**
 * A `PayerApi` whose every answer matches the partner's inventory entry, for checks that moto
 * cannot exercise (GetContactInformation, which it lacks) and for edge cases; tests override
 * the calls they are about.
 */
import { hubEventBusArn, ORGANIZATION_TRAIL, PARTNER_BOUNDARY_POLICY, policyArn, ROOT_ACTIVITY_DELIVERY_ROLE, roleArn } from "../../src/domain/names.ts";
import type { OrganizationAccount, PayerApi } from "../../src/audit/payer-api.ts";
import type { CustodyPartner as Partner, Inventory } from "../../src/inventory/schema.ts";
import { credentialReport } from "./expected.ts";

const ROOT_ID = "r-ab12";

/** Each OU is named by its path, so `ou:Workloads/Prod` is that OU's id. */
export function passingApi(inventory: Inventory, partner: Partner, overrides: Partial<PayerApi> = {}): PayerApi {
  const payer = partner.payer.accountId;
  const accounts = partner.linkedAccounts.map((a, i): OrganizationAccount & { parent: string } => ({
    id: a.accountId ?? String(500000000000 + i),
    name: a.name,
    email: a.email,
    status: "ACTIVE",
    parent: a.ou === undefined ? ROOT_ID : `ou:${a.ou}`,
  }));
  const paths = [...new Set(partner.organizationalUnits.flatMap((p) => p.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"))))];
  const alternates = partner.payer.alternateContacts ?? {};
  const api: PayerApi = {
    accountSummary: async () => ({ mfaEnabled: true, accessKeysPresent: false }),
    credentialReport: async () => credentialReport(payer, { mfa: true, key1: false }),
    describeOrganization: async () => ({ id: "o-a1b2c3d4e5", managementAccountId: payer, managementAccountEmail: partner.payer.rootEmail }),
    rootId: async () => ROOT_ID,
    organizationalUnitsForParent: async (parent) => {
      const base = parent === ROOT_ID ? "" : parent.slice("ou:".length);
      const children = paths.filter((p) => (base === "" ? !p.includes("/") : p.startsWith(`${base}/`) && !p.slice(base.length + 1).includes("/")));
      return children.map((p) => ({ id: `ou:${p}`, name: p.slice(p.lastIndexOf("/") + 1) }));
    },
    accountsForParent: async (parent) =>
      [
        ...(parent === ROOT_ID ? [{ id: payer, name: "payer", email: partner.payer.rootEmail, status: "ACTIVE", parent }] : []),
        ...accounts.filter((a) => a.parent === parent),
      ].map(({ parent: _parent, ...a }) => a),
    contactInformation: async () => ({ phoneNumber: partner.payer.primaryContact?.phoneNumber, fullName: partner.payer.primaryContact?.fullName, companyName: partner.payer.primaryContact?.companyName }),
    alternateContact: async (type) => {
      const c = alternates[type.toLowerCase() as "billing"];
      return c && { name: c.name, title: c.title, emailAddress: c.emailAddress, phoneNumber: c.phoneNumber };
    },
    role: async (name) => ({ arn: roleArn(payer, name), permissionsBoundaryArn: policyArn(payer, PARTNER_BOUNDARY_POLICY) }),
    trails: async () => [
      { name: ORGANIZATION_TRAIL, arn: `arn:aws:cloudtrail:eu-west-1:${payer}:trail/${ORGANIZATION_TRAIL}`, homeRegion: "eu-west-1", isOrganizationTrail: true, isMultiRegionTrail: true },
    ],
    trailIsLogging: async () => true,
    rule: async (region, name) => ({
      arn: `arn:aws:events:${region}:${payer}:rule/${name}`,
      state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
      eventPattern: JSON.stringify({ detail: { userIdentity: { type: ["Root"] } } }),
    }),
    ruleTargets: async (region) => [{ id: "hub", arn: hubEventBusArn(region, inventory.distributor.hub.accountId), roleArn: roleArn(payer, ROOT_ACTIVITY_DELIVERY_ROLE) }],
  };
  return { ...api, ...overrides };
}
