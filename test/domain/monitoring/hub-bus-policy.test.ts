import { expect } from "chai";
import { busPolicyCapacity, EVENT_BUS_POLICY_SIZE_LIMIT, hubBusPolicy, policyJson } from "../../../src/domain/monitoring/hub-bus-policy.ts";

const HUB = "210987654321";
/** Generated payer account ids, 12 digits each as AWS writes them. */
const payers = (count: number) => Array.from({ length: count }, (_, i) => String(100_000_000_000 + i * 7919));
const size = (count: number, region = "ap-southeast-5") => policyJson(hubBusPolicy(region, HUB, payers(count))).length;

// The longest commercial region name makes the largest policy.
const measured = size(500);

describe("the hub bus policy against EventBridge's policy size quota", () => {
  it(`admits 500 payers in ${measured} of ${EVENT_BUS_POLICY_SIZE_LIMIT} characters`, () => {
    expect(measured).to.be.at.most(EVENT_BUS_POLICY_SIZE_LIMIT);
    const policy = hubBusPolicy("ap-southeast-5", HUB, [...payers(500)].reverse());
    expect(policy.Statement[0]!.Condition!["StringEquals"]!["aws:PrincipalAccount"]).to.deep.equal(payers(500));
  });

  it("grows by 15 characters per payer, so the default quota admits exactly its capacity", () => {
    expect(size(501) - size(500)).to.equal(15);
    const capacity = busPolicyCapacity("ap-southeast-5", HUB);
    expect(size(capacity)).to.be.at.most(EVENT_BUS_POLICY_SIZE_LIMIT);
    expect(size(capacity + 1)).to.be.above(EVENT_BUS_POLICY_SIZE_LIMIT);
    expect(capacity).to.be.within(600, 700);
  });

  it("lists each payer once, whatever the inventory repeats", () => {
    expect(policyJson(hubBusPolicy("us-east-1", HUB, ["100000000002", "100000000001", "100000000002"]))).to.equal(
      policyJson(hubBusPolicy("us-east-1", HUB, ["100000000001", "100000000002"])),
    );
  });

  it("has room for no payer when the limit is below the policy's frame", () => {
    expect(busPolicyCapacity("us-east-1", HUB, 100)).to.equal(0);
    const frame = size(1, "us-east-1");
    expect(busPolicyCapacity("us-east-1", HUB, frame)).to.equal(1);
    expect(busPolicyCapacity("us-east-1", HUB, frame + 14)).to.equal(1);
    expect(busPolicyCapacity("us-east-1", HUB, frame + 15)).to.equal(2);
  });
});
