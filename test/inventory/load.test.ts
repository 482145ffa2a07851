import { expect } from "chai";
import { parseInventory } from "../../src/inventory/load.ts";
import { AWS_REGIONS } from "../../src/domain/regions.ts";
import { BASE_INVENTORY, edit } from "../support/fixtures.ts";

const FILE = "fleet.yaml";

interface Expected {
  severity?: "error" | "warning";
  rule: string;
  line: number;
  column: number;
  path: string;
  message: string;
  value?: string;
}

interface Case {
  name: string;
  text: string;
  expect: Expected;
}

const replace = (from: string, to: string) => edit(BASE_INVENTORY, from, to);

/** One failing input per rule, each producing exactly one problem. Line numbers refer to BASE_INVENTORY. */
const CASES: Case[] = [
  {
    name: "a duplicate YAML key",
    text: replace("    name: Acme Corp\n", "    name: Acme Corp\n    name: Acme again\n"),
    expect: { rule: "yaml", line: 16, column: 5, path: "", message: "YAML: Map keys must be unique" },
  },
  {
    name: "an account id YAML reads as a number",
    text: replace('accountId: "100000000001"', "accountId: 010000000001"),
    expect: {
      rule: "schema",
      line: 17,
      column: 18,
      path: "partners[0].payer.accountId",
      value: "010000000001",
      message: 'must be a quoted string: YAML reads the unquoted 010000000001 as the number 10000000001; write "010000000001"',
    },
  },
  {
    name: "an account id of 11 digits",
    text: replace('"210987654321"', '"21098765432"'),
    expect: {
      rule: "schema",
      line: 5,
      column: 16,
      path: "distributor.hub.accountId",
      value: '"21098765432"',
      message: "must be an AWS account id: exactly 12 digits, quoted",
    },
  },
  {
    name: "an unknown key, with the key it was probably meant to be",
    text: replace("        ou: Workloads/Prod", "        OU: Workloads/Prod"),
    expect: {
      rule: "unknown-key",
      line: 29,
      column: 9,
      path: "partners[0].linkedAccounts[0].OU",
      message: 'unknown key "OU": did you mean "ou"? allowed here: name, email, ou, accountId',
    },
  },
  {
    name: "a missing required field, reported at the map that lacks it",
    text: replace("    name: Globex\n", ""),
    expect: { rule: "schema", line: 31, column: 5, path: "partners[1].name", message: "is required" },
  },
  {
    name: "a value outside an enum",
    text: replace("        mfaHolder: customer\n        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: \"+44", "        mfaHolder: partner\n        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: \"+44"),
    expect: {
      rule: "schema",
      line: 20,
      column: 20,
      path: "partners[0].payer.custody.mfaHolder",
      value: "partner",
      message: "must be one of: customer, distributor",
    },
  },
  {
    name: "a malformed e-mail",
    text: replace("aws-prod@globex.example", "aws-prod-at-globex.example"),
    expect: {
      rule: "schema",
      line: 44,
      column: 16,
      path: "partners[1].linkedAccounts[0].email",
      value: "aws-prod-at-globex.example",
      message: "must be an e-mail address",
    },
  },
  {
    name: "a principal that is not an IAM ARN",
    text: replace("[arn:aws:iam::100000000002:role/globex-admins]", "[globex-admins]"),
    expect: {
      rule: "schema",
      line: 41,
      column: 21,
      path: "partners[1].partnerAdmins[0]",
      value: "globex-admins",
      message: "must be an IAM principal ARN: arn:aws:iam::<12 digits>:role/NAME, user/NAME or root",
    },
  },
  {
    name: "a scalar where a list belongs",
    text: replace("regions: [eu-west-1]", "regions: eu-west-1"),
    expect: { rule: "schema", line: 12, column: 12, path: "distributor.regions", value: "eu-west-1", message: "must be a list, not a string" },
  },
  {
    name: "an empty list that needs an item",
    text: replace("emailDomains: [payers.distributor.example]", "emailDomains: []"),
    expect: { rule: "schema", line: 3, column: 17, path: "distributor.emailDomains", message: "must list at least 1 item" },
  },
  {
    name: "a partner id that is not a valid stack name",
    text: replace("id: globex", "id: globex inc"),
    expect: {
      rule: "schema",
      line: 31,
      column: 9,
      path: "partners[1].id",
      value: "globex inc",
      message: "must be a valid Pulumi stack name: 1-100 of letters, digits, '-', '_' and '.'",
    },
  },
  {
    name: "a duplicate partner id, compared without case",
    text: replace("id: globex", "id: ACME"),
    expect: {
      rule: "duplicate-partner-id",
      line: 31,
      column: 9,
      path: "partners[1].id",
      value: "ACME",
      message: 'partner id "ACME" must be unique across the fleet: already used at partners[0].id (line 14)',
    },
  },
  {
    name: "the reserved hub stack name",
    text: replace("id: globex", "id: hub"),
    expect: {
      rule: "reserved-stack-name",
      line: 31,
      column: 9,
      path: "partners[1].id",
      value: "hub",
      message: '"hub" is reserved for the root-activity hub stack; choose another partner id',
    },
  },
  {
    name: "a linked account id that is another partner's payer",
    text: replace('accountId: "300000000001"', 'accountId: "100000000002"'),
    expect: {
      rule: "duplicate-account-id",
      line: 34,
      column: 18,
      path: "partners[1].payer.accountId",
      value: '"100000000002"',
      message: "account id 100000000002 must be unique across the fleet: already used at partners[0].linkedAccounts[0].accountId (line 30)",
    },
  },
  {
    name: "a payer that is the distributor's hub account",
    text: replace('accountId: "100000000001"', 'accountId: "210987654321"'),
    expect: {
      rule: "duplicate-account-id",
      line: 17,
      column: 18,
      path: "partners[0].payer.accountId",
      value: '"210987654321"',
      message: "account id 210987654321 must be unique across the fleet: already used at distributor.hub.accountId (line 5)",
    },
  },
  {
    name: "a duplicate e-mail in another partner, compared without case",
    text: replace("aws-prod@globex.example", "AWS-Prod@Acme.example"),
    expect: {
      rule: "duplicate-email",
      line: 44,
      column: 16,
      path: "partners[1].linkedAccounts[0].email",
      value: "AWS-Prod@Acme.example",
      message: "e-mail AWS-Prod@Acme.example must be unique across the fleet: already used at partners[0].linkedAccounts[0].email (line 28)",
    },
  },
  {
    name: "a payer root e-mail off the distributor's domains",
    text: replace("aws+globex@payers.distributor.example", "aws+globex@globex.example"),
    expect: {
      rule: "payer-email-domain",
      line: 35,
      column: 18,
      path: "partners[1].payer.rootEmail",
      value: "aws+globex@globex.example",
      message: "the payer's root e-mail must be on one of the distributor's domains (payers.distributor.example), which AWS support cross-checks",
    },
  },
  {
    name: "a linked-account e-mail on a subdomain of the distributor's (ECAM breach)",
    text: replace("aws-prod@globex.example", "aws-prod@eu.payers.distributor.example"),
    expect: {
      rule: "linked-email-domain",
      line: 44,
      column: 16,
      path: "partners[1].linkedAccounts[0].email",
      value: "aws-prod@eu.payers.distributor.example",
      message: "a linked account belongs to the customer (ECAM): its e-mail must not be on the distributor's domains (payers.distributor.example)",
    },
  },
  {
    name: "the distributor holding the root MFA",
    text: replace("        mfaHolder: customer\n        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: \"+1", "        mfaHolder: distributor\n        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: \"+1"),
    expect: {
      rule: "custody-mfa-holder",
      line: 37,
      column: 20,
      path: "partners[1].payer.custody.mfaHolder",
      value: "distributor",
      message: "must be customer: split custody gives the root MFA to the customer, e-mail and password to the distributor",
    },
  },
  {
    name: "the distributor holding the primary phone",
    text: replace("        primaryPhoneHolder: customer\n      primaryContact:\n        phoneNumber: \"+44", "        primaryPhoneHolder: distributor\n      primaryContact:\n        phoneNumber: \"+44"),
    expect: {
      rule: "custody-phone-holder",
      line: 21,
      column: 29,
      path: "partners[0].payer.custody.primaryPhoneHolder",
      value: "distributor",
      message: "must be customer: the primary phone resets the root MFA, so it stays with the MFA holder",
    },
  },
  {
    name: "an unknown region, with the region it was probably meant to be",
    text: replace("[eu-west-1]", "[eu-wset-1]"),
    expect: {
      rule: "unknown-region",
      line: 12,
      column: 13,
      path: "distributor.regions[0]",
      value: "eu-wset-1",
      message: `unknown AWS region: did you mean eu-west-1? allowed: ${AWS_REGIONS.join(", ")}`,
    },
  },
  {
    name: "a linked account in an OU the partner does not declare",
    text: replace("        ou: Workloads/Prod", "        ou: Workloads/Dev"),
    expect: {
      rule: "unknown-ou",
      line: 29,
      column: 13,
      path: "partners[0].linkedAccounts[0].ou",
      value: "Workloads/Dev",
      message: "OU is not in this partner's organizationalUnits (declared: Workloads, Workloads/Prod)",
    },
  },
  {
    name: "an existing OU id for an OU the partner does not declare",
    text: replace("    organizationalUnits: [Workloads/Prod]\n", "    organizationalUnits: [Workloads/Prod]\n    existingOrganizationalUnits: { Sandbox: ou-ab12-cd34ef56 }\n"),
    expect: {
      rule: "unknown-ou",
      line: 26,
      column: 45,
      path: "partners[0].existingOrganizationalUnits.Sandbox",
      value: "ou-ab12-cd34ef56",
      message: "OU Sandbox is not in this partner's organizationalUnits (declared: Workloads, Workloads/Prod)",
    },
  },
  {
    name: "an organization id of the wrong form",
    text: replace('      accountId: "100000000002"\n', '      accountId: "100000000002"\n      organizationId: o-XYZ\n'),
    expect: {
      rule: "schema",
      line: 35,
      column: 23,
      path: "partners[1].payer.organizationId",
      value: "o-XYZ",
      message: "must be an AWS Organizations id such as o-a1b2c3d4e5",
    },
  },
  {
    name: "an OU listed twice",
    text: replace("[Workloads/Prod]", "[Workloads/Prod, Workloads/Prod]"),
    expect: {
      rule: "duplicate-ou",
      line: 25,
      column: 43,
      path: "partners[0].organizationalUnits[1]",
      value: "Workloads/Prod",
      message: "OU Workloads/Prod is listed twice",
    },
  },
  {
    name: "two linked accounts of one partner with one name",
    text: `${BASE_INVENTORY}      - name: globex-prod\n        email: aws-dev@globex.example\n`,
    expect: {
      rule: "duplicate-account-name",
      line: 45,
      column: 15,
      path: "partners[1].linkedAccounts[1].name",
      value: "globex-prod",
      message: 'account name "globex-prod" is already used at linkedAccounts[0] of this partner',
    },
  },
  {
    name: "a region listed twice (warning)",
    text: replace("[eu-west-1]", "[eu-west-1, eu-west-1]"),
    expect: { severity: "warning", rule: "duplicate-region", line: 12, column: 24, path: "distributor.regions[1]", value: "eu-west-1", message: "eu-west-1 is listed twice" },
  },
  {
    name: "a partner without partner admins (warning)",
    text: replace("    partnerAdmins: [arn:aws:iam::100000000002:role/globex-admins]\n", ""),
    expect: {
      severity: "warning",
      rule: "no-partner-admins",
      line: 31,
      column: 5,
      path: "partners[1]",
      message: "no partnerAdmins: the partner gets no admin access to its payer, so only the distributor can run its organization",
    },
  },
  {
    name: "root-activity monitoring switched off (warning)",
    text: `${BASE_INVENTORY}    features:\n      rootActivityMonitor: false\n`,
    expect: {
      severity: "warning",
      rule: "root-monitor-off",
      line: 46,
      column: 28,
      path: "partners[1].features.rootActivityMonitor",
      value: "false",
      message: "root activity in this payer will not be alerted",
    },
  },
  {
    name: "monitoring without an organization trail (warning)",
    text: `${BASE_INVENTORY}    features:\n      organizationTrail: false\n`,
    expect: {
      severity: "warning",
      rule: "trail-off",
      line: 46,
      column: 26,
      path: "partners[1].features.organizationTrail",
      value: "false",
      message: "without a trail, root API calls raise no events: only console sign-ins will be alerted",
    },
  },
  {
    name: "a payer without a primary contact to verify (warning)",
    text: replace('      primaryContact:\n        phoneNumber: "+1 206 555 0100"\n', ""),
    expect: {
      severity: "warning",
      rule: "no-primary-contact",
      line: 34,
      column: 7,
      path: "partners[1].payer",
      message: "no primaryContact: audit cannot check that the primary phone is the customer's",
    },
  },
  {
    name: "nobody to alert (warning)",
    text: replace("    alertSubscriptions:\n      - protocol: email\n        endpoint: soc@distributor.example\n", ""),
    expect: {
      severity: "warning",
      rule: "no-alert-subscriptions",
      line: 5,
      column: 5,
      path: "distributor.hub",
      message: "no alertSubscriptions: root activity reaches the hub but nobody is notified",
    },
  },
  {
    name: "an automation role named as one of the roles payerfleet deploys",
    text: replace("  automation:\n", "  automation:\n    roleName: payerfleet-billing-admin\n"),
    expect: {
      rule: "reserved-role-name",
      line: 10,
      column: 15,
      path: "distributor.automation.roleName",
      value: "payerfleet-billing-admin",
      message:
        "payerfleet-billing-admin is a role payerfleet deploys and manages in every payer; the automation role, which may never change itself, needs a name of its own (default payerfleet-automation)",
    },
  },
  {
    name: "a line break in a partner's name, written as an escape",
    text: replace("    name: Acme Corp\n", '    name: "Acme\\nCorp"\n'),
    expect: {
      rule: "forbidden-character",
      line: 15,
      column: 11,
      path: "partners[0].name",
      value: '"Acme\\nCorp"',
      message: "character 5 of the value is U+000A LINE FEED: names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters",
    },
  },
  {
    name: "a right-to-left override in a partner's name",
    text: replace("    name: Globex\n", "    name: Glo\u202ebex\n"),
    expect: {
      rule: "forbidden-character",
      line: 32,
      column: 11,
      path: "partners[1].name",
      value: "Glo\u202ebex",
      message: "character 4 of the value is U+202E RIGHT-TO-LEFT OVERRIDE: names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters",
    },
  },
  {
    name: "a zero-width space in a partner's name",
    text: replace("    name: Globex\n", "    name: Glo\u200bbex\n"),
    expect: {
      rule: "forbidden-character",
      line: 32,
      column: 11,
      path: "partners[1].name",
      value: "Glo\u200bbex",
      message: "character 4 of the value is U+200B ZERO WIDTH SPACE: names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters",
    },
  },
  {
    name: "a terminal escape in the distributor's name",
    text: replace("  name: Example Distribution Ltd\n", '  name: "Example \\e[2J Distribution"\n'),
    expect: {
      rule: "forbidden-character",
      line: 2,
      column: 9,
      path: "distributor.name",
      value: '"Example \\e[2J Distribution"',
      message: "character 9 of the value is U+001B ESCAPE: names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters",
    },
  },
  {
    name: "a partner id that names the parent folder",
    text: replace("  - id: globex\n", '  - id: ".."\n'),
    expect: {
      rule: "schema",
      line: 31,
      column: 9,
      path: "partners[1].id",
      value: '".."',
      message: "must not be . or ..: the id also names the stack's folder and state file",
    },
  },
];

