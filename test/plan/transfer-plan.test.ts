import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { payerfleet } from "../support/cli.ts";
import { edit, TRANSFER_INVENTORY } from "../support/fixtures.ts";

const FLEET = edit(TRANSFER_INVENTORY, '      startMonth: "2027-01"\n', '      startMonth: "2027-01"\n      accountCount: 620\n      monthlyBudget: 5000\n');

describe("plan and policies of a billing-transfer partner, offline", () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-transfer-plan-"));
    file = join(dir, "inventory.yaml");
    await writeFile(file, FLEET);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("shows what is declared in the bill-transfer account once accepted, the invitation, and Billing Conductor's estimate", async () => {
    const run = await payerfleet(["plan", "-i", file]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(
      [
        "initech: Initech, billing transfer from 400000000001 to pma-eu (310000000001) from 2027-01: 3 resources",
        "     1  aws:billing/view:View",
        "     1  aws:budgets/budget:Budget",
        "     1  pulumi:providers:aws",
        "  billing transfer: invite 400000000001 to transfer its bill to 310000000001 from 2027-01, accepted by 2026-12-31T00:00:00Z",
        "  once accepted: billing group payerfleet-initech (pricing basic), and the resources above built on the transfer's managed view",
        "",
        "bill-transfer account pma-eu (310000000001): 1 transfer partner, 620 accounts in billing groups: Billing Conductor about $4935.00 a month",
      ].join("\n"),
    );
    expect(run.stdout.split("billing transfer: invite")).to.have.length(2);
    const json = JSON.parse((await payerfleet(["plan", "-i", file, "--json"])).stdout);
    const initech = json.partners.find((p: { id: string }) => p.id === "initech");
    expect(initech.transfer).to.deep.equal({
      invitation: { sourceName: "payerfleet initech", managementAccountId: "400000000001", billTransferAccountId: "310000000001", startMonth: "2027-01", acceptBy: "2026-12-31T00:00:00Z" },
      billingGroup: { name: "payerfleet-initech", pricingPlan: "basic" },
    });
    const view = initech.resources.find((r: { type: string }) => r.type === "aws:billing/view:View");
    expect(view.inputs.sourceViews).to.deep.equal(["arn:aws:billing::310000000001:billingview/[known once accepted]"]);
    expect(json.billTransferAccounts).to.deep.equal([{ id: "pma-eu", accountId: "310000000001", partners: ["initech"], accounts: 620, accountsUnknown: [], conductorMonthlyUsd: 4935 }]);
  });

  it("lists the one role bootstrap creates in the bill-transfer account, and nothing in the customer's", async () => {
    const run = await payerfleet(["policies", "-i", file, "--partner", "initech", "--json"]);
    expect(run.code, run.stderr).to.equal(0);
    const policies = JSON.parse(run.stdout);
    expect([policies.partner, policies.accountId, policies.roles.map((r: { arn: string }) => r.arn)]).to.deep.equal(["initech", "310000000001", ["arn:aws:iam::310000000001:role/payerfleet-automation"]]);
    expect(policies.roles[0].policies[0].document.Statement.map((s: { Sid: string }) => s.Sid)).to.deep.equal([
      "TransferLifecycle",
      "BillingGroups",
      "PartnerCentralRelationships",
      "PartnerBillingViews",
      "ListBillingViews",
      "PartnerBudgets",
      "TransferQuotas",
    ]);
  });
});
