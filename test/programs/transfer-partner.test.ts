import { expect } from "chai";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import { declare, type DeclaredResource } from "../../src/plan/declare.ts";
import { programFor } from "../../src/programs/stack-program.ts";
import { edit, TRANSFER_INVENTORY } from "../support/fixtures.ts";

const BTA = "310000000001";
const CUSTOMER = "400000000001";
const MANAGED_VIEW = `arn:aws:billing::${BTA}:billingview/billing_transfer-${CUSTOMER}`;
const TRANSFER_ARN = `arn:aws:organizations::${BTA}:responsibilitytransfer/o-bta/billing/inbound/rt-1`;

function inventoryOf(text: string): Inventory {
  const loaded = parseInventory(text, "inventory.yaml");
  if (loaded.inventory === undefined) throw new Error(JSON.stringify(loaded.problems));
  return loaded.inventory;
}

/** The account ids a provider's inputs name: its allowed accounts and the roles it assumes. */
function accountsIn(provider: DeclaredResource): Set<string> {
  return new Set(JSON.stringify(provider.inputs).match(/\d{12}/g) ?? []);
}

describe("a billing-transfer partner's program under mocks", () => {
  const budgeted = inventoryOf(edit(TRANSFER_INVENTORY, '      startMonth: "2027-01"\n', '      startMonth: "2027-01"\n      monthlyBudget: 1250.5\n'));

  it("declares only the bill-transfer account's provider until the customer accepts", async () => {
    const declared = await declare(programFor(budgeted, "initech"), { stack: "initech" });
    expect(declared.resources.map((r) => `${r.type} ${r.name}`)).to.deep.equal(["pulumi:providers:aws initech-us-east-1", "payerfleet:billing:TransferPartner initech"]);
    const provider = declared.resources[0]!;
    expect(provider.inputs).to.deep.include({ region: "us-east-1", allowedAccountIds: JSON.stringify([BTA]) });
    expect(JSON.parse(provider.inputs["assumeRoles"] as string)).to.deep.equal([{ roleArn: `arn:aws:iam::${BTA}:role/payerfleet-automation`, sessionName: "payerfleet-initech" }]);
    expect(declared.outputs).to.deep.equal({
      partner: "initech",
      billingModel: "transfer",
      billTransferAccountId: BTA,
      managementAccountId: CUSTOMER,
      startMonth: "2027-01",
      billingViewArn: null,
      transfer: null,
    });
  });

  it("once accepted, declares the partner's billing view on the transfer's managed view and a budget on it, all through that provider", async () => {
    const record = { stage: "accepted", transferId: "rt-1", handshakeId: null, startMonth: "2027-01", billingGroupArn: "arn:aws:billingconductor::310000000001:billinggroup/1", relationshipId: null };
    const declared = await declare(
      programFor(budgeted, "initech", { acceptedTransfer: () => ({ arn: TRANSFER_ARN, managedViewArn: MANAGED_VIEW }), transferRecord: () => record }),
      { stack: "initech" },
    );
    const custom = declared.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws");
    expect(custom.map((r) => [r.type, r.name, r.inputs])).to.deep.equal([
      ["aws:billing/view:View", "initech-billing-view", { name: "payerfleet-initech", description: `payerfleet: the costs of initech, billed by transfer from ${CUSTOMER}`, sourceViews: [MANAGED_VIEW], tags: { "payerfleet:partner": "initech" } }],
      ["aws:budgets/budget:Budget", "initech-budget", { name: "payerfleet-initech", budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "1250.50", limitUnit: "USD", billingViewArn: `arn:aws:mock:us-east-1:${BTA}:aws:billing/view:View/initech-billing-view` }],
    ]);
    const provider = declared.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(custom.every((r) => r.provider?.startsWith(`${provider.urn}::`))).to.equal(true);
    expect(declared.outputs["transfer"]).to.deep.equal(record);
    // The customer's management account is never a target: one provider, bound to the bill-transfer account.
    const providers = declared.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
    expect(providers.map((p) => [p.inputs["allowedAccountIds"], accountsIn(p)])).to.deep.equal([[JSON.stringify([BTA]), new Set([BTA])]]);
  });

  it("declares no budget without monthlyBudget", async () => {
    const declared = await declare(programFor(inventoryOf(TRANSFER_INVENTORY), "initech", { acceptedTransfer: () => ({ arn: TRANSFER_ARN, managedViewArn: MANAGED_VIEW }) }), { stack: "initech" });
    expect(declared.resources.filter((r) => r.custom).map((r) => r.type)).to.deep.equal(["pulumi:providers:aws", "aws:billing/view:View"]);
  });
});
