import { expect } from "chai";
import { parseInventory } from "../../src/inventory/load.ts";
import { BASE_INVENTORY, edit } from "../support/fixtures.ts";

/** A valid fleet of `n` monitored partners, with an optional hub quota. */
function fleet(n: number, quota?: number): string {
  const lines = [
    "distributor:",
    "  name: D",
    "  emailDomains: [payers.distributor.example]",
    "  hub:",
    '    accountId: "999999999999"',
    "    alertSubscriptions: [{ protocol: email, endpoint: soc@distributor.example }]",
    ...(quota === undefined ? [] : [`    eventBusPolicySizeLimit: ${quota}`]),
    "  automation: { principals: [arn:aws:iam::999999999999:role/ci] }",
    "  billingAdmins: [arn:aws:iam::999999999999:role/billing]",
    "  regions: [ap-southeast-1]",
    "partners:",
  ];
  for (let i = 0; i < n; i++) {
    const id = String(100_000_000_000 + i);
    lines.push(
      `  - id: p${i}`,
      `    name: P${i}`,
      "    payer:",
      `      accountId: "${id}"`,
      `      rootEmail: p${i}@payers.distributor.example`,
      "      custody: { mfaHolder: customer, primaryPhoneHolder: customer }",
      '      primaryContact: { phoneNumber: "+44 20 7946 0000" }',
      `    partnerAdmins: [arn:aws:iam::${id}:role/admin]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("size rules", () => {
  it("rejects a fleet whose hub bus policy would not fit EventBridge's quota, at distributor.hub", () => {
    const result = parseInventory(fleet(700), "big.yaml");
    expect(result.inventory).to.equal(undefined);
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]).to.include({ severity: "error", rule: "hub-bus-policy-too-large", line: 5, column: 5, path: "distributor.hub" });
    expect(result.problems[0]!.message).to.match(
      /^the hub's event bus policy for 700 payers would be \d+ characters, over the 10240 allowed: raise the EventBridge quota through Service Quotas and set eventBusPolicySizeLimit$/,
    );
  });

  it("accepts the same fleet once the quota is raised, and warns near the limit", () => {
    expect(parseInventory(fleet(700, 20_480), "big.yaml").problems).to.deep.equal([]);
    const near = parseInventory(fleet(620), "near.yaml");
    expect(near.inventory).to.not.equal(undefined);
    expect(near.problems.map((p) => [p.severity, p.rule, p.path])).to.deep.equal([["warning", "hub-bus-policy-near-limit", "distributor.hub"]]);
  });

  it("rejects guardrails that would push a partner's boundary past IAM's quota, at the partner's admins", () => {
    const buckets = Array.from({ length: 40 }, (_, i) => `distributor-billing-exports-archive-${String(i).padStart(3, "0")}`);
    const text = edit(BASE_INVENTORY, "  regions: [eu-west-1]\n", `  regions: [eu-west-1]\n  guardrails:\n    buckets: [${buckets.join(", ")}]\n`);
    const result = parseInventory(text, "fleet.yaml");
    expect(result.problems.map((p) => [p.rule, p.line, p.column, p.path])).to.deep.equal([
      ["boundary-too-large", 26, 20, "partners[0].partnerAdmins"],
      ["boundary-too-large", 43, 20, "partners[1].partnerAdmins"],
    ]);
    expect(result.problems[0]!.message).to.match(/^this partner's permissions boundary would be \d+ characters, over IAM's managed policy quota of 6144: shorten distributor.guardrails/);
  });
});
