/**
 * AWS's limits on what payerfleet names and writes, three ways: the inventory that just fits
 * deploys on the real engine with the stand-in plugin (AWS's judge here); one character or one
 * principal more is a `validate` error at the field that breaks it, with the limit and the
 * figure; and, `validate` bypassed, the stand-in refuses it with AWS's own words.
 */
import { expect } from "chai";
import { partnerOf } from "../support/example.ts";
import { assumeRoleTrust } from "../../src/domain/iam/policy-document.ts";
import { managedPolicySize } from "../../src/domain/iam/policy-document.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import { EngineSandbox, realEngineMissing } from "../support/real-engine.ts";

const PAYER = "100000000001";
const admin = (i: number) => `arn:aws:iam::${PAYER}:role/acme-administrators-${String(i).padStart(3, "0")}`;

interface Shape {
  admins?: number;
  accountName?: string;
  accountEmail?: string;
  contactPhone?: string;
}

/** A one-partner fleet; the fields under test set as `shape` says. */
function fleet(shape: Shape): string {
  const admins = Array.from({ length: shape.admins ?? 1 }, (_, i) => `      - ${admin(i)}`);
  return [
    "distributor:",
    "  name: Example Distribution Ltd",
    "  emailDomains: [payers.distributor.example]",
    '  hub: { accountId: "210987654321", alertSubscriptions: [{ protocol: email, endpoint: soc@distributor.example }] }',
    "  automation: { principals: [arn:aws:iam::210987654321:role/payerfleet-ci] }",
    "  billingAdmins: [arn:aws:iam::210987654321:role/billing]",
    "partners:",
    "  - id: acme",
    "    name: Acme Corp",
    "    payer:",
    `      accountId: "${PAYER}"`,
    "      rootEmail: aws+acme@payers.distributor.example",
    "      custody: { mfaHolder: customer, primaryPhoneHolder: customer }",
    '      primaryContact: { fullName: Acme Root, phoneNumber: "+44 20 7946 0101" }',
    "      alternateContacts:",
    "        security:",
    "          name: Acme SOC",
    "          title: Security",
    "          emailAddress: soc@acme.example",
    `          phoneNumber: "${shape.contactPhone ?? "+44 20 7946 0102"}"`,
    "    partnerAdmins:",
    ...admins,
    "    linkedAccounts:",
    `      - name: "${shape.accountName ?? "acme-prod"}"`,
    `        email: ${shape.accountEmail ?? "aws-prod@acme.example"}`,
    "",
  ].join("\n");
}

/** The most partner admins whose trust policy fits IAM's 2,048 characters. */
function mostAdmins(): number {
  let n = 1;
  while (managedPolicySize(assumeRoleTrust(Array.from({ length: n + 1 }, (_, i) => admin(i)))) <= 2048) n++;
  return n;
}

/** The line of the first line of `text` that holds `needle`, 1-based. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

interface Case {
  readonly what: string;
  readonly fits: Shape;
  readonly over: Shape;
  /** The validate problem the one-more inventory gets: rule, the line's marker, field, message. */
  readonly problem: { rule: string; at: string; column: number; path: string; message: RegExp };
  /** What the stand-in says, as AWS does, when validation is bypassed. */
  readonly aws: RegExp;
}

