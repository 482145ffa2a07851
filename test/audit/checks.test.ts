import { expect } from "chai";
import { auditPartner } from "../../src/audit/audit.ts";
import type { PayerApi } from "../../src/audit/payer-api.ts";
import type { Check, PartnerAudit } from "../../src/audit/report.ts";
import { loadInventory } from "../../src/inventory/load.ts";
import type { CustodyPartner, Inventory } from "../../src/inventory/schema.ts";
import { passingApi } from "./fake-api.ts";
import { partnerOf } from "../support/example.ts";

let inventory: Inventory;
const partner = (id: string): CustodyPartner => partnerOf(inventory, id);

/** Audits one partner of the example fleet through a stubbed API. */
async function audit(id: string, overrides: Partial<PayerApi> = {}): Promise<PartnerAudit> {
  const p = partner(id);
  return auditPartner(inventory, p, async () => ({ api: passingApi(inventory, p, overrides), close: () => {} }));
}

const only = (report: PartnerAudit, ...ids: string[]): Check[] => report.checks.filter((c) => ids.includes(c.id));
const denied = Object.assign(new Error("User: arn:aws:sts::100000000003:assumed-role/payerfleet-automation/x is not authorized"), {
  name: "AccessDeniedException",
  $metadata: { httpStatusCode: 400 },
});

