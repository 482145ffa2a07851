import { expect } from "chai";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { passingApi } from "./fake-api.ts";
import { runAudit } from "../../src/cli/audit/run.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import { custodyPartners, type Inventory } from "../../src/inventory/schema.ts";
import { startFakeOrganizations, type OrganizationsEndpoint } from "../support/fake-organizations/server.ts";
import { TRANSFER_INVENTORY } from "../support/fixtures.ts";
import { memoryIo } from "../support/io.ts";
import { sourceName } from "../../src/domain/billing-transfer/lifecycle.ts";
import { MANAGED_PLAN_ARNS } from "../support/fake-organizations/model.ts";

const BTA = "310000000001";
const CUSTOMER = "400000000001";

describe("audit of billing-transfer partners, read-only from the bill-transfer account", () => {
  let aws: OrganizationsEndpoint;
  let dir: string;
  let file: string;
  let inventory: Inventory;
  let now: Date;

  /** Audits the mixed fleet: custody partners through a passing payer API, transfers through the fake. */
  async function audit(): Promise<{ code: number; report: { summary: unknown; partners: { partner: string; accountId: string; model?: string; result: string; checks: { id: string; status: string; detail: string }[] }[] }; table: string }> {
    const io = memoryIo({ cwd: dir, env: { AWS_ENDPOINT_URL: aws.url, AWS_ACCESS_KEY_ID: "ASIA210987654321FAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1" } });
    const code = await runAudit({ inventory: file, partners: [], concurrency: 2, maxAttempts: 1, json: "a.json" }, io, {
      connect: async (p) => ({ api: passingApi(inventory, p), close: () => {} }),
      now: () => now,
    });
    const { readFile } = await import("node:fs/promises");
    return { code, report: JSON.parse(await readFile(join(dir, "a.json"), "utf8")), table: io.out() };
  }
  const transfer = async () => (await audit()).report.partners.find((p) => p.partner === "initech")!;

  // The SDK reads its ambient credentials and endpoint from the process's environment, as the CLI's.
  const AMBIENT = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_PROFILE", "AWS_SESSION_TOKEN"] as const;
  let saved: Partial<Record<(typeof AMBIENT)[number], string>>;

  beforeEach(async () => {
    process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";
    aws = await startFakeOrganizations();
    now = new Date("2026-11-29T12:00:00Z");
    saved = Object.fromEntries(AMBIENT.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])));
    for (const k of AMBIENT) delete process.env[k];
    Object.assign(process.env, { AWS_ENDPOINT_URL: aws.url, AWS_ACCESS_KEY_ID: "ASIA210987654321FAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1" });
    aws.model.now = () => now;
    aws.model.inboundQuota.set(BTA, 2);
    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    dir = await mkdtemp(join(tmpdir(), "payerfleet-transfer-audit-"));
    file = join(dir, "inventory.yaml");
    await writeFile(file, TRANSFER_INVENTORY);
    inventory = parseInventory(TRANSFER_INVENTORY, file).inventory!;
  });
  afterEach(async () => {
    for (const k of AMBIENT) delete process.env[k];
    Object.assign(process.env, saved);
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("fails a partner with no transfer yet, naming how to invite, beside passing custody partners in inventory order", async () => {
    const { code, report } = await audit();
    expect(code).to.equal(1);
    expect(report.partners.map((p) => [p.partner, p.accountId, p.model ?? "custody", p.result])).to.deep.equal([
      ["acme", "100000000001", "custody", "pass"],
      ["globex", "100000000002", "custody", "pass"],
      ["initech", CUSTOMER, "transfer", "fail"],
    ]);
    expect(report.partners[2]!.checks).to.deep.equal([
      { id: "billing-transfer", status: "fail", detail: `no transfer named "payerfleet initech" in bill-transfer account ${BTA}: run payerfleet up --partner initech to invite` },
      { id: "billing-transfer-start", status: "could-not-check", detail: "no transfer" },
      { id: "billing-group", status: "could-not-check", detail: "no transfer" },
      { id: "billing-views", status: "could-not-check", detail: "no transfer" },
      { id: "partner-central-relationship", status: "could-not-check", detail: "no transfer" },
      { id: "service-period", status: "could-not-check", detail: "no transfer" },
    ]);
    expect(custodyPartners(inventory)).to.have.length(2);
    // Read-only: one list, no invitation.
    expect(aws.model.calls.map((c) => c.operation)).to.deep.equal(["ListInboundResponsibilityTransfers"]);
  });

  it("passes an accepted transfer with its billing group and managed views, and fails each fact that does not hold", async () => {
    const { Handshake } = aws.model.handle("InviteOrganizationToTransferResponsibility", BTA, { Type: "BILLING", Target: { Id: CUSTOMER, Type: "ACCOUNT" }, StartTimestamp: new Date("2027-01-01T00:00:00Z"), SourceName: sourceName("initech") }) as { Handshake: { Resources: { Value: string }[] } };
    const id = Handshake.Resources[0]!.Value;
    const invited = await transfer();
    expect(invited.checks.slice(0, 2)).to.deep.equal([
      { id: "billing-transfer", status: "fail", detail: `invited, not accepted yet (${id}, from ${CUSTOMER} to ${BTA}): the customer accepts by 2026-12-31T00:00:00Z` },
      { id: "billing-transfer-start", status: "pass", detail: "starts 2027-01-01T00:00:00Z, as the inventory says" },
    ]);
    aws.model.accept(id);
    const arn = aws.model.transfers.get(id)!.Arn!;
    const noGroup = await transfer();
    expect(noGroup.checks.map((c) => [c.id, c.status])).to.deep.equal([["billing-transfer", "pass"], ["billing-transfer-start", "pass"], ["billing-group", "fail"], ["billing-views", "pass"], ["partner-central-relationship", "fail"], ["service-period", "could-not-check"]]);
    expect(noGroup.checks[4]!.detail).to.equal(`${BTA} is not a program management account in Partner Central (catalog AWS)`);
    aws.model.programManagementAccounts.set(BTA, "pma-1");
    expect((await transfer()).checks[4]!.detail).to.equal(`no END_CUSTOMER relationship with ${CUSTOMER} in pma-1: run payerfleet up --partner initech`);
    aws.model.handle("CreateRelationship", BTA, { catalog: "AWS", programManagementAccountIdentifier: "pma-1", associatedAccountId: CUSTOMER, associationType: "END_CUSTOMER", displayName: "Initech", sector: "COMMERCIAL" });
    const relationshipId = aws.model.relationships[0]!.id;
    expect((await transfer()).checks[5]).to.deep.equal({ id: "service-period", status: "fail", detail: `no MINIMUM_NOTICE_PERIOD proposed on relationship ${relationshipId}: run payerfleet up --partner initech` });
    aws.model.handle("CreateChannelHandshake", BTA, { catalog: "AWS", handshakeType: "START_SERVICE_PERIOD", associatedResourceIdentifier: relationshipId, payload: { startServicePeriodPayload: { servicePeriodType: "MINIMUM_NOTICE_PERIOD" } } });
    const pending = (await transfer()).checks[5]!;
    expect([pending.status, pending.detail]).to.deep.equal(["fail", `MINIMUM_NOTICE_PERIOD ${aws.model.channelHandshakes[0]!.id} is pending: the customer has not accepted it`]);
    aws.model.channelHandshakes[0]!.status = "ACCEPTED";
    aws.model.handle("/create-billing-group", BTA, { Name: "payerfleet-initech", AccountGrouping: { ResponsibilityTransferArn: arn }, ComputationPreference: { PricingPlanArn: MANAGED_PLAN_ARNS.Passthrough } });
    const wrongPlan = await transfer();
    expect(wrongPlan.checks[2]).to.deep.equal({ id: "billing-group", status: "fail", detail: `payerfleet-initech prices with ${MANAGED_PLAN_ARNS.Passthrough}, the inventory says basic (${MANAGED_PLAN_ARNS.BasicPricingPlan})` });
    aws.model.billingGroups[0]!.ComputationPreference.PricingPlanArn = MANAGED_PLAN_ARNS.BasicPricingPlan;
    const { code, report } = await audit();
    expect(code).to.equal(0);
    expect(report.partners[2]!.checks).to.deep.equal([
      { id: "billing-transfer", status: "pass", detail: `accepted (${id}, from ${CUSTOMER} to ${BTA}): the distributor pays from 2027-01-01T00:00:00Z` },
      { id: "billing-transfer-start", status: "pass", detail: "starts 2027-01-01T00:00:00Z, as the inventory says" },
      { id: "billing-group", status: "pass", detail: `payerfleet-initech (${aws.model.billingGroups[0]!.Arn}) bound to ${id}, pricing plan ${MANAGED_PLAN_ARNS.BasicPricingPlan}` },
      { id: "billing-views", status: "pass", detail: `arn:aws:billing::${BTA}:billingview/billing_transfer-${CUSTOMER} (managed views outlive a withdrawal: the transfer's status above is the proof)` },
      { id: "partner-central-relationship", status: "pass", detail: `relationship ${aws.model.relationships[0]!.id} with ${CUSTOMER} in pma-1, sector COMMERCIAL` },
      { id: "service-period", status: "pass", detail: `MINIMUM_NOTICE_PERIOD in force (${aws.model.channelHandshakes[0]!.id})` },
    ]);
    // A withdrawal by the customer is a fail, though the managed views remain.
    now = new Date("2027-02-10T00:00:00Z");
    aws.model.withdrawAsCustomer(id, new Date("2027-02-28T23:59:59.999Z"));
    const withdrawn = (await audit()).report.partners[2]!;
    expect([withdrawn.result, withdrawn.checks[0]!.status]).to.deep.equal(["fail", "fail"]);
    expect(withdrawn.checks[0]!.detail).to.match(/^withdrawing \(rt-\d+, from 400000000001 to 310000000001\), ends 2027-02-28T23:59:59.999Z: /);
    // Every call but the test's own setup was a read.
    expect(aws.model.calls.filter((c) => !/^(\/)?(List|list-)/.test(c.operation)).map((c) => c.operation)).to.deep.equal([
      "InviteOrganizationToTransferResponsibility",
      "CreateRelationship",
      "CreateChannelHandshake",
      "/create-billing-group",
    ]);
  });
});
