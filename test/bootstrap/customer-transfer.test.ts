import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootstrapFiles, type BootstrapFile } from "../../src/bootstrap/bundle.ts";
import { bootstrapTarget } from "../../src/bootstrap/target.ts";
import { acceptTransferPolicy } from "../../src/domain/iam/accept-transfer.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import { payerfleet } from "../support/cli.ts";
import { TRANSFER_INVENTORY } from "../support/fixtures.ts";
import { evaluate, type RoleSession } from "../support/iam.ts";
import { runBootstrapScript } from "./run-script.ts";

const BTA = "310000000001";
const CUSTOMER = "400000000001";
const HANDSHAKE = "h-abcdefgh1234";
const inventory = parseInventory(TRANSFER_INVENTORY, "inventory.yaml").inventory as Inventory;
const files = (handshake?: string): BootstrapFile[] => bootstrapFiles(inventory, bootstrapTarget(inventory, "initech")!, handshake);
const named = (all: BootstrapFile[], name: string) => all.find((f) => f.name === name)!;

describe("bootstrap for a billing-transfer partner", () => {
  it("writes the bill-transfer account's automation role and the customer's checklist, and no custody ceremony", () => {
    const all = files();
    expect(all.map((f) => f.name)).to.deep.equal(["automation-role.cfn.yaml", "automation-trust-policy.json", "automation-permissions-policy.json", "bootstrap.sh", "customer-checklist.md"]);
    expect(named(all, "bootstrap.sh").content).to.include(`expected_account='${BTA}'`);
    const checklist = named(all, "customer-checklist.md").content;
    for (const line of [
      `| from | bill-transfer account \`${BTA}\` |`,
      `| to | management account \`${CUSTOMER}\` |`,
      "| the distributor pays from | `2027-01-01T00:00:00Z` |",
      "| accept before | `2026-12-31T00:00:00Z` (else the invitation expires and is sent again for a later month) |",
      "- [ ] All features are enabled in the organization",
      "- [ ] No policy still grants the retired `aws-portal:*` billing actions",
      "- [ ] No unused prepayment (advance pay) balance remains",
      "- [ ] **Back up first**: invoices and credit memos, Cost and Usage Report files, and Cost Explorer exports.",
      "- [ ] Turn split cost allocation data off",
      "`npx payerfleet bootstrap --partner initech --handshake h-...`",
    ]) {
      expect(checklist).to.include(line);
    }
  });

  it("given the invitation, adds a script that checks it is that invitation from that account, then accepts exactly it", async () => {
    const all = files(HANDSHAKE);
    expect(all.slice(5).map((f) => [f.name, f.executable])).to.deep.equal([["accept-transfer.sh", true], ["accept-transfer-policy.json", false]]);
    const open = { state: "TRANSFER_RESPONSIBILITY\tOPEN", fromExpected: true };
    const accepted = await runBootstrapScript(all, { account: CUSTOMER, roleExists: true, script: "accept-transfer.sh", handshake: open });
    expect(accepted.code, accepted.stderr).to.equal(0);
    expect(accepted.calls).to.deep.equal([
      ["sts", "get-caller-identity", "--query", "Account", "--output", "text"],
      ["organizations", "describe-handshake", "--handshake-id", HANDSHAKE, "--query", "Handshake.[Action, State]", "--output", "text"],
      ["organizations", "describe-handshake", "--handshake-id", HANDSHAKE, "--query", `length(Handshake.Parties[?Id=='${BTA}'])`, "--output", "text"],
      ["organizations", "accept-handshake", "--handshake-id", HANDSHAKE],
    ]);
    // Anywhere else, or any other invitation: nothing is accepted.
    for (const [account, handshake, message] of [
      [BTA, open, `run this in management account ${CUSTOMER}, not ${BTA}`],
      [CUSTOMER, { state: "INVITE\tOPEN", fromExpected: true }, `handshake ${HANDSHAKE} is not an open billing-transfer invitation: INVITE\tOPEN`],
      [CUSTOMER, { state: "TRANSFER_RESPONSIBILITY\tEXPIRED", fromExpected: true }, `handshake ${HANDSHAKE} is not an open billing-transfer invitation: TRANSFER_RESPONSIBILITY\tEXPIRED`],
      [CUSTOMER, { state: "TRANSFER_RESPONSIBILITY\tOPEN", fromExpected: false }, `handshake ${HANDSHAKE} does not come from bill-transfer account ${BTA}`],
    ] as const) {
      const refused = await runBootstrapScript(all, { account, roleExists: true, script: "accept-transfer.sh", handshake });
      expect([refused.code, refused.stderr.trim()]).to.deep.equal([1, message]);
      expect(refused.calls.some((c) => c[1] === "accept-handshake")).to.equal(false);
    }
  });

  it("grants the customer's administrator that handshake and nothing else, as IAM evaluates it", async () => {
    const session: RoleSession = {
      roleArn: `arn:aws:iam::${CUSTOMER}:role/initech-billing-admin`,
      sessionName: "admin",
      identityPolicies: [JSON.parse(named(files(HANDSHAKE), "accept-transfer-policy.json").content)],
    };
    expect(session.identityPolicies[0]).to.deep.equal(acceptTransferPolicy(CUSTOMER, HANDSHAKE));
    const handshake = (id: string) => `arn:aws:organizations::${CUSTOMER}:handshake/o-a1b2c3d4e5/transfer_responsibility/${id}`;
    const decisions = await Promise.all(
      [
        ["organizations:AcceptHandshake", handshake(HANDSHAKE)],
        ["organizations:DescribeHandshake", handshake(HANDSHAKE)],
        ["organizations:DescribeOrganization", "*"],
        ["iam:CreateServiceLinkedRole", `arn:aws:iam::${CUSTOMER}:role/aws-service-role/billing.amazonaws.com/AWSServiceRoleForBilling`],
        ["organizations:AcceptHandshake", handshake("h-zzzzzzzz9999")],
        ["organizations:AcceptHandshake", `arn:aws:organizations::${CUSTOMER}:handshake/o-a1b2c3d4e5/invite/${HANDSHAKE}`],
        ["organizations:DeclineHandshake", handshake(HANDSHAKE)],
        ["organizations:CancelHandshake", handshake(HANDSHAKE)],
        ["iam:CreateRole", `arn:aws:iam::${CUSTOMER}:role/anything`],
        ["organizations:LeaveOrganization", "*"],
      ].map(async ([action, resource]) => [action, resource!.split("/").at(-1), await evaluate(session, { action: action!, resource: resource! })]),
    );
    expect(decisions).to.deep.equal([
      ["organizations:AcceptHandshake", HANDSHAKE, "Allowed"],
      ["organizations:DescribeHandshake", HANDSHAKE, "Allowed"],
      ["organizations:DescribeOrganization", "*", "Allowed"],
      ["iam:CreateServiceLinkedRole", "AWSServiceRoleForBilling", "Allowed"],
      ["organizations:AcceptHandshake", "h-zzzzzzzz9999", "ImplicitlyDenied"],
      ["organizations:AcceptHandshake", HANDSHAKE, "ImplicitlyDenied"],
      ["organizations:DeclineHandshake", HANDSHAKE, "ImplicitlyDenied"],
      ["organizations:CancelHandshake", HANDSHAKE, "ImplicitlyDenied"],
      ["iam:CreateRole", "anything", "ImplicitlyDenied"],
      ["organizations:LeaveOrganization", "*", "ImplicitlyDenied"],
    ]);
  });

  it("refuses --handshake for a custody partner and a malformed one, exit 2, writing nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "payerfleet-bt-"));
    try {
      const file = join(dir, "inventory.yaml");
      await writeFile(file, TRANSFER_INVENTORY);
      const custody = await payerfleet(["bootstrap", "-i", file, "--partner", "acme", "--handshake", HANDSHAKE, "--out", join(dir, "out")]);
      expect([custody.code, custody.stderr]).to.deep.equal([2, "payerfleet bootstrap: --handshake is for billing-transfer partners: acme is a custody partner\n"]);
      const bad = await payerfleet(["bootstrap", "-i", file, "--partner", "initech", "--handshake", "h-UPPER"]);
      expect([bad.code, bad.stderr]).to.deep.equal([2, 'payerfleet bootstrap: --handshake "h-UPPER": must be a handshake id, h- and 8 to 32 lower-case letters and digits (the `handshakeId` of up\'s report)\nRun payerfleet bootstrap --help for usage.\n']);
      const { existsSync } = await import("node:fs");
      expect(existsSync(join(dir, "out"))).to.equal(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