describe("audit checks (stubbed API)", () => {
  before(async () => {
    inventory = (await loadInventory("examples/inventory.yaml")).inventory!;
  });

  it("passes every check, in a fixed order, for a payer that matches its inventory", async () => {
    const report = await audit("fabrikam");
    expect(report.result).to.equal("pass");
    expect(report.checks.map((c) => [c.id, c.status])).to.deep.equal([
      ["root-mfa", "pass"],
      ["root-access-keys", "pass"],
      ["root-credential-report", "pass"],
      ["root-email", "pass"],
      ["linked-accounts", "pass"],
      ["linked-account-ous", "pass"],
      ["unknown-accounts", "pass"],
      ["linked-account-emails", "pass"],
      ["primary-contact", "pass"],
      ["alternate-contact:billing", "pass"],
      ["alternate-contact:operations", "pass"],
      ["alternate-contact:security", "pass"],
      ["partner-admin-boundary", "pass"],
      ["organization-trail", "pass"],
      ["root-activity-rule:us-east-1", "pass"],
      ["root-activity-rule:eu-west-1", "pass"],
      ["root-activity-rule:eu-central-1", "pass"],
    ]);
  });

  it("walks nested OUs from the root: 34 accounts of northwind in Security, Workloads/Prod, Workloads/NonProd...", async () => {
    const report = await audit("northwind");
    expect(only(report, "linked-accounts", "linked-account-ous", "unknown-accounts")).to.deep.equal([
      { id: "linked-accounts", status: "pass", detail: "all 34 linked accounts of the inventory are in organization o-a1b2c3d4e5" },
      { id: "linked-account-ous", status: "pass", detail: "all 34 linked accounts found are in their OU" },
      { id: "unknown-accounts", status: "pass", detail: "all 34 linked accounts of the organization are in the inventory" },
    ]);
    // No partner admins, so no partner-admin role to check.
    expect(report.checks.map((c) => c.id)).to.not.include("partner-admin-boundary");
  });

  describe("primary contact, against a stubbed account:GetContactInformation (moto lacks the API)", () => {
    const cases: [string, string, { phoneNumber?: string; fullName?: string; companyName?: string }, Check][] = [
      ["the same phone written differently", "fabrikam", { phoneNumber: "+33-1-70-36-00-10", fullName: "Gabriel Moreau", companyName: "Fabrikam Inc" }, { id: "primary-contact", status: "pass", detail: "phone +33-1-70-36-00-10 is the customer's, as the inventory records" }],
      ["another phone", "fabrikam", { phoneNumber: "+44 20 7946 0000", fullName: "Gabriel Moreau", companyName: "Fabrikam Inc" }, { id: "primary-contact", status: "fail", detail: "phone is +44 20 7946 0000, the inventory says +33 1 70 36 00 10" }],
      ["another name, no phone", "fabrikam", { fullName: "Mallory", companyName: "Fabrikam Inc" }, { id: "primary-contact", status: "fail", detail: "phone is not set, the inventory says +33 1 70 36 00 10; full name is Mallory, the inventory says Gabriel Moreau" }],
    ];
    for (const [what, id, contact, expected] of cases) {
      it(`${expected.status}: ${what}`, async () => {
        expect(only(await audit(id, { contactInformation: async () => contact }), "primary-contact")).to.deep.equal([expected]);
      });
    }

    it("could-not-check when the inventory records no primary contact, without calling AWS", async () => {
      inventory.partners.push({ ...partner("contoso"), id: "no-contact", payer: { ...partner("contoso").payer, primaryContact: undefined } });
      try {
        const report = await audit("no-contact", { contactInformation: () => Promise.reject(new Error("must not be called")) });
        expect(only(report, "primary-contact")).to.deep.equal([{ id: "primary-contact", status: "could-not-check", detail: "the inventory records no payer.primaryContact to compare with" }]);
      } finally {
        inventory.partners.pop();
      }
    });

    it("could-not-check with the reason when the call is denied", async () => {
      const report = await audit("contoso", { contactInformation: () => Promise.reject(denied) });
      expect(only(report, "primary-contact")).to.deep.equal([{ id: "primary-contact", status: "could-not-check", detail: `access denied: ${denied.message}` }]);
    });
  });

  describe("organization", () => {
    const ids = ["root-email", "linked-accounts", "linked-account-ous", "unknown-accounts", "linked-account-emails"];

    it("fails every organization check when the payer belongs to no organization", async () => {
      const report = await audit("contoso", { describeOrganization: async () => undefined });
      expect(only(report, ...ids)).to.deep.equal(ids.map((id) => ({ id, status: "fail", detail: "the payer belongs to no organization" })));
    });

    it("fails them when the payer is a member, not the management account", async () => {
      const report = await audit("contoso", {
        describeOrganization: async () => ({ id: "o-zzzzzzzzzz", managementAccountId: "999999999999", managementAccountEmail: "root@elsewhere.example" }),
      });
      const detail = "the payer is not the management account of organization o-zzzzzzzzzz: 999999999999 is";
      expect(only(report, ...ids)).to.deep.equal(ids.map((id) => ({ id, status: "fail", detail })));
    });

    it("still judges the root e-mail when the OU walk is denied", async () => {
      const report = await audit("contoso", { rootId: () => Promise.reject(denied) });
      expect(only(report, ...ids)).to.deep.equal([
        { id: "root-email", status: "pass", detail: "the management account's e-mail aws+contoso@payers.distributor.example is the inventory's, on the distributor's domain" },
        ...ids.slice(1).map((id) => ({ id, status: "could-not-check", detail: `access denied: ${denied.message}` })),
      ]);
    });

    it("fails a root e-mail on the distributor's domain that is not the inventory's", async () => {
      const report = await audit("contoso", {
        describeOrganization: async () => ({ id: "o-a1b2c3d4e5", managementAccountId: "100000000002", managementAccountEmail: "aws+other@payers.distributor.example" }),
      });
      expect(only(report, "root-email")).to.deep.equal([
        { id: "root-email", status: "fail", detail: "the management account's e-mail is aws+other@payers.distributor.example; the inventory says aws+contoso@payers.distributor.example" },
      ]);
    });

    it("reports suspended accounts and accounts in another nested OU", async () => {
      const base = passingApi(inventory, partner("northwind"));
      const report = await audit("northwind", {
        accountsForParent: async (parent) => {
          const accounts = await base.accountsForParent(parent);
          // northwind-audit sits in Workloads/NonProd instead of Security; the backup account is closed.
          if (parent === "ou:Security") return accounts.filter((a) => a.name !== "northwind-audit");
          if (parent === "ou:Workloads/NonProd") return [...accounts, (await base.accountsForParent("ou:Security")).find((a) => a.name === "northwind-audit")!];
          return accounts.map((a) => (a.name === "northwind-backup" ? { ...a, status: "SUSPENDED" } : a));
        },
      });
      expect(only(report, "linked-accounts", "linked-account-ous")).to.deep.equal([
        { id: "linked-accounts", status: "fail", detail: "northwind-backup: SUSPENDED" },
        { id: "linked-account-ous", status: "fail", detail: "northwind-audit is in Workloads/NonProd, the inventory says Security" },
      ]);
    });
  });

  describe("access and monitoring", () => {
    it("fails a partner-admin role missing, or bounded by another policy", async () => {
      const missing = await audit("contoso", { role: async () => undefined });
      const other = await audit("contoso", {
        role: async (name) => ({ arn: `arn:aws:iam::100000000002:role/${name}`, permissionsBoundaryArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
      });
      expect([...only(missing, "partner-admin-boundary"), ...only(other, "partner-admin-boundary")]).to.deep.equal([
        { id: "partner-admin-boundary", status: "fail", detail: "role payerfleet-partner-admin does not exist" },
        {
          id: "partner-admin-boundary",
          status: "fail",
          detail: "role payerfleet-partner-admin has the permissions boundary arn:aws:iam::aws:policy/AdministratorAccess, not payerfleet-partner-boundary",
        },
      ]);
    });

    it("fails a trail that is neither for the organization nor multi-region, and a missing one", async () => {
      const arn = "arn:aws:cloudtrail:eu-west-1:100000000002:trail/payerfleet-organization-trail";
      const narrow = await audit("contoso", {
        trails: async () => [{ name: "payerfleet-organization-trail", arn, homeRegion: "eu-west-1", isOrganizationTrail: false, isMultiRegionTrail: false }],
      });
      const none = await audit("contoso", { trails: async () => [] });
      expect([...only(narrow, "organization-trail"), ...only(none, "organization-trail")]).to.deep.equal([
        { id: "organization-trail", status: "fail", detail: `${arn}: it is not an organization trail, it is not multi-region` },
        { id: "organization-trail", status: "fail", detail: "no multi-region trail named payerfleet-organization-trail" },
      ]);
    });

    it("fails a rule that is disabled, does not select root, and targets the hub bus without a role", async () => {
      const report = await audit("contoso", {
        rule: async () => ({ arn: "arn", state: "DISABLED", eventPattern: JSON.stringify({ detail: { userIdentity: { type: ["IAMUser"] } } }) }),
        ruleTargets: async (region) => [{ id: "hub", arn: `arn:aws:events:${region}:210987654321:event-bus/payerfleet-root-activity` }],
      });
      expect(only(report, "root-activity-rule:eu-central-1")).to.deep.equal([
        {
          id: "root-activity-rule:eu-central-1",
          status: "fail",
          detail:
            "payerfleet-root-activity: state is DISABLED, not ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; its event pattern does not select detail.userIdentity.type Root; the hub bus target has no roleArn, which cross-account delivery needs",
        },
      ]);
    });

    it("fails a rule whose target is another bus", async () => {
      const report = await audit("contoso", { ruleTargets: async () => [{ id: "x", arn: "arn:aws:events:us-east-1:999999999999:event-bus/default", roleArn: "r" }] });
      expect(only(report, "root-activity-rule:us-east-1")).to.deep.equal([
        {
          id: "root-activity-rule:us-east-1",
          status: "fail",
          detail: "payerfleet-root-activity: no target is the hub bus arn:aws:events:us-east-1:210987654321:event-bus/payerfleet-root-activity",
        },
      ]);
    });
  });

  it("fails a root user with an active signing certificate and no MFA in the credential report", async () => {
    const csv = "user,mfa_active,password_last_used,access_key_1_active,access_key_2_active,cert_1_active,cert_2_active\n<root_account>,false,N/A,false,false,false,true\n";
    const report = await audit("contoso", { credentialReport: async () => csv });
    expect(only(report, "root-credential-report")).to.deep.equal([
      { id: "root-credential-report", status: "fail", detail: "<root_account>: mfa_active false, 1 active signing certificate(s); password last used N/A" },
    ]);
  });
});
