/**
 * Billing-transfer partners in the fleet commands, on the real Pulumi engine, with AWS
 * Organizations played by the fake (support/fake-organizations) behind a real endpoint: the
 * lifecycle shows in preview, acts in up, reports drift in refresh, keeps its ids in the stack's
 * outputs, and one partner's failure leaves the others alone.
 */
import { expect } from "chai";
import { join } from "node:path";
import { earliestStart, acceptanceDeadline, utc } from "../../src/domain/billing-transfer/calendar.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import { startFakeOrganizations, type OrganizationsEndpoint } from "../support/fake-organizations/server.ts";
import { edit, TRANSFER_INVENTORY } from "../support/fixtures.ts";
import { EngineSandbox, realEngineMissing } from "../support/real-engine.ts";
import { readState, resourcesOf } from "../support/aws-standin/state.ts";

const BTA = "310000000001";
const CUSTOMER = "400000000001";
/** The first month an invitation sent today can start in: the fake keeps the real clock. */
const START = earliestStart(new Date());
/** The mixed fleet, its custody accounts all new: the emulated AWS holds none of them. */
const FLEET = edit(edit(TRANSFER_INVENTORY, 'startMonth: "2027-01"', `startMonth: "${START}"\n      monthlyBudget: 5000`), '        accountId: "300000000001"\n', "");

interface StackJson {
  stack: string;
  result: string;
  error: string | null;
  changes: Record<string, number>;
  resources: { type: string; op: string; properties?: Record<string, unknown>; diffs: { path: string; old?: string; new?: string }[] }[];
  transfer?: { stage: string; transferId: string | null; handshakeId: string | null; startMonth: string; billingGroupArn: string | null; relationshipId: string | null; summary: string };
}

