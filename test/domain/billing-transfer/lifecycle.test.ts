import { expect } from "chai";
import { currentTransfer, nextStep, stageOf, type DesiredTransfer, type ObservedTransfer } from "../../../src/domain/billing-transfer/lifecycle.ts";

const WANTED: DesiredTransfer = { partner: "initech", managementAccountId: "400000000001", billTransferAccountId: "310000000001", startMonth: "2027-01" };
const transfer = (over: Partial<ObservedTransfer>): ObservedTransfer => ({
  id: "rt-1",
  name: "payerfleet initech",
  status: "REQUESTED",
  sourceAccountId: "400000000001",
  targetAccountId: "310000000001",
  start: new Date("2027-01-01T00:00:00Z"),
  handshakeId: "h-1",
  ...over,
});
const at = (iso: string) => new Date(iso);

describe("the billing transfer lifecycle", () => {
  it("names each stage from AWS's status, the start and the end", () => {
    const cases: [Partial<ObservedTransfer> | undefined, string, string][] = [
      [undefined, "2026-11-29T00:00:00Z", "planned"],
      [{}, "2026-11-29T00:00:00Z", "invited"],
      [{ status: "ACCEPTED" }, "2026-12-31T23:59:59.999Z", "accepted"],
      [{ status: "ACCEPTED" }, "2027-01-01T00:00:00Z", "active"],
      [{ status: "ACCEPTED", end: at("2027-03-31T23:59:59.999Z") }, "2027-02-01T00:00:00Z", "withdrawing"],
      [{ status: "WITHDRAWN", end: at("2027-03-31T23:59:59.999Z") }, "2027-03-31T23:59:59.999Z", "withdrawing"],
      [{ status: "WITHDRAWN", end: at("2027-03-31T23:59:59.999Z") }, "2027-04-01T00:00:00Z", "withdrawn"],
      [{ status: "ACCEPTED", end: at("2027-03-31T23:59:59.999Z") }, "2027-04-01T00:00:00Z", "ended"],
      [{ status: "DECLINED" }, "2026-11-29T00:00:00Z", "declined"],
      [{ status: "CANCELED" }, "2026-11-29T00:00:00Z", "cancelled"],
      [{ status: "EXPIRED" }, "2026-12-31T00:00:00Z", "expired"],
    ];
    expect(cases.map(([t, now]) => stageOf(t && transfer(t), at(now)))).to.deep.equal(cases.map(([, , stage]) => stage));
  });

  it("cancels and re-sends an invitation still open past payerfleet's deadline", () => {
    expect(nextStep(WANTED, transfer({}), at("2026-12-31T00:00:00Z"))).to.deep.equal({
      kind: "reinvite",
      handshakeId: "h-1",
      month: "2027-02",
      deadline: at("2027-01-31T00:00:00Z"),
      reason: "the customer did not accept before 2026-12-31T00:00:00Z, the deadline for 2027-01: invitation h-1 is cancelled and sent again for 2027-02",
    });
  });

  it("re-sends an open invitation when the inventory moves its month, and reports when AWS names no handshake to cancel", () => {
    expect(nextStep({ ...WANTED, startMonth: "2027-03" }, transfer({}), at("2026-11-29T00:00:00Z"))).to.deep.include({ kind: "reinvite", month: "2027-03" });
    const { handshakeId: _, ...noHandshake } = transfer({});
    expect(nextStep({ ...WANTED, startMonth: "2027-03" }, noHandshake, at("2026-11-29T00:00:00Z"))).to.deep.equal({
      kind: "report",
      problem: "the inventory now asks for 2027-03 instead of 2027-01, and AWS names no open handshake of transfer rt-1 to cancel: cancel it in the console, then run up again",
    });
  });

  it("never changes an accepted transfer's start: it says which month to write back", () => {
    expect(nextStep({ ...WANTED, startMonth: "2027-02" }, transfer({ status: "ACCEPTED" }), at("2027-01-15T00:00:00Z"))).to.deep.equal({
      kind: "report",
      problem: 'the transfer rt-1 was accepted to start 2027-01; an accepted transfer\'s start cannot change: set startMonth back to "2027-01"',
    });
    expect(nextStep(WANTED, transfer({ status: "ACCEPTED" }), at("2027-01-15T00:00:00Z"))).to.deep.equal({ kind: "none" });
  });

  it("picks the live transfer among those under the partner's name, else the latest", () => {
    const old = transfer({ id: "rt-old", status: "DECLINED", start: at("2026-10-01T00:00:00Z") });
    const live = transfer({ id: "rt-live", status: "ACCEPTED", start: at("2026-12-01T00:00:00Z") });
    const later = transfer({ id: "rt-later", status: "CANCELED", start: at("2027-05-01T00:00:00Z") });
    expect(currentTransfer([old, live, later], at("2026-12-15T00:00:00Z"))?.id).to.equal("rt-live");
    expect(currentTransfer([old, later], at("2026-12-15T00:00:00Z"))?.id).to.equal("rt-later");
    expect(currentTransfer([], at("2026-12-15T00:00:00Z"))).to.equal(undefined);
  });
});
