import { expect } from "chai";
import { partitionPayers, payerRuleName } from "../../../src/domain/monitoring/hub-layout.ts";
import { EVENT_PATTERN_SIZE_LIMIT, forwardEventPattern, patternJson, ROUTES } from "../../../src/domain/monitoring/event-patterns.ts";

const payers = (count: number) => Array.from({ length: count }, (_, i) => String(999_999_999_999 - i * 104_729));

describe("the hub's partitions", () => {
  it("puts no partition up for no payer, and one for a small fleet", () => {
    expect(partitionPayers([])).to.deep.equal([]);
    expect(partitionPayers(["100000000002", "100000000001"])).to.deep.equal([["100000000001", "100000000002"]]);
  });

  it("splits payers in account id order into balanced partitions of at most 90", () => {
    expect(partitionPayers(payers(90)).map((p) => p.length)).to.deep.equal([90]);
    expect(partitionPayers(payers(91)).map((p) => p.length)).to.deep.equal([46, 45]);
    const six = partitionPayers(payers(500));
    expect(six.map((p) => p.length)).to.deep.equal([84, 83, 83, 84, 83, 83]);
    expect(six.flat()).to.deep.equal([...payers(500)].sort());
  });

  it("ignores the inventory's order and repeated ids", () => {
    const ids = payers(200);
    expect(partitionPayers([...ids].reverse().concat(ids.slice(0, 5)))).to.deep.equal(partitionPayers(ids));
  });

  it("keeps each partition within the rule quota and each forwarding pattern within the pattern size quota", () => {
    for (const partition of partitionPayers(payers(1000))) {
      expect(partition.length * ROUTES.length).to.be.at.most(300);
      expect(patternJson(forwardEventPattern(partition)).length).to.be.at.most(EVENT_PATTERN_SIZE_LIMIT);
    }
  });

  it("refuses a partition size that would pass the quota of 300 rules per bus", () => {
    expect(() => partitionPayers(payers(3), 101)).to.throw("payersPerPartition must be a whole number from 1 to 100 (3 rules per payer, 300 rules per bus); got 101");
    expect(() => partitionPayers(payers(3), 0)).to.throw("got 0");
  });

  it("names every payer rule within EventBridge's 64 characters", () => {
    for (const route of ROUTES) expect(payerRuleName("999999999999", route.key).length).to.be.at.most(64);
  });
});
