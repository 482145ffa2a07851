import { expect } from "chai";
import fc from "fast-check";
import { conductorMonthlyUsd } from "../../../src/domain/billing-transfer/conductor-pricing.ts";

describe("Billing Conductor's monthly charge", () => {
  it("bills the first 500 accounts at $8.25, the next 1,500 at $6.75 and the rest at $5.25", () => {
    const cases: [number, number][] = [
      [0, 0],
      [1, 8.25],
      [3, 24.75], // AWS's own example: 3 accounts, $24.75
      [500, 4125],
      [501, 4131.75],
      [1400, 10200], // AWS's own example: 1,400 accounts, $10,200
      [2000, 14250],
      [2001, 14255.25],
    ];
    expect(cases.map(([n]) => conductorMonthlyUsd(n))).to.deep.equal(cases.map(([, usd]) => usd));
  });

  it("grows by the tier's price for each account added, never less", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const step = Math.round((conductorMonthlyUsd(n + 1) - conductorMonthlyUsd(n)) * 100) / 100;
        expect(step).to.equal(n < 500 ? 8.25 : n < 2000 ? 6.75 : 5.25);
      }),
    );
  });
});
