import { expect } from "chai";
import { load as loadYaml11 } from "js-yaml";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml12 } from "yaml";
import { bootstrapFiles } from "../../src/bootstrap/bundle.ts";
import { automationPermissionsPolicy, automationTrustPolicy } from "../../src/domain/iam/automation-role.ts";
import { bootstrapTarget } from "../../src/bootstrap/target.ts";
import { automationRoleTemplate, renderTemplate } from "../../src/bootstrap/template.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import { payerfleet } from "../support/cli.ts";
import { BASE_INVENTORY, edit } from "../support/fixtures.ts";
import { expectedPermissions, expectedRoleStatements } from "./expected-policies.ts";
import { runBootstrapScript } from "./run-script.ts";

const PAYER = "100000000001";

function inventoryOf(text: string): Inventory {
  const loaded = parseInventory(text, "fleet.yaml");
  if (loaded.inventory === undefined) throw new Error(`fixture is invalid: ${JSON.stringify(loaded.problems)}`);
  return loaded.inventory;
}

const EXPECTED_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DistributorAutomationPrincipals",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::210987654321:root"] },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: { ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::210987654321:role/payerfleet-ci"] } },
    },
  ],
};

/** The template as PyYAML, a YAML 1.1 parser as CloudFormation's is, reads it, as JSON. */
function pyYamlLoad(text: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout, default=str)"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`PyYAML (it comes with moto): ${err}`))));
    child.stdin.end(text);
  });
}

/** Runs cfn-lint, CloudFormation's own linter (installed with moto), on template files. */
function cfnLint(files: readonly string[]): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn("cfn-lint", ["--format", "parseable", ...files], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("error", (err) => reject(new Error(`cannot run cfn-lint (it comes with moto; see .ci/run): ${err.message}`)));
    child.on("close", (code) => resolve({ code, lines: output.split("\n").filter((l) => l !== "") }));
  });
}