describe("inventory loading", () => {
  it("accepts the base fleet with no problem at all", () => {
    const result = parseInventory(BASE_INVENTORY, FILE);
    expect(result.problems).to.deep.equal([]);
    expect(result.inventory?.partners.map((p) => p.id)).to.deep.equal(["acme", "globex"]);
  });

  it("fills the documented defaults", () => {
    const inventory = parseInventory(BASE_INVENTORY, FILE).inventory!;
    expect(inventory.distributor.automation.roleName).to.equal("payerfleet-automation");
    expect(inventory.partners[1]!.features).to.deep.equal({ rootActivityMonitor: true, organizationTrail: true, centralizedRootAccess: false });
    expect(inventory.partners[1]!.organizationalUnits).to.deep.equal([]);
    expect(inventory.distributor.guardrails).to.deep.equal({ buckets: [], billingViews: [], governanceRoles: [], governanceStacks: [] });
  });

  it("allows payer root e-mails on a subdomain of a distributor domain", () => {
    const text = replace("aws+globex@payers.distributor.example", "aws+globex@eu.payers.distributor.example");
    expect(parseInventory(text, FILE).problems).to.deep.equal([]);
  });

  for (const c of CASES) {
    it(`reports ${c.name}`, () => {
      const result = parseInventory(c.text, FILE);
      const { severity = "error", ...rest } = c.expect;
      expect(result.problems).to.deep.equal([{ severity, file: FILE, ...rest }]);
      if (severity === "error") expect(result.inventory).to.equal(undefined);
      else expect(result.inventory).to.not.equal(undefined);
    });
  }

  it("covers every rule in the table above", async () => {
    const { RULES } = await import("../../src/inventory/rules.ts");
    const covered = new Set(CASES.map((c) => c.expect.rule));
    // Eleven rule functions; some report under two names (custody MFA/phone, duplicate OU/unknown OU).
    for (const rule of ["duplicate-partner-id", "reserved-stack-name", "duplicate-account-id", "duplicate-email", "payer-email-domain", "linked-email-domain", "custody-mfa-holder", "custody-phone-holder", "reserved-role-name", "unknown-region", "duplicate-ou", "unknown-ou", "duplicate-account-name"]) {
      expect(covered.has(rule), rule).to.equal(true);
    }
    // And the billing rules, covered in billing-rules.test.ts.
    expect(RULES).to.have.length(11 + 3);
  });

  it("reports schema and fleet-wide errors of different partners in one run", () => {
    let text = replace('accountId: "100000000001"', "accountId: 100000000001");
    text = edit(text, "        ou: Workloads/Prod", "        ou: Nowhere");
    text = edit(text, "aws+globex@payers.distributor.example", "aws+globex@globex.example");
    text = edit(text, "id: globex", "id: acme");
    const result = parseInventory(text, FILE);
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.path}`)).to.deep.equal([
      "17:18 schema partners[0].payer.accountId",
      "29:13 unknown-ou partners[0].linkedAccounts[0].ou",
      "31:9 duplicate-partner-id partners[1].id",
      "35:18 payer-email-domain partners[1].payer.rootEmail",
    ]);
    expect(result.inventory).to.equal(undefined);
  });

  it("reports an unreadable file as one located error", async () => {
    const { loadInventory } = await import("../../src/inventory/load.ts");
    const result = await loadInventory("/nonexistent/fleet.yaml");
    expect(result.problems).to.deep.equal([
      { severity: "error", rule: "file", file: "/nonexistent/fleet.yaml", line: 1, column: 1, path: "", message: "cannot read the inventory: no such file" },
    ]);
  });

  it("reports an unclosed flow list where it opened, and where the parser noticed, without checking fields", () => {
    const result = parseInventory(replace("regions: [eu-west-1]", "regions: [eu-west-1"), FILE);
    expect(result.problems.map((p) => [p.rule, p.line, p.column, p.message])).to.deep.equal([["yaml", 12, 12, "YAML: this [ is never closed with ] (the parser noticed at line 13)"]]);
  });

  it("reports a line indented deeper than its siblings on that line, once, not on the value above it", () => {
    const result = parseInventory(replace("    payer:\n      accountId: \"100000000001\"", "      payer:\n      accountId: \"100000000001\""), FILE);
    expect(result.problems.map((p) => [p.rule, p.line, p.column, p.message])).to.deep.equal([
      ["yaml", 16, 7, "YAML: this line is indented deeper than the keys beside it, so YAML reads it as going on with the value on line 15: indent it as its siblings"],
    ]);
  });

  it("reports an unclosed quote where it opened", () => {
    const result = parseInventory(replace("      rootEmail: aws+acme@payers.distributor.example\n", '      rootEmail: "aws+acme@payers.distributor.example\n'), FILE);
    expect(result.problems.map((p) => [p.line, p.column, p.message])[0]).to.deep.equal([18, 18, 'YAML: this " quote is never closed']);
  });

  it("reports nesting too deep for an inventory as a YAML error where it gets too deep, not a stack overflow", () => {
    const flow = parseInventory(`distributor: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`, FILE);
    expect(flow.problems).to.deep.equal([{ severity: "error", rule: "yaml", file: FILE, line: 1, column: 14 + 63, path: "", message: "YAML: nesting deeper than 64 levels: an inventory is never nested this deep" }]);
    // A thousand levels is where a recursive YAML parser runs out of stack.
    const block = parseInventory(Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), FILE);
    expect(block.problems.map((p) => [p.line, p.column, p.message])).to.deep.equal([[65, 65, "YAML: nesting deeper than 64 levels: an inventory is never nested this deep"]]);
  });

  it("reports a character forbidden in a key as well as what else is wrong there", () => {
    const text = replace("    organizationalUnits: [Workloads/Prod]\n", '    organizationalUnits: [Workloads/Prod]\n    existingOrganizationalUnits: { "Work\\e[31mloads": ou-ab12-cd34ef56 }\n');
    expect(parseInventory(text, FILE).problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message.split(":")[0]}`)).to.deep.equal([
      "26:36 forbidden-character character 5 of the key is U+001B ESCAPE",
      "26:55 unknown-ou OU Work\u001b[31mloads is not in this partner's organizationalUnits (declared",
    ]);
  });

  it("prints a problem on one line whatever the value holds, and at most 200 characters of it with its length", async () => {
    const { formatProblem } = await import("../../src/inventory/problems.ts");
    const name = `${"x".repeat(300)}\u202e`;
    const text = replace("    name: Acme Corp\n", `    name: "${name.replace("\u202e", "\\u202e")}"\n`);
    const [problem] = parseInventory(text, FILE).problems;
    expect(problem!.value).to.equal(`"${"x".repeat(199)}… (308 characters)`);
    expect(formatProblem(problem!)).to.equal(
      `fleet.yaml:15:11: error: partners[0].name: character 301 of the value is U+202E RIGHT-TO-LEFT OVERRIDE: names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters (got "${"x".repeat(199)}… (308 characters))`,
    );
  });

  it("reports warnings with schema errors, leaving alone a field whose value the schema rejected", () => {
    let text = replace('accountId: "100000000002"', "accountId: 100000000002");
    text = edit(text, "    partnerAdmins: [arn:aws:iam::100000000002:role/globex-admins]\n", "");
    text = edit(text, '      primaryContact:\n        phoneNumber: "+44 20 7946 0101"\n', "      primaryContact: { phoneNumber: 12 }\n");
    expect(parseInventory(text, FILE).problems.map((p) => `${p.severity} ${p.rule} ${p.path}`)).to.deep.equal([
      "error schema partners[0].payer.primaryContact.phoneNumber",
      "warning no-partner-admins partners[1]",
      "error schema partners[1].payer.accountId",
    ]);
  });

  it("reports a file that is not UTF-8 at its first bad byte", async () => {
    const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadInventory } = await import("../../src/inventory/load.ts");
    const dir = await mkdtemp(join(tmpdir(), "payerfleet-utf8-"));
    try {
      const file = join(dir, "fleet.yaml");
      const bytes = Buffer.from(replace("    name: Acme Corp\n", "    name: Acme Corp\u00e9\n"), "utf8");
      const at = bytes.indexOf(Buffer.from("Corp\u00e9", "utf8")) + 4;
      bytes[at] = 0xe9;
      bytes[at + 1] = 0x0a;
      await writeFile(file, bytes);
      expect((await loadInventory(file, "fleet.yaml")).problems).to.deep.equal([
        { severity: "error", rule: "encoding", file: "fleet.yaml", line: 15, column: 20, path: "", message: `the inventory must be UTF-8: byte 0xE9 at offset ${at} is not` },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a second YAML document rather than ignoring it", () => {
    const result = parseInventory(`${BASE_INVENTORY}---\nfoo: bar\n`, FILE);
    expect(result.problems).to.deep.equal([
      { severity: "error", rule: "yaml", file: FILE, line: 46, column: 1, path: "", message: "YAML: the inventory must be one document; this is a second one (after ---)" },
    ]);
    expect(result.inventory).to.equal(undefined);
  });

  it("reports an empty value at its key, with no value shown", () => {
    const result = parseInventory(replace("    name: Globex\n", "    name:\n"), FILE);
    expect(result.problems).to.deep.equal([
      { severity: "error", rule: "schema", file: FILE, line: 32, column: 5, path: "partners[1].name", message: "must be a string, not empty" },
    ]);
  });

  it("reports an empty list item at its list", () => {
    const result = parseInventory(`${BASE_INVENTORY.slice(0, BASE_INVENTORY.indexOf("partners:"))}partners:\n  -\n`, FILE);
    expect(result.problems).to.deep.equal([
      { severity: "error", rule: "schema", file: FILE, line: 14, column: 3, path: "partners[0]", message: "must be a map, not empty" },
    ]);
  });

  it("reports an empty file, or a lone document marker, as a missing map at 1:1", () => {
    for (const text of ["", "---\n"]) {
      expect(parseInventory(text, FILE).problems, JSON.stringify(text)).to.deep.equal([
        { severity: "error", rule: "schema", file: FILE, line: 1, column: 1, path: "", message: "must be a map, not empty" },
      ]);
    }
  });
});
