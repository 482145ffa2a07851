import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { expect } from "chai";
import type { DesiredTransfer } from "../../src/domain/billing-transfer/lifecycle.ts";
import { TransferApi, TransferRefused } from "../../src/billing-transfer/organizations.ts";
import { InboundTransfers, reconcileTransfer } from "../../src/billing-transfer/reconcile.ts";
import { sourceName } from "../../src/domain/billing-transfer/lifecycle.ts";
import { startFakeOrganizations, type OrganizationsEndpoint } from "../support/fake-organizations/server.ts";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const BTA = "310000000001";
const CUSTOMER = "400000000001";
const WANTED: DesiredTransfer = { partner: "initech", managementAccountId: CUSTOMER, billTransferAccountId: BTA, startMonth: "2027-01" };

describe("the billing transfer lifecycle against Organizations", () => {
  let aws: OrganizationsEndpoint;
  let client: OrganizationsClient;
  let clock: Date;
  const api = () => new TransferApi(client);
  const run = (act: boolean, wanted = WANTED) => reconcileTransfer(new InboundTransfers(api()), wanted, { act, now: clock });

  beforeEach(async () => {
    aws = await startFakeOrganizations();
    clock = new Date("2026-11-29T12:00:00Z");
    aws.model.now = () => clock;
    aws.model.inboundQuota.set(BTA, 5);
    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    // The bill-transfer account's automation role: the only credentials the lifecycle has.
    client = new OrganizationsClient({ region: "us-east-1", endpoint: aws.url, maxAttempts: 1, credentials: { accessKeyId: `ASIA${BTA}FAKE`, secretAccessKey: "fake" } });
  });
  afterEach(async () => {
    client.destroy();
    await aws.close();
  });

  it("previews an invitation without sending one, then sends exactly one, and finds it again by its name", async () => {
    const preview = await run(false);
    expect([preview.stage, preview.step.kind, preview.acted, preview.summary]).to.deep.equal([
      "planned",
      "invite",
      false,
      "invite 400000000001 to transfer its bill to 310000000001 from 2027-01-01T00:00:00Z; the customer accepts by 2026-12-31T00:00:00Z",
    ]);
    expect(aws.model.calls.map((c) => c.operation)).to.deep.equal(["ListInboundResponsibilityTransfers"]);

    const up = await run(true);
    expect([up.stage, up.acted, up.sent]).to.deep.equal(["invited", true, { handshakeId: "h-000000000002", transferId: "rt-000000000001", month: "2027-01" }]);
    const sent = aws.model.calls.find((c) => c.operation === "InviteOrganizationToTransferResponsibility")!;
    expect(sent.caller).to.equal(BTA);
    expect(sent.input).to.deep.equal({
      Type: "BILLING",
      Target: { Id: CUSTOMER, Type: "ACCOUNT" },
      StartTimestamp: new Date("2027-01-01T00:00:00Z"),
      SourceName: "payerfleet initech",
      Notes: "payerfleet: billing transfer of partner initech, from 2027-01",
      Tags: [
        { Key: "payerfleet:partner", Value: "initech" },
        { Key: "payerfleet:start-month", Value: "2027-01" },
      ],
    });

    // A second up finds the invitation under its name and sends nothing: no client token needed.
    const again = await run(true);
    expect([again.stage, again.step.kind, again.acted, again.summary]).to.deep.equal([
      "invited",
      "wait",
      false,
      "invited to start 2027-01-01T00:00:00Z: the customer's management account 400000000001 must accept before 2026-12-31T00:00:00Z",
    ]);
    expect(aws.model.calls.filter((c) => c.operation === "InviteOrganizationToTransferResponsibility")).to.have.length(1);
  });

  it("follows every page of 20, empty pages with a NextToken included", async () => {
    aws.model.inboundQuota.set(BTA, 100);
    for (let i = 0; i < 45; i++) {
      const id = String(500000000000 + i);
      aws.model.customers.set(id, { email: `root@c${i}.example` });
      await api().invite({ sourceName: sourceName(`p${i}`), managementAccountId: id, month: "2027-01", partner: `p${i}` });
    }
    aws.model.emptyPages = 2;
    aws.model.calls.length = 0;
    const all = await api().inbound();
    expect(all.map((t) => t.name)).to.deep.equal(Array.from({ length: 45 }, (_, i) => `payerfleet p${i}`));
    // 3 real pages (20, 20, 5), each after 2 empty ones.
    expect(aws.model.calls.map((c) => (c.input as { NextToken?: string }).NextToken ?? "start")).to.deep.equal(["start", "e1:0", "e0:0", "e2:20", "e1:20", "e0:20", "e2:40", "e1:40", "e0:40"]);
    expect(aws.model.calls.every((c) => (c.input as { MaxResults: number }).MaxResults === 20)).to.equal(true);
  });

  it("waits once accepted until the start, then is active, and reports a withdrawal by the customer without inviting again", async () => {
    const sent = (await run(true)).sent!;
    aws.model.accept(sent.transferId);
    const accepted = await run(true);
    expect([accepted.stage, accepted.step.kind, accepted.summary]).to.deep.equal(["accepted", "wait", "accepted: the distributor pays from 2027-01-01T00:00:00Z"]);
    clock = new Date("2027-01-01T00:00:00Z");
    expect((await run(true)).stage).to.equal("active");
    clock = new Date("2027-02-10T09:00:00Z");
    aws.model.withdrawAsCustomer(sent.transferId, new Date("2027-03-31T23:59:59.999Z"));
    const withdrawing = await run(true);
    expect([withdrawing.stage, withdrawing.step.kind, withdrawing.acted]).to.deep.equal(["withdrawing", "report", false]);
    expect(withdrawing.summary).to.equal(
      "the transfer rt-000000000001 is withdrawn and ends 2027-03-31T23:59:59.999Z: a withdrawal cannot be undone; a new invitation needs a startMonth after it",
    );
    clock = new Date("2027-04-01T00:00:00Z");
    const ended = await run(true);
    expect([ended.stage, ended.acted]).to.deep.equal(["withdrawn", false]);
    expect(aws.model.calls.filter((c) => c.operation === "InviteOrganizationToTransferResponsibility")).to.have.length(1);
    // A later startMonth is the inventory asking for a new transfer: then, and only then, an invitation.
    const renewed = await run(true, { ...WANTED, startMonth: "2027-06" });
    expect([renewed.stage, renewed.sent?.month]).to.deep.equal(["invited", "2027-06"]);
  });

  it("re-plans an invitation that expired unaccepted for the first month still possible, saying which month to write", async () => {
    const sent = (await run(true)).sent!;
    clock = new Date("2026-12-31T00:00:00Z");
    const late = await run(true);
    expect(aws.model.transfers.get(sent.transferId)!.Status).to.equal("EXPIRED");
    expect([late.step.kind, late.sent?.month]).to.deep.equal(["invite", "2027-02"]);
    expect(late.summary).to.equal(
      'the invitation for 2027-01 expired unaccepted (deadline 2026-12-31T00:00:00Z): invited again for 2027-02; set startMonth to "2027-02". invited (rt-000000000003, handshake h-000000000004): 400000000001 to transfer its bill to 310000000001 from 2027-02-01T00:00:00Z; the customer accepts by 2027-01-31T00:00:00Z',
    );
    // Found under its name the next time: nothing is sent twice.
    expect((await run(true)).acted).to.equal(false);
  });

  it("reports a declined invitation and an expired one, and never invites again by itself", async () => {
    const sent = (await run(true)).sent!;
    aws.model.decline(sent.transferId);
    const declined = await run(true);
    expect([declined.stage, declined.acted, declined.summary]).to.deep.equal([
      "declined",
      false,
      "the transfer rt-000000000001 for 2027-01 is declined: payerfleet does not invite again by itself; set a later startMonth to send a new invitation",
    ]);
  });

  it("re-plans a start month whose deadline has already passed before the first invitation, and says which month to write", async () => {
    clock = new Date("2026-12-31T06:00:00Z");
    const up = await run(true);
    expect(up.sent?.month).to.equal("2027-02");
    expect(up.summary).to.match(/^startMonth 2027-01 cannot be accepted in time \(its deadline 2026-12-31T00:00:00Z has passed\): invited for 2027-02 instead; set startMonth to "2027-02"\. invited/);
  });

  it("turns each refusal into what the operator does, and sends nothing twice", async () => {
    const cases: [Partial<{ legacyPermissions: boolean; unusedPrepayment: boolean; otherSellerOfRecord: boolean; emailUnverified: boolean; allFeatures: boolean }>, string][] = [
      [{ legacyPermissions: true }, "InviteOrganizationToTransferResponsibility refused (LEGACY_PERMISSIONS_STILL_IN_USE): the customer's organization still uses the retired aws-portal:* billing permissions: the customer replaces them with the fine-grained billing actions (bootstrap's checklist), then run up again"],
      [{ unusedPrepayment: true }, "InviteOrganizationToTransferResponsibility refused (UNUSED_PREPAYMENT_BALANCE): the customer's organization has an unused prepayment (advance pay) balance: the customer uses it up or asks AWS to refund it, then run up again"],
      [{ otherSellerOfRecord: true }, "InviteOrganizationToTransferResponsibility refused (ORGANIZATION_FROM_DIFFERENT_SELLER_OF_RECORD): the customer's organization buys from another AWS seller of record (e.g. AWS Europe, AWS India) than the bill-transfer account: use a bill-transfer account of the same seller of record"],
      [{ emailUnverified: true }, "InviteOrganizationToTransferResponsibility refused (MANAGEMENT_ACCOUNT_EMAIL_NOT_VERIFIED): the customer's management account has not verified its root e-mail address: the customer verifies it in the console, then run up again"],
      [{ allFeatures: false }, "InviteOrganizationToTransferResponsibility refused (ORGANIZATION_NOT_IN_ALL_FEATURES_MODE): the customer's organization does not have all features enabled: the customer enables all features, then run up again"],
    ];
    for (const [flags, message] of cases) {
      aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example", ...flags });
      const err = await run(true).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TransferRefused);
      expect((err as Error).message).to.equal(message);
    }
    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    aws.model.inboundQuota.set(BTA, 0);
    expect(((await run(true).catch((e: unknown) => e)) as Error).message).to.equal(
      "InviteOrganizationToTransferResponsibility refused (RESPONSIBILITY_TRANSFER_MAX_INBOUND_QUOTA_VIOLATION): the bill-transfer account has no inbound billing transfers left (Service Quotas, us-east-1; the default is 0): request an increase, or move the partner to another bill-transfer account",
    );
    expect(aws.model.transfers.size).to.equal(0);
  });

  it("withdraws only at a month's end, once: a second withdrawal is refused", async () => {
    const sent = (await run(true)).sent!;
    aws.model.accept(sent.transferId);
    clock = new Date("2027-02-10T00:00:00Z");
    const withdrawn = await api().withdraw(sent.transferId, "2027-03");
    expect([withdrawn.status, withdrawn.end?.toISOString()]).to.deep.equal(["WITHDRAWN", "2027-03-31T23:59:59.999Z"]);
    const again = (await api().withdraw(sent.transferId, "2027-04").catch((e: unknown) => e)) as Error;
    expect(again.message).to.equal(
      "TerminateResponsibilityTransfer refused: InvalidResponsibilityTransferTransitionException: transfer rt-000000000001 is WITHDRAWN, already withdrawn: it cannot be withdrawn",
    );
  });

  it("reports a transfer under the partner's name that bills another account than the inventory's", async () => {
    await run(true);
    const moved = await run(true, { ...WANTED, managementAccountId: "400000000002" });
    expect([moved.step.kind, moved.acted, moved.summary]).to.deep.equal([
      "report",
      false,
      'transfer rt-000000000001 named "payerfleet initech" bills account 400000000001, not the inventory\'s 400000000002: correct managementAccountId, or end that transfer explicitly (payerfleet withdraw)',
    ]);
  });
});
