/**
 * The aws stand-in under the real Pulumi engine: installed as resource plugin aws v7.48.0 in a
 * scratch PULUMI_HOME, driven by an inline Automation API program against a file backend.
 * Runs where scripts/build-go-tools.sh has built the Pulumi CLI; skipped, with the reason
 * printed, where it has not.
 */
import * as aws from "@pulumi/aws";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation/index.js";
import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readCallLog } from "./aws-standin/calllog.ts";
import { installStandin } from "./aws-standin/install.ts";
import { editResource, findResource, readState, removeResource, seedAccount, seedOrganization, writeState } from "./aws-standin/state.ts";
import { REPO } from "./cli.ts";

/** Where scripts/build-go-tools.sh puts the CLI matching @pulumi/pulumi. */
function builtPulumi(): string {
  const version = JSON.parse(readFileSync(join(REPO, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version as string;
  const cache = process.env["PAYERFLEET_TOOLS_CACHE"] ?? join(process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "payerfleet");
  return join(cache, "pulumi", `v${version}`, "bin", "pulumi");
}

const PULUMI = builtPulumi();
const PAYER = "100000000001";
const OTHER = "100000000002";
const ROLE = "aws:iam/role:Role";
const ACCOUNT = "aws:organizations/account:Account";

/** What the program declares; tests change it between runs. */
interface Settings {
  roleName: string;
  /** The account of the role the provider assumes. */
  roleAccount: string;
  trustPolicy: string;
  accountEmail: string;
  protect: boolean;
}

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PAYER}:root` }, Action: "sts:AssumeRole" }],
});

describe("the aws stand-in under the real Pulumi engine", function () {
  this.timeout(600_000);
  let dir: string;
  let stack: Stack;
  let stateFile: string;
  let logFile: string;
  let accountId: string;
  let ouId: string;
  const settings: Settings = { roleName: "payerfleet-standin-test", roleAccount: PAYER, trustPolicy: TRUST, accountEmail: "prod@acme.example", protect: false };

  /** A partner-like program: an explicit provider into the payer, a role, an adopted account. */
  const program = async () => {
    const provider = new aws.Provider("payer-us-east-1", {
      region: "us-east-1",
      allowedAccountIds: [PAYER],
      assumeRoles: [{ roleArn: `arn:aws:iam::${settings.roleAccount}:role/payerfleet-automation`, sessionName: "payerfleet-acme" }],
    });
    const role = new aws.iam.Role("role", { name: settings.roleName, description: "stand-in test role", assumeRolePolicy: settings.trustPolicy }, { provider });
    const account = new aws.organizations.Account(
      "acme-prod",
      { name: "acme-prod", email: settings.accountEmail, parentId: ouId, closeOnDeletion: false },
      { provider, import: accountId, protect: settings.protect, ignoreChanges: ["roleName", "iamUserAccessToBilling"] },
    );
    return { roleArn: role.arn, accountArn: account.arn };
  };

  before(async function () {
    if (!existsSync(PULUMI)) {
      console.log(`    skipped: no Pulumi CLI at ${PULUMI} (build it with scripts/build-go-tools.sh pulumi)`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), "payerfleet-standin-test-"));
    const home = join(dir, "pulumi-home");
    const backend = join(dir, "backend");
    await mkdir(backend, { recursive: true });
    stateFile = join(dir, "aws.json");
    logFile = join(dir, "calls.jsonl");
    await installStandin(home, PULUMI);

    await writeState(stateFile);
    await seedAccount(stateFile, PAYER, { name: "acme payer", email: "aws+acme@payers.distributor.example" });
    const org = await seedOrganization(stateFile, {
      managementAccountId: PAYER,
      awsServiceAccessPrincipals: ["account.amazonaws.com"],
      organizationalUnits: [{ name: "Workloads" }],
      accounts: [{ id: "300000000001", name: "acme-prod", email: "prod@acme.example", parent: "Workloads" }],
    });
    accountId = org.accounts["acme-prod"]!;
    ouId = org.organizationalUnits["Workloads"]!;

    const pulumiCommand = await PulumiCommand.get({ root: dirname(dirname(PULUMI)) });
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "acme", projectName: "standin-test", program },
      {
        workDir: dir,
        pulumiCommand,
        projectSettings: { name: "standin-test", runtime: "nodejs", backend: { url: `file://${backend}` } },
        envVars: {
          PULUMI_HOME: home,
          PULUMI_BACKEND_URL: `file://${backend}`,
          PULUMI_CONFIG_PASSPHRASE: "standin-test-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          PAYERFLEET_STANDIN_STATE: stateFile,
          PAYERFLEET_STANDIN_LOG: logFile,
        },
      },
    );
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("creates the role in the emulated AWS and adopts the seeded account", async () => {
    const up = await stack.up();
    expect(up.summary.result).to.equal("succeeded");
    expect(up.summary.resourceChanges).to.include({ create: 3, import: 1 });
    const state = await readState(stateFile);
    const role = findResource(state, ROLE, "payerfleet-standin-test");
    expect(role?.account).to.equal(PAYER);
    expect(role?.properties["arn"]).to.equal(`arn:aws:iam::${PAYER}:role/payerfleet-standin-test`);
    expect(up.outputs["roleArn"]?.value).to.equal(`arn:aws:iam::${PAYER}:role/payerfleet-standin-test`);
    expect(up.outputs["accountArn"]?.value).to.match(new RegExp(`^arn:aws:organizations::${PAYER}:account/o-[a-z0-9]{10}/${accountId}$`));
  });

  it("previews no changes the second time", async () => {
    const preview = await stack.preview();
    expect(Object.keys(preview.changeSummary)).to.deep.equal(["same"]);
  });

  it("previews a changed account e-mail as a replace, which protect refuses", async () => {
    settings.accountEmail = "new-prod@acme.example";
    const preview = await stack.preview();
    expect(preview.changeSummary).to.include({ replace: 1 });

    settings.accountEmail = "prod@acme.example";
    settings.protect = true;
    await stack.up();
    settings.accountEmail = "new-prod@acme.example";
    const refused = await stack.preview().then(
      () => "previewed",
      (e: Error) => e.message,
    );
    expect(refused).to.match(/marked for protection/);
    settings.accountEmail = "prod@acme.example";
  });

  it("reports drift made in the emulated AWS on refresh", async () => {
    await editResource(stateFile, ROLE, "payerfleet-standin-test", (p) => {
      p["description"] = "changed by hand";
    });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).to.include({ update: 1 });
    const preview = await stack.preview();
    expect(preview.changeSummary).to.include({ update: 1 });
  });

  it("reads a resource deleted behind Pulumi's back as gone, and recreates it", async () => {
    await removeResource(stateFile, ROLE, "payerfleet-standin-test");
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).to.include({ delete: 1 });
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.include({ create: 1 });
    expect(findResource(await readState(stateFile), ROLE, "payerfleet-standin-test")?.properties["description"]).to.equal("stand-in test role");
  });

  it("logs every call, and never updated or deleted the account", () => {
    const calls = readCallLog(logFile);
    const methods = new Set(calls.map((c) => c.method));
    for (const m of ["configure", "check", "diff", "create", "read"]) expect(methods, m).to.include(m);
    expect(calls.some((c) => c.method === "create" && c.type === ROLE && c.account === PAYER)).to.equal(true);
    expect(calls.some((c) => c.method === "read" && c.type === ACCOUNT && c.id === accountId)).to.equal(true);
    expect(calls.filter((c) => c.type === ACCOUNT && (c.method === "update" || c.method === "delete"))).to.deep.equal([]);
  });

  it("refuses a provider whose role is in another account, as allowedAccountIds does", async () => {
    settings.roleAccount = OTHER;
    const refused = await stack.preview().then(
      () => "previewed",
      (e: Error) => e.message,
    );
    settings.roleAccount = PAYER;
    expect(refused).to.include(`AWS account ID not allowed: ${OTHER}`);
  });

  it("refuses an over-long role name at preview with IAM's message", async () => {
    settings.roleName = "r".repeat(65);
    const refused = await stack.preview().then(
      () => "previewed",
      (e: Error) => e.message,
    );
    settings.roleName = "payerfleet-standin-test";
    expect(refused).to.include("at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
  });

  it("refuses an over-long trust policy only when applied, with IAM's quota message", async () => {
    settings.trustPolicy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::${String(200000000000 + i)}:root`) }, Action: "sts:AssumeRole" }],
    });
    const preview = await stack.preview();
    expect(preview.changeSummary).to.include({ update: 1 });
    const refused = await stack.up().then(
      () => "applied",
      (e: Error) => e.message,
    );
    settings.trustPolicy = TRUST;
    expect(refused).to.include("LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048");
  });
});