describe("billing-transfer partners beside custody partners, on the real Pulumi engine", function () {
  this.timeout(300_000);
  let box: EngineSandbox;
  let aws: OrganizationsEndpoint;
  const env = () => ({ AWS_ENDPOINT_URL: aws.url, AWS_ACCESS_KEY_ID: "ASIA210987654321FAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
  const stacks = async (file: string): Promise<Record<string, StackJson>> => Object.fromEntries((JSON.parse(await box.read(file)).stacks as StackJson[]).map((s) => [s.stack, s]));
  const invitations = () => aws.model.calls.filter((c) => c.operation === "InviteOrganizationToTransferResponsibility");

  before(async function () {
    if (realEngineMissing()) this.skip();
    box = await EngineSandbox.create();
    aws = await startFakeOrganizations();
    aws.model.inboundQuota.set(BTA, 2);
    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    aws.model.programManagementAccounts.set(BTA, "pma-000000000001");
    const inventory = parseInventory(FLEET, "inventory.yaml").inventory as Inventory;
    await box.writeFleet(FLEET, inventory);
  });
  after(async () => {
    await aws?.close();
    await box?.remove();
  });

  it("previews the invitation with its deadline among the custody stacks' changes, sending nothing", async () => {
    const run = await box.run(["preview", "--json", "p.json", "--markdown", "p.md"], env());
    expect(run.code, run.stderr).to.equal(0);
    const report = await stacks("p.json");
    expect(Object.keys(report)).to.deep.equal(["hub", "acme", "globex", "initech"]);
    const initech = report["initech"]!;
    expect(initech.transfer).to.deep.equal({
      stage: "planned",
      transferId: null,
      handshakeId: null,
      startMonth: START,
      billingGroupArn: null,
      relationshipId: null,
      summary: `invite ${CUSTOMER} to transfer its bill to ${BTA} from ${START}-01T00:00:00Z; the customer accepts by ${utc(acceptanceDeadline(START))}`,
    });
    const transfer = initech.resources.filter((r) => r.type === "payerfleet:organizations:ResponsibilityTransfer");
    expect(transfer.map((r) => [r.op, r.properties])).to.deep.equal([
      ["create", { sourceName: "payerfleet initech", managementAccountId: CUSTOMER, billTransferAccountId: BTA, startMonth: START, acceptBy: utc(acceptanceDeadline(START)) }],
    ]);
    // Only the provider of the bill-transfer account: nothing of the customer's account is declared.
    expect(initech.resources.map((r) => r.type).sort()).to.deep.equal(["payerfleet:billing:TransferPartner", "payerfleet:organizations:ResponsibilityTransfer", "pulumi:providers:aws", "pulumi:pulumi:Stack"]);
    expect(report["acme"]!.transfer).to.equal(undefined);
    expect(invitations()).to.deep.equal([]);
    expect(aws.assumed).to.deep.equal([`arn:aws:iam::${BTA}:role/payerfleet-automation`]);
    const md = await box.read("p.md");
    expect(md).to.include(`**Billing transfer** \`planned\`: invite ${CUSTOMER} to transfer its bill to ${BTA} from ${START}-01T00:00:00Z; the customer accepts by`);
    // The quota preflight, read from Service Quotas by name: how many invitations fit, how many this run sends.
    expect(run.stdout).to.include(`note: bill-transfer account pma-eu (${BTA}): inbound billing transfers quota 2, chain length 1, 0 live: 2 more invitations fit; this run sends 1 invitation`);
  });

  it("invites once on up, keeps the ids in the stack's outputs, and sends nothing the second time", async () => {
    const up = await box.run(["up", "--json", "u.json"], env());
    expect(up.code, up.stderr).to.equal(0);
    const initech = (await stacks("u.json"))["initech"]!;
    expect([initech.result, initech.transfer?.stage, initech.transfer?.transferId, initech.transfer?.handshakeId]).to.deep.equal(["succeeded", "invited", "rt-000000000001", "h-000000000002"]);
    expect(invitations().map((c) => c.caller)).to.deep.equal([BTA]);
    const outputs = await box.pulumi(["stack", "output", "--json", "--stack", "initech"], { cwd: join(box.dir, ".payerfleet", "workspaces", "stacks", "initech") });
    expect(JSON.parse(outputs.stdout).transfer).to.deep.equal({ stage: "invited", transferId: "rt-000000000001", handshakeId: "h-000000000002", startMonth: START, billingGroupArn: null, relationshipId: null });
    const again = await box.run(["up", "--partner", "initech", "--json", "u2.json"], env());
    expect(again.code, again.stderr).to.equal(0);
    expect((await stacks("u2.json"))["initech"]!.transfer?.stage).to.equal("invited");
    expect(invitations()).to.have.length(1);
  });

  it("reports the customer's acceptance as drift in refresh, then makes the billing group, the Partner Central relationship and service period, the partner's view and its budget, once", async () => {
    aws.model.accept("rt-000000000001");
    const drift = await box.run(["refresh", "--partner", "initech", "--preview-only", "--expect-no-changes", "--json", "r.json"], env());
    expect(drift.code).to.equal(1);
    const initech = (await stacks("r.json"))["initech"]!;
    expect(initech.resources.filter((r) => r.type === "payerfleet:organizations:ResponsibilityTransfer").map((r) => [r.op, r.diffs.map((d) => [d.path, d.old, d.new])])).to.deep.equal([
      ["update", [["stage", '"invited"', '"accepted"']]],
    ]);
    expect(initech.error).to.equal("expected no changes, found: 1 resources drifted");
    // Accepted: the preview plans the billing group, and the partner's view and budget on the transfer's managed view.
    const plan = await box.run(["preview", "--partner", "initech", "--json", "a.json"], env());
    expect(plan.code, plan.stderr).to.equal(0);
    const planned = (await stacks("a.json"))["initech"]!;
    const managedView = `arn:aws:billing::${BTA}:billingview/billing_transfer-${CUSTOMER}`;
    expect(planned.resources.filter((r) => r.op === "create").map((r) => [r.type, r.properties])).to.deep.equal([
      ["payerfleet:billingconductor:BillingGroup", { name: "payerfleet-initech", responsibilityTransferArn: `arn:aws:organizations::${BTA}:responsibilitytransfer/o-bta/billing/inbound/rt-000000000001`, pricingPlanArn: "arn:aws:billingconductor::aws:pricingplan/BasicPricingPlan" }],
      ["payerfleet:partnercentral:Relationship", { associationType: "END_CUSTOMER", programManagementAccount: "pma-000000000001", associatedAccountId: CUSTOMER, displayName: "Initech", sector: "COMMERCIAL", resaleAccountModel: "END_CUSTOMER", supportPlan: "partnerLedSupport" }],
      ["payerfleet:partnercentral:ServicePeriod", { handshakeType: "START_SERVICE_PERIOD", servicePeriodType: "MINIMUM_NOTICE_PERIOD", minimumNoticeDays: 90 }],
      ["aws:billing/view:View", { description: `payerfleet: the costs of initech, billed by transfer from ${CUSTOMER}`, name: "payerfleet-initech", sourceViews: [managedView], tags: { "payerfleet:partner": "initech" } }],
      ["aws:budgets/budget:Budget", { billingViewArn: "[known after apply]", budgetType: "COST", limitAmount: "5000.00", limitUnit: "USD", name: "payerfleet-initech", timeUnit: "MONTHLY" }],
    ]);
    expect(aws.model.billingGroups).to.deep.equal([]);

    expect((await box.run(["up", "--partner", "initech", "--json", "a2.json"], env())).code).to.equal(0);
    const group = aws.model.billingGroups[0]!;
    expect([aws.model.billingGroups.length, group.Name, group.ComputationPreference.PricingPlanArn]).to.deep.equal([1, "payerfleet-initech", "arn:aws:billingconductor::aws:pricingplan/BasicPricingPlan"]);
    const recorded = (await stacks("a2.json"))["initech"]!.transfer!;
    expect([recorded.billingGroupArn, recorded.relationshipId]).to.deep.equal([group.Arn, aws.model.relationships[0]!.id]);
    const { clientToken: _, ...relationship } = aws.model.relationships[0]!;
    expect(relationship).to.deep.equal({
      id: recorded.relationshipId,
      arn: `arn:aws:partnercentral:us-east-1:${BTA}:catalog/AWS/relationship/${recorded.relationshipId}`,
      catalog: "AWS",
      programManagementAccountId: "pma-000000000001",
      associatedAccountId: CUSTOMER,
      associationType: "END_CUSTOMER",
      displayName: "Initech",
      sector: "COMMERCIAL",
      resaleAccountModel: "END_CUSTOMER",
      requestedSupportPlan: { partnerLedSupport: { coverage: "ENTIRE_ORGANIZATION", tamLocation: "eu-west-1" } },
    });
    // The service period, proposed on the relationship in the same run, awaits the customer.
    expect(aws.model.channelHandshakes.map((h) => [h.handshakeType, h.associatedResourceId, h.status, h.payload])).to.deep.equal([
      ["START_SERVICE_PERIOD", recorded.relationshipId, "PENDING", { startServicePeriodPayload: { programManagementAccountIdentifier: "pma-000000000001", servicePeriodType: "MINIMUM_NOTICE_PERIOD", minimumNoticeDays: "90", note: "payerfleet: the service period of the billing transfer" } }],
    ]);
    expect(recorded.summary).to.match(/; service period MINIMUM_NOTICE_PERIOD proposed \(ch-\d+\), awaiting the customer$/);
    const state = await readState(box.awsFile);
    const [view] = resourcesOf(state, "aws:billing/view:View", BTA);
    expect(view?.properties["sourceViews"]).to.deep.equal([managedView]);
    expect(resourcesOf(state, "aws:budgets/budget:Budget", BTA).map((b) => [b.properties["billingViewArn"], b.properties["limitAmount"]])).to.deep.equal([[view!.id, "5000.00"]]);
    // Every call signed for its own service by the bill-transfer account's role, the group with its transfer's ARN.
    expect([...new Set(aws.model.calls.map((c) => `${c.service} ${c.operation}`))].sort()).to.deep.equal([
      "billing ListBillingViews",
      "billingconductor /create-billing-group",
      "billingconductor /list-billing-groups",
      "billingconductor /list-pricing-plans",
      "organizations ListInboundResponsibilityTransfers",
      "organizations InviteOrganizationToTransferResponsibility",
      "servicequotas ListServiceQuotas",
      "partnercentral-channel CreateRelationship",
      "partnercentral-channel ListProgramManagementAccounts",
      "partnercentral-channel ListRelationships",
      "partnercentral-channel CreateChannelHandshake",
      "partnercentral-channel ListChannelHandshakes",
    ].sort());
    expect(new Set(aws.model.calls.map((c) => c.caller))).to.deep.equal(new Set([BTA]));
    // Nothing of the partner's was made anywhere but the bill-transfer account.
    expect(state.resources.filter((r) => r.account === CUSTOMER)).to.deep.equal([]);

    const clean = await box.run(["refresh", "--partner", "initech", "--preview-only", "--expect-no-changes", "--json", "r2.json"], env());
    expect(clean.code, clean.stdout).to.equal(0);
    expect((await stacks("r2.json"))["initech"]!.transfer?.stage).to.equal("accepted");
    // And nothing is left to do: no second group, no change to the view or the budget.
    const settled = await box.run(["preview", "--partner", "initech", "--expect-no-changes"], env());
    expect(settled.code, settled.stdout).to.equal(0);
    expect(aws.model.billingGroups).to.have.length(1);
    expect(aws.model.relationships).to.have.length(1);
    expect(aws.model.channelHandshakes).to.have.length(1);
  });

  it("fails only the transfer partner whose invitation AWS refuses, saying what to do, and runs the others", async () => {
    const other = await EngineSandbox.create();
    const refusing = await startFakeOrganizations();
    try {
      refusing.model.inboundQuota.set(BTA, 2);
      refusing.model.customers.set(CUSTOMER, { email: "aws-root@initech.example", legacyPermissions: true });
      await other.writeFleet(FLEET, parseInventory(FLEET, "inventory.yaml").inventory as Inventory);
      const up = await other.run(["up", "--json", "u.json"], { ...env(), AWS_ENDPOINT_URL: refusing.url });
      expect(up.code).to.equal(1);
      const report = Object.fromEntries((JSON.parse(await other.read("u.json")).stacks as StackJson[]).map((s) => [s.stack, [s.result, s.error]]));
      expect(report).to.deep.equal({
        hub: ["succeeded", null],
        acme: ["succeeded", null],
        globex: ["succeeded", null],
        initech: [
          "failed",
          "InviteOrganizationToTransferResponsibility refused (LEGACY_PERMISSIONS_STILL_IN_USE): the customer's organization still uses the retired aws-portal:* billing permissions: the customer replaces them with the fine-grained billing actions (bootstrap's checklist), then run up again",
        ],
      });
    } finally {
      await refusing.close();
      await other.remove();
    }
  });
});
