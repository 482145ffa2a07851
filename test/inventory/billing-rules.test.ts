import { expect } from "chai";
import { BILLING_RULES } from "../../src/inventory/billing-rules.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import { isTransfer } from "../../src/inventory/schema.ts";
import { edit, TRANSFER_INVENTORY } from "../support/fixtures.ts";

const FILE = "inventory.yaml";
const replace = (from: string, to: string) => edit(TRANSFER_INVENTORY, from, to);
/** Each problem as `line:column rule path: message`. */
const problems = (text: string) => parseInventory(text, FILE).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule} ${p.path}: ${p.message}`);

/** A second transfer partner of pma-eu, billing `account`. */
const secondTransfer = (id: string, account: string) => `  - id: ${id}
    name: ${id}
    billing: { model: transfer, billTransferAccount: pma-eu, managementAccountId: "${account}", startMonth: "2027-02" }
`;

describe("billing-transfer partners in the inventory", () => {
  it("loads a fleet mixing custody and transfer partners with no problem, a partner without billing being custody", () => {
    const { inventory, problems: found } = parseInventory(TRANSFER_INVENTORY, FILE);
    expect(found).to.deep.equal([]);
    expect(inventory!.partners.map((p) => [p.id, isTransfer(p)])).to.deep.equal([["acme", false], ["globex", false], ["initech", true]]);
    expect(inventory!.partners[2]!.billing).to.deep.equal({
      model: "transfer",
      billTransferAccount: "pma-eu",
      managementAccountId: "400000000001",
      startMonth: "2027-01",
      pricingPlan: "basic",
      relationship: { sector: "COMMERCIAL", supportPlan: "partnerLedSupport", coverage: "ENTIRE_ORGANIZATION", tamLocation: "eu-west-1", resaleAccountModel: "END_CUSTOMER" },
      servicePeriod: { type: "MINIMUM_NOTICE_PERIOD", minimumNoticeDays: 90 },
    });
    expect(inventory!.distributor.billTransferAccounts).to.deep.equal([{ id: "pma-eu", accountId: "310000000001", program: "DISTRIBUTION", partnerCentralCatalog: "AWS", inboundTransferQuota: 2 }]);
  });

  it("accepts an explicit custody billing block on a custody partner", () => {
    expect(problems(replace("    name: Acme Corp\n", "    name: Acme Corp\n    billing: { model: custody }\n"))).to.deep.equal([]);
  });

  it("names each custody-only field of a transfer partner, at its key, even written with its default value", () => {
    const text = replace(
      '      servicePeriod: { type: MINIMUM_NOTICE_PERIOD, minimumNoticeDays: 90 }\n',
      '      servicePeriod: { type: MINIMUM_NOTICE_PERIOD, minimumNoticeDays: 90 }\n    partnerAdmins: []\n    features: { rootActivityMonitor: true }\n    payer: { accountId: "400000000001" }\n',
    );
    expect(problems(text)).to.deep.equal([
      "59:5 error custody-field-on-transfer partners[2].partnerAdmins: remove partnerAdmins: it describes partner admins fenced inside a distributor-owned payer, and a billing-transfer partner keeps its own management account",
      "60:5 error custody-field-on-transfer partners[2].features: remove features: it describes root-activity and trail features of a distributor-owned payer, and a billing-transfer partner keeps its own management account",
      "61:5 error custody-field-on-transfer partners[2].payer: remove payer: it describes the distributor-owned payer (root e-mail, custody holders, contacts), and a billing-transfer partner keeps its own management account",
      // The payer's own schema errors are reported too: one run says everything.
      "61:12 error schema partners[2].payer.rootEmail: is required",
      "61:12 error schema partners[2].payer.custody: is required",
    ]);
  });

  it("requires a payer of a custody partner, and says how to declare a transfer partner instead", () => {
    const text = replace(
      '    payer:\n      accountId: "100000000002"\n      rootEmail: aws+globex@payers.distributor.example\n      custody:\n        mfaHolder: customer\n        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: "+1 206 555 0100"\n',
      "",
    );
    expect(problems(text)).to.deep.equal([
      "36:5 error custody-payer-required partners[1]: payer is required: a partner without billing.model: transfer is a custody partner, whose payer the distributor owns",
    ]);
  });

  it("refuses a start month that is not YYYY-MM, an unknown model and an unknown program, with what is allowed", () => {
    let text = replace('startMonth: "2027-01"', 'startMonth: "2027-1"');
    text = edit(text, "program: DISTRIBUTION", "program: RESELLER");
    expect(problems(text)).to.deep.equal([
      "16:16 error schema distributor.billTransferAccounts[0].program: must be one of: DISTRIBUTION, SOLUTION_PROVIDER, DISTRIBUTION_SELLER",
      '56:19 error schema partners[2].billing.startMonth: must be a month written YYYY-MM, such as 2027-01: a transfer starts at 00:00 UTC on the first day of a month',
    ]);
    expect(problems(replace("model: transfer", "model: resale"))).to.deep.equal(["53:14 error schema partners[2].billing.model: must be custody (the default) or transfer"]);
  });

  it("refuses a bill-transfer account the distributor does not declare, naming those it does", () => {
    expect(problems(replace("billTransferAccount: pma-eu", "billTransferAccount: pma-us"))).to.deep.equal([
      "54:28 error unknown-bill-transfer-account partners[2].billing.billTransferAccount: no bill-transfer account pma-us in distributor.billTransferAccounts (declared: pma-eu)",
    ]);
  });

  it("refuses a management account that is a bill-transfer account, the hub, or another partner's account", () => {
    expect(problems(replace('managementAccountId: "400000000001"', 'managementAccountId: "310000000001"'))).to.deep.equal([
      "55:28 error management-account-is-bill-transfer partners[2].billing.managementAccountId: 310000000001 is the distributor's bill-transfer account pma-eu: the customer's management account is the bill source, never the account that pays",
    ]);
    expect(problems(replace('managementAccountId: "400000000001"', 'managementAccountId: "210987654321"'))).to.deep.equal([
      "55:28 error duplicate-account-id partners[2].billing.managementAccountId: account id 210987654321 must be unique across the fleet: already used at distributor.hub.accountId (line 5)",
      "55:28 error management-account-is-hub partners[2].billing.managementAccountId: 210987654321 is the distributor's root-activity hub, not a customer's management account",
    ]);
    expect(problems(replace('managementAccountId: "400000000001"', 'managementAccountId: "300000000001"'))).to.deep.equal([
      "55:28 error duplicate-account-id partners[2].billing.managementAccountId: account id 300000000001 must be unique across the fleet: already used at partners[0].linkedAccounts[0].accountId (line 35)",
    ]);
    expect(problems(TRANSFER_INVENTORY + secondTransfer("hooli", "400000000001"))).to.deep.equal([
      "61:83 error duplicate-account-id partners[3].billing.managementAccountId: account id 400000000001 must be unique across the fleet: already used at partners[2].billing.managementAccountId (line 55)",
    ]);
  });

  it("warns at the first transfer partner above the account's stated quota, and refuses the 1,001st", () => {
    const third = TRANSFER_INVENTORY + secondTransfer("hooli", "400000000002") + secondTransfer("pied-piper", "400000000003");
    expect(problems(third)).to.deep.equal([
      "64:54 warning bill-transfer-quota partners[4].billing.billTransferAccount: pma-eu's inbound billing transfer quota is 2: this is its transfer partner number 3; request an increase in Service Quotas (us-east-1) before inviting it (line 17)",
    ]);
    const many = Array.from({ length: 1000 }, (_, i) => secondTransfer(`p${i}`, String(500000000000 + i))).join("");
    const found = parseInventory(TRANSFER_INVENTORY.replace("      inboundTransferQuota: 2\n", "") + many, FILE).problems;
    expect(found.map((p) => [p.rule, p.path, p.message])).to.deep.equal([
      ["bill-transfer-account-full", "partners[1002].billing.billTransferAccount", "pma-eu would bill more than 1,000 transfer partners, AWS's hard limit of inbound transfers per account: move partners to another bill-transfer account"],
    ]);
  });

  it("refuses a duplicate bill-transfer account, a support plan without its TAM location, and incomplete service periods", () => {
    let text = replace("      inboundTransferQuota: 2\n", '      inboundTransferQuota: 2\n    - id: pma-eu\n      accountId: "310000000001"\n      program: DISTRIBUTION\n');
    text = edit(text, ", tamLocation: eu-west-1 }", " }");
    text = edit(text, "{ type: MINIMUM_NOTICE_PERIOD, minimumNoticeDays: 90 }", "{ type: FIXED_COMMITMENT_PERIOD, endMonth: \"2026-12\" }");
    expect(problems(text)).to.deep.equal([
      "18:11 error duplicate-bill-transfer-account distributor.billTransferAccounts[1].id: id pma-eu is already used at billTransferAccounts[0] (line 14)",
      "19:18 error duplicate-bill-transfer-account distributor.billTransferAccounts[1].accountId: accountId 310000000001 is already used at billTransferAccounts[0] (line 15)",
      "60:7 error support-plan-tam-location partners[2].billing.relationship: tamLocation is required with supportPlan partnerLedSupport: Partner Central records where the technical account manager sits",
      "61:65 error service-period partners[2].billing.servicePeriod.endMonth: the commitment ends before the transfer starts (startMonth 2027-01)",
    ]);
    expect(problems(replace("{ type: MINIMUM_NOTICE_PERIOD, minimumNoticeDays: 90 }", "{ type: MINIMUM_NOTICE_PERIOD }"))).to.deep.equal([
      "58:7 error service-period partners[2].billing.servicePeriod: minimumNoticeDays is required for a MINIMUM_NOTICE_PERIOD",
    ]);
  });

  it("has a case above for every billing rule", () => {
    expect(BILLING_RULES).to.have.length(3);
  });
});