describe("bootstrap", () => {
  const inventory = inventoryOf(BASE_INVENTORY);
  const acme = bootstrapTarget(inventory, "acme")!;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-bootstrap-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("quotes every name a YAML 1.1 parser would read as a boolean, a number or a date, so PyYAML reads the strings back", async () => {
    for (const [id, roleName] of [["on", "1_0"], ["yes", "0b101"], ["1_000", "off"], ["2024-01-02", "1.5e3"], ["0x1f", "on-call"]] as const) {
      const fleet = inventoryOf(
        edit(edit(BASE_INVENTORY, "  - id: acme", `  - id: "${id}"`), "  automation:\n", `  automation:\n    roleName: "${roleName}"\n`),
      );
      const target = bootstrapTarget(fleet, id)!;
      const read = await pyYamlLoad(renderTemplate(target));
      expect(read, `${id} / ${roleName}`).to.deep.equal(JSON.parse(JSON.stringify(automationRoleTemplate(target))));
    }
  });

  it("renders a template that YAML 1.1 and 1.2 parsers read back exactly, with the role's trust and permissions documents", () => {
    const text = renderTemplate(acme);
    const expected = {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `payerfleet automation role for partner acme (payer ${PAYER})`,
      Resources: {
        AutomationRole: {
          Type: "AWS::IAM::Role",
          DeletionPolicy: "Retain",
          UpdateReplacePolicy: "Retain",
          Properties: {
            RoleName: "payerfleet-automation",
            Description: "payerfleet automation for partner acme: assumed only by the distributor's automation principals",
            MaxSessionDuration: 3600,
            AssumeRolePolicyDocument: EXPECTED_TRUST,
            Policies: [{ PolicyName: "payerfleet-automation", PolicyDocument: expectedPermissions(PAYER) }],
            Tags: [{ Key: "payerfleet:stack", Value: "acme" }],
          },
        },
      },
      Outputs: { RoleArn: { Description: `Check that it names account ${PAYER}`, Value: { "Fn::GetAtt": ["AutomationRole", "Arn"] } } },
    };
    expect(parseYaml12(text)).to.deep.equal(expected);
    // js-yaml's default schema is YAML 1.1's, which turns unquoted dates into Date objects.
    expect(loadYaml11(text)).to.deep.equal(expected);
    expect(automationRoleTemplate(acme)).to.deep.equal(expected);
  });

  it("is valid CloudFormation to cfn-lint, for a payer and for the hub: no error, no warning (unknown IAM actions included)", async function () {
    this.timeout(60_000);
    const good = join(dir, "good.cfn.yaml");
    const hub = join(dir, "hub.cfn.yaml");
    const broken = join(dir, "broken.cfn.yaml");
    await writeFile(good, renderTemplate(acme));
    await writeFile(hub, renderTemplate(bootstrapTarget(inventory, "hub")!));
    // The same linter, in the same run, fails a broken copy: the clean result means something.
    await writeFile(broken, renderTemplate(acme).replace("iam:GetAccountSummary", "iam:GetAccountSumary"));
    const lint = await cfnLint([good, hub, broken]);
    expect(lint.code).to.not.equal(0);
    expect(lint.lines.filter((l) => !l.startsWith(`${broken}:`))).to.deep.equal([]);
    expect(lint.lines.map((l) => l.split(":").slice(1, 6).join(":"))).to.deep.equal(["42:17:42:23:W3037"]);
  });

  it("keeps the inline policy well under IAM's 10,240-character limit for a role's inline policies", () => {
    const size = JSON.stringify(automationPermissionsPolicy(inventory.distributor.automation.roleName, PAYER)).replace(/\s/g, "").length;
    expect(size).to.be.below(10_240 * 0.65);
  });

  it("trusts the accounts of several principals, pinned by ARN, and a whole account only when the inventory names its root", () => {
    const text = edit(
      BASE_INVENTORY,
      "principals: [arn:aws:iam::210987654321:role/payerfleet-ci]",
      "principals: [arn:aws:iam::210987654321:role/payerfleet-ci, arn:aws:iam::333333333333:role/ci/deployer, arn:aws:iam::210987654321:user/operator, arn:aws:iam::444444444444:root]",
    );
    expect(automationTrustPolicy(inventoryOf(text).distributor.automation)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DistributorAutomationPrincipals",
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::210987654321:root", "arn:aws:iam::333333333333:root"] },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            ArnEquals: {
              "aws:PrincipalArn": [
                "arn:aws:iam::210987654321:role/payerfleet-ci",
                "arn:aws:iam::210987654321:user/operator",
                "arn:aws:iam::333333333333:role/ci/deployer",
              ],
            },
          },
        },
        { Sid: "DistributorAutomationAccounts", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::444444444444:root"] }, Action: ["sts:AssumeRole", "sts:TagSession"] },
      ],
    });
  });

  it("denies the role any change to itself whatever its name, and manages only payerfleet's own roles", () => {
    const text = edit(BASE_INVENTORY, "  automation:\n", "  automation:\n    roleName: fleet-automation\n");
    const statements = automationPermissionsPolicy(inventoryOf(text).distributor.automation.roleName, PAYER).Statement;
    expect(statements.find((s) => s.Sid === "DenyChangingItself")?.Resource).to.equal(`arn:aws:iam::${PAYER}:role/fleet-automation`);
    expect(statements.find((s) => s.Sid === "ManagePayerfleetRoles")?.Resource).to.deep.equal([
      `arn:aws:iam::${PAYER}:role/payerfleet-billing-admin`,
      `arn:aws:iam::${PAYER}:role/payerfleet-partner-admin`,
      `arn:aws:iam::${PAYER}:role/payerfleet-root-activity-delivery`,
    ]);
  });

  it("bundles the template, the two documents as JSON, the AWS CLI script applying them, and the ceremony", () => {
    const files = bootstrapFiles(inventory, acme);
    expect(files.map((f) => [f.name, f.executable])).to.deep.equal([
      ["automation-role.cfn.yaml", false],
      ["automation-trust-policy.json", false],
      ["automation-permissions-policy.json", false],
      ["bootstrap.sh", true],
      ["custody-ceremony.md", false],
    ]);
    const content = (name: string) => files.find((f) => f.name === name)!.content;
    expect(JSON.parse(content("automation-trust-policy.json"))).to.deep.equal(EXPECTED_TRUST);
    expect(JSON.parse(content("automation-permissions-policy.json"))).to.deep.equal(expectedPermissions(PAYER));
  });

  describe("bootstrap.sh, run against a recording stand-in for the AWS CLI", () => {
    it("creates the role with its trust, description and tag, then puts its permissions, in the payer", async () => {
      const run = await runBootstrapScript(bootstrapFiles(inventory, acme), { account: PAYER, roleExists: false });
      expect(run.code, run.stderr).to.equal(0);
      expect(run.calls).to.deep.equal([
        ["sts", "get-caller-identity", "--query", "Account", "--output", "text"],
        ["iam", "get-role", "--role-name", "payerfleet-automation"],
        ["iam", "create-role", "--role-name", "payerfleet-automation", "--assume-role-policy-document", "file://automation-trust-policy.json", "--max-session-duration", "3600",
          "--description", "payerfleet automation for partner acme: assumed only by the distributor's automation principals", "--tags", '[{"Key":"payerfleet:stack","Value":"acme"}]'],
        ["iam", "put-role-policy", "--role-name", "payerfleet-automation", "--policy-name", "payerfleet-automation", "--policy-document", "file://automation-permissions-policy.json"],
        ["iam", "get-role", "--role-name", "payerfleet-automation", "--query", "Role.Arn", "--output", "text"],
      ]);
    });

    it("updates an existing role's trust and description instead of creating it", async () => {
      const run = await runBootstrapScript(bootstrapFiles(inventory, acme), { account: PAYER, roleExists: true });
      expect(run.code, run.stderr).to.equal(0);
      expect(run.calls.map((c) => c.slice(0, 2).join(" "))).to.deep.equal(["sts get-caller-identity", "iam get-role", "iam update-assume-role-policy", "iam update-role", "iam put-role-policy", "iam get-role"]);
    });

    it("changes nothing when signed in to another account", async () => {
      const run = await runBootstrapScript(bootstrapFiles(inventory, acme), { account: "999999999999", roleExists: false });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal(`signed in to account 999999999999, not ${PAYER} of partner acme (Acme Corp): nothing was changed\n`);
      expect(run.calls).to.deep.equal([["sts", "get-caller-identity", "--query", "Account", "--output", "text"]]);
    });
  });

  it("checklists the custody ceremony with the partner's own facts and the audit check proving each", () => {
    const ceremony = bootstrapFiles(inventory, acme).find((f) => f.name === "custody-ceremony.md")!.content.split("\n");
    expect(ceremony.filter((l) => l.startsWith("| ") && !l.startsWith("| device") && !l.startsWith("| for") && !l.startsWith("| |"))).to.deep.equal([
      "| credential | holder | proven afterwards by | from |",
      "| root e-mail `aws+acme@payers.distributor.example` | distributor (payers.distributor.example) | `root-email` | organizations:DescribeOrganization |",
      "| root password | distributor | `root-credential-report` (password last used) | iam:GetCredentialReport |",
      "| root MFA device(s), up to 8 | customer | `root-mfa`, `root-credential-report` | iam:GetAccountSummary, iam:GetCredentialReport |",
      "| primary contact phone +44 20 7946 0101 | customer | `primary-contact` | account:GetContactInformation |",
      "| root access keys | nobody | `root-access-keys`, `root-credential-report` | iam:GetAccountSummary |",
      "| the distributor (Example Distribution Ltd) | | | |",
      "| the customer (Acme Corp) | | | |",
    ]);
    expect(ceremony).to.include(
      "- [ ] The customer sets, or confirms, the primary contact phone to <b>+44 20 7946 0101</b> (Account → Contact information), a number the customer owns.",
    );
  });

  it("asks for the customer's phone first when the inventory has none", () => {
    const text = edit(BASE_INVENTORY, '      primaryContact:\n        phoneNumber: "+44 20 7946 0101"\n', "");
    const ceremony = bootstrapFiles(inventoryOf(text), bootstrapTarget(inventoryOf(text), "acme")!).find((f) => f.name === "custody-ceremony.md")!.content;
    expect(ceremony).to.include("| primary contact phone (not recorded) | customer | `primary-contact` | account:GetContactInformation |");
    expect(ceremony).to.include(
      "- [ ] **First** record the customer's phone as `payer.primaryContact.phoneNumber` in the inventory: without it, `primary-contact` reports could-not-check.",
    );
  });

  it("bootstraps the hub account with the same trust, the hub stack's permissions and no ceremony", async () => {
    const hub = bootstrapTarget(inventory, "hub")!;
    const files = bootstrapFiles(inventory, hub);
    expect(files.map((f) => f.name)).to.deep.equal(["automation-role.cfn.yaml", "automation-trust-policy.json", "automation-permissions-policy.json", "bootstrap.sh"]);
    const template = parseYaml12(files[0]!.content) as ReturnType<typeof automationRoleTemplate>;
    expect([template.Description, template.Resources.AutomationRole.Properties.Tags, template.Resources.AutomationRole.Properties.AssumeRolePolicyDocument]).to.deep.equal([
      "payerfleet automation role for the root-activity hub (hub account 210987654321)",
      [{ Key: "payerfleet:stack", Value: "hub" }],
      EXPECTED_TRUST,
    ]);
    const H = "210987654321";
    expect(JSON.parse(files[2]!.content)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "RootActivityBuses",
          Effect: "Allow",
          Action: [
            "events:CreateEventBus",
            "events:DeleteEventBus",
            "events:DescribeEventBus",
            "events:ListTagsForResource",
            "events:TagResource",
            "events:UntagResource",
            "events:UpdateEventBus",
          ],
          Resource: `arn:aws:events:*:${H}:event-bus/payerfleet-*`,
        },
        { Sid: "RootActivityBusPolicies", Effect: "Allow", Action: ["events:PutPermission", "events:RemovePermission"], Resource: "*" },
        {
          Sid: "RootActivityRules",
          Effect: "Allow",
          Action: [
            "events:DeleteRule",
            "events:DescribeRule",
            "events:EnableRule",
            "events:ListTagsForResource",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
            "events:TagResource",
            "events:UntagResource",
          ],
          Resource: `arn:aws:events:*:${H}:rule/payerfleet-*`,
        },
        {
          Sid: "AlertTopics",
          Effect: "Allow",
          Action: [
            "sns:CreateTopic",
            "sns:DeleteTopic",
            "sns:GetSubscriptionAttributes",
            "sns:GetTopicAttributes",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTagsForResource",
            "sns:SetSubscriptionAttributes",
            "sns:SetTopicAttributes",
            "sns:Subscribe",
            "sns:TagResource",
            "sns:Unsubscribe",
            "sns:UntagResource",
          ],
          Resource: `arn:aws:sns:*:${H}:payerfleet-*`,
        },
        {
          Sid: "PassForwardRoleToEventBridge",
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: `arn:aws:iam::${H}:role/payerfleet-root-activity-forward`,
          Condition: { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
        },
        ...expectedRoleStatements(H, [`arn:aws:iam::${H}:role/payerfleet-root-activity-forward`], [
          { Sid: "CreatePayerfleetRoles", Effect: "Allow", Action: ["iam:CreateRole"], Resource: [`arn:aws:iam::${H}:role/payerfleet-root-activity-forward`] },
          { Sid: "InlinePoliciesOfPayerfleetRoles", Effect: "Allow", Action: ["iam:PutRolePolicy"], Resource: [`arn:aws:iam::${H}:role/payerfleet-root-activity-forward`] },
        ]),
      ],
    });
    const wrongAccount = await runBootstrapScript(files, { account: PAYER, roleExists: false });
    expect([wrongAccount.code, wrongAccount.stderr]).to.deep.equal([1, `signed in to account ${PAYER}, not ${H} of the root-activity hub: nothing was changed\n`]);
  });

  describe("payerfleet bootstrap", () => {
    it("writes the five files into --out, the script executable, exit 0", async () => {
      const file = join(dir, "fleet.yaml");
      await writeFile(file, BASE_INVENTORY);
      const out = join(dir, "acme");
      const run = await payerfleet(["bootstrap", "-i", file, "--partner", "acme", "--out", out]);
      expect(run.code, run.stderr).to.equal(0);
      const names = ["automation-role.cfn.yaml", "automation-trust-policy.json", "automation-permissions-policy.json", "bootstrap.sh", "custody-ceremony.md"];
      expect(run.stdout.trimEnd().split("\n")).to.deep.equal(names.map((n) => `wrote ${join(out, n)}`));
      expect((await readdir(out)).sort()).to.deep.equal([...names].sort());
      expect((await stat(join(out, "bootstrap.sh"))).mode & 0o777).to.equal(0o755);
      expect(await readFile(join(out, "automation-role.cfn.yaml"), "utf8")).to.equal(renderTemplate(acme));
    });

    it("prints every file under a ==> name <== line without --out", async () => {
      const file = join(dir, "fleet.yaml");
      await writeFile(file, BASE_INVENTORY);
      const run = await payerfleet(["bootstrap", "-i", file, "--partner", "globex"]);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout.split("\n").filter((l) => l.startsWith("==> "))).to.deep.equal([
        "==> automation-role.cfn.yaml <==",
        "==> automation-trust-policy.json <==",
        "==> automation-permissions-policy.json <==",
        "==> bootstrap.sh <==",
        "==> custody-ceremony.md <==",
      ]);
      expect(run.stdout).to.include('"Resource": "arn:aws:iam::100000000002:role/payerfleet-root-activity-delivery"');
    });

    it("rejects an unknown partner, a missing --partner and an invalid inventory with exit 2", async () => {
      const file = join(dir, "fleet.yaml");
      await writeFile(file, BASE_INVENTORY);
      const unknown = await payerfleet(["bootstrap", "-i", file, "--partner", "initech"]);
      expect([unknown.code, unknown.stdout, unknown.stderr]).to.deep.equal([
        2,
        "",
        "payerfleet bootstrap: unknown partner initech: the inventory's partners are acme, globex (and hub, the root-activity hub's stack)\n",
      ]);
      const missing = await payerfleet(["bootstrap", "-i", file]);
      expect([missing.code, missing.stderr]).to.deep.equal([
        2,
        "payerfleet bootstrap: --partner is required: the partner to onboard (or hub for the hub account)\nRun payerfleet bootstrap --help for usage.\n",
      ]);
      const twice = await payerfleet(["bootstrap", "-i", file, "--partner", "acme", "--partner", "globex"]);
      expect([twice.code, twice.stderr]).to.deep.equal([
        2,
        "payerfleet bootstrap: --partner takes one partner (or hub); it was given 2 times (acme, globex)\nRun payerfleet bootstrap --help for usage.\n",
      ]);
      const bad = join(dir, "bad.yaml");
      await writeFile(bad, edit(BASE_INVENTORY, 'accountId: "100000000001"', "accountId: 100000000001"));
      const invalid = await payerfleet(["bootstrap", "-i", bad, "--partner", "acme"]);
      expect(invalid.code).to.equal(2);
      expect(invalid.stderr).to.include(`${bad}:17:18: error: partners[0].payer.accountId: must be a quoted string`);
    });
  });
});