const CASES: Case[] = [
  {
    what: "partner admins in the partner-admin role's trust policy",
    fits: { admins: mostAdmins() },
    over: { admins: mostAdmins() + 1 },
    problem: {
      rule: "trust-policy-too-large",
      at: `      - ${admin(0)}`,
      column: 7,
      path: "partners[0].partnerAdmins",
      message: new RegExp(`^the partner-admin role's trust policy for these ${mostAdmins() + 1} partner admins would be 20\\d\\d characters, over IAM's trust policy quota of 2048: list fewer principals`),
    },
    aws: /Cannot exceed quota for ACLSizePerRole: 2048/,
  },
  {
    what: "a linked account's name",
    fits: { accountName: "a".repeat(50) },
    over: { accountName: "a".repeat(51) },
    problem: { rule: "schema", at: "      - name:", column: 15, path: "partners[0].linkedAccounts[0].name", message: /^must be 1-50 printable ASCII characters, as AWS Organizations takes an account name$/ },
    aws: /Value 'a{51}' at 'accountName' failed to satisfy constraint: Member must have length less than or equal to 50/,
  },
  {
    what: "a linked account's e-mail",
    fits: { accountEmail: `${"a".repeat(64 - "@acme.example".length)}@acme.example` },
    over: { accountEmail: `${"a".repeat(65 - "@acme.example".length)}@acme.example` },
    problem: { rule: "schema", at: "        email:", column: 16, path: "partners[0].linkedAccounts[0].email", message: /^must be at most 64 characters$/ },
    aws: /Value 'a{52}@acme\.example' at 'email' failed to satisfy constraint: Member must have length less than or equal to 64/,
  },
  {
    what: "an alternate contact's phone",
    fits: { contactPhone: `+44 ${"2".repeat(21)}` },
    over: { contactPhone: `+44 ${"2".repeat(22)}` },
    problem: { rule: "schema", at: "          phoneNumber:", column: 24, path: "partners[0].payer.alternateContacts.security.phoneNumber", message: /^must be a phone number in international format of at most 25 characters/ },
    aws: /Value '\+44 2{22}' at 'phoneNumber' failed to satisfy constraint: Member must have length less than or equal to 25/,
  },
];

describe("AWS's limits on what payerfleet names and writes", function () {
  this.timeout(600_000);

  it("fits a partner id of 100 characters, the longest validate takes, into STS's 64-character session name", async function () {
    const missing = realEngineMissing();
    if (missing !== undefined) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    const box = await EngineSandbox.create();
    try {
      const id = `acme-${"x".repeat(95)}`;
      const text = fleet({}).replace("  - id: acme\n", `  - id: ${id}\n`);
      await box.writeFleet(text, parseInventory(text, "inventory.yaml").inventory as Inventory);
      const up = await box.run(["up", "--partner", id]);
      expect(up.code, up.stdout).to.equal(0);
    } finally {
      await box.remove();
    }
  });

  for (const c of CASES) {
    describe(c.what, () => {
      it("is a located validate error one past the limit, with the limit and the figure", () => {
        expect(parseInventory(fleet(c.fits), "fleet.yaml").problems.filter((p) => p.severity === "error")).to.deep.equal([]);
        const text = fleet(c.over);
        const errors = parseInventory(text, "fleet.yaml").problems.filter((p) => p.severity === "error");
        expect(errors.map((p) => [p.rule, p.line, p.column, p.path])).to.deep.equal([[c.problem.rule, lineOf(text, c.problem.at), c.problem.column, c.problem.path]]);
        expect(errors[0]!.message).to.match(c.problem.message);
      });

      it("deploys at the limit on the real engine, and AWS refuses one past it when validate is bypassed", async function () {
        const missing = realEngineMissing();
        if (missing !== undefined) {
          console.log(`      skipped: ${missing}`);
          this.skip();
        }
        const box = await EngineSandbox.create();
        try {
          const fits = fleet(c.fits);
          const inventory = parseInventory(fits, "inventory.yaml").inventory as Inventory;
          await box.writeFleet(fits, inventory);
          const up = await box.run(["up", "--partner", "acme"]);
          expect(up.code, up.stdout).to.equal(0);
          const over = parseInventory(fleet(c.over), "inventory.yaml");
          expect(over.inventory).to.equal(undefined);
          // The one-past inventory as data, as if validate had let it through.
          const bypassed = structuredClone(inventory);
          const acme = partnerOf(bypassed, "acme");
          if (c.over.admins !== undefined) acme.partnerAdmins = Array.from({ length: c.over.admins }, (_, i) => admin(i));
          if (c.over.accountName !== undefined) acme.linkedAccounts[0]!.name = c.over.accountName;
          if (c.over.accountEmail !== undefined) acme.linkedAccounts[0]!.email = c.over.accountEmail;
          if (c.over.contactPhone !== undefined) acme.payer.alternateContacts!.security!.phoneNumber = c.over.contactPhone;
          const refused = await box.upBypassingValidation(bypassed, "acme");
          expect(refused, refused).to.match(c.aws);
        } finally {
          await box.remove();
        }
      });
    });
  }
});
