import { expect } from "chai";
import fc from "fast-check";
import {
  acceptanceDeadline,
  addMonths,
  canStartIn,
  earliestStart,
  isMonth,
  isMonthEnd,
  isMonthStart,
  monthOf,
  transferStart,
  utc,
  withdrawalEnd,
  type Month,
} from "../../../src/domain/billing-transfer/calendar.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Zones with odd offsets, both sides of UTC and of the date line, with and without summer time. */
const ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "Europe/London"];

const month = fc.record({ year: fc.integer({ min: 1970, max: 2400 }), index: fc.integer({ min: 1, max: 12 }) }).map(({ year, index }) => `${year}-${String(index).padStart(2, "0")}` as Month);
const instant = fc.date({ min: new Date("1970-02-01T00:00:00Z"), max: new Date("2400-11-30T00:00:00Z"), noInvalidDate: true });

/** Runs `body` with the process's time zone set to `zone`, restoring it after. */
function inZone<T>(zone: string, body: () => T): T {
  const saved = process.env["TZ"];
  process.env["TZ"] = zone;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env["TZ"];
    else process.env["TZ"] = saved;
  }
}

describe("the billing transfer calendar", () => {
  it("starts a transfer at 00:00:00.000 UTC on the first day of its month, and ends a withdrawal one millisecond before the next", () => {
    fc.assert(
      fc.property(month, (m) => {
        const start = transferStart(m);
        expect(start.toISOString()).to.equal(`${m}-01T00:00:00.000Z`);
        expect(isMonthStart(start)).to.equal(true);
        expect(monthOf(start)).to.equal(m);
        const end = withdrawalEnd(m);
        expect(isMonthEnd(end)).to.equal(true);
        expect(monthOf(end)).to.equal(m);
        expect(end.getTime() + 1).to.equal(transferStart(addMonths(m, 1)).getTime());
        expect(end.toISOString().slice(11)).to.equal("23:59:59.999Z");
      }),
    );
  });

  it("sets the acceptance deadline at 00:00 UTC on the last day of the month before the start", () => {
    fc.assert(
      fc.property(month, (m) => {
        const deadline = acceptanceDeadline(m);
        expect(deadline.getTime() + DAY).to.equal(transferStart(m).getTime());
        expect(monthOf(deadline)).to.equal(addMonths(m, -1));
        expect(deadline.toISOString().slice(11)).to.equal("00:00:00.000Z");
      }),
    );
  });

  it("knows every month length: 28, 29 (leap years, not 1900-style centuries), 30 and 31 days", () => {
    const lastDay = (m: Month) => withdrawalEnd(m).getUTCDate();
    expect((["2023-02", "2024-02", "2100-02", "2000-02", "2027-04", "2027-01", "2027-12"] as Month[]).map(lastDay)).to.deep.equal([28, 29, 28, 29, 30, 31, 31]);
    expect(utc(acceptanceDeadline("2024-03"))).to.equal("2024-02-29T00:00:00Z");
    expect(utc(acceptanceDeadline("2027-01"))).to.equal("2026-12-31T00:00:00Z");
    expect(utc(withdrawalEnd("2028-02"))).to.equal("2028-02-29T23:59:59.999Z");
  });

  it("offers the first month whose deadline is still ahead, and never an earlier one", () => {
    fc.assert(
      fc.property(instant, (now) => {
        const first = earliestStart(now);
        expect(canStartIn(first, now)).to.equal(true);
        expect(canStartIn(addMonths(first, -1), now)).to.equal(false);
        expect(first > monthOf(now)).to.equal(true);
        // At most two months ahead: next month, or the one after once its deadline has passed.
        expect([addMonths(monthOf(now), 1), addMonths(monthOf(now), 2)]).to.include(first);
      }),
    );
    expect(earliestStart(new Date("2026-12-30T23:59:59.999Z"))).to.equal("2027-01");
    expect(earliestStart(new Date("2026-12-31T00:00:00.000Z"))).to.equal("2027-02");
  });

  it("gives the same answers in every time zone of the machine", () => {
    fc.assert(
      fc.property(month, instant, fc.constantFrom(...ZONES), (m, now, zone) => {
        const answers = () => [transferStart(m).getTime(), acceptanceDeadline(m).getTime(), withdrawalEnd(m).getTime(), monthOf(now), earliestStart(now), addMonths(m, 13)];
        expect(inZone(zone, answers)).to.deep.equal(inZone("UTC", answers));
      }),
      { numRuns: 300 },
    );
  });

  it("reads months written YYYY-MM only, 01 to 12", () => {
    expect(["2027-01", "2027-12", "1970-01"].map(isMonth)).to.deep.equal([true, true, true]);
    expect(["2027-1", "2027-13", "2027-00", "27-01", "2027-01-01", "1969-12", " 2027-01"].map(isMonth)).to.deep.equal([false, false, false, false, false, false, false]);
    expect(() => transferStart("2027-13" as Month)).to.throw(RangeError, "not a month (YYYY-MM): 2027-13");
  });
});
