import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STSClient } from "@aws-sdk/client-sts";
import { auditFleet, automationRoleArn, type Connect } from "../../src/audit/audit.ts";
import type { PayerApi } from "../../src/audit/payer-api.ts";
import type { AuditReport, Check } from "../../src/audit/report.ts";
import { sdkConnector } from "../../src/audit/sdk-api.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import { custodyPartners, type Inventory } from "../../src/inventory/schema.ts";
import { payerfleet } from "../support/cli.ts";
import { startMoto, type Moto } from "../support/moto.ts";
import { credentialReport, expectedFleet } from "./expected.ts";
import { buildScenario, PAYERS, type Scenario } from "./scenario.ts";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

/** What moto cannot hold about a payer, stubbed; every other call goes to moto. */
interface CustodyFacts {
  readonly mfaEnabled: boolean;
  readonly accessKeysPresent: boolean;
  readonly credentialReport: string;
  readonly managementEmail: string;
  readonly phoneNumber: string;
  readonly companyName?: string;
}

const CUSTODY: Record<string, CustodyFacts> = {
  [PAYERS.acme]: {
    mfaEnabled: true,
    accessKeysPresent: false,
    credentialReport: credentialReport(PAYERS.acme, { mfa: true, key1: false }),
    managementEmail: "aws+acme@payers.distributor.example",
    phoneNumber: "+442079460101",
  },
  [PAYERS.globex]: {
    mfaEnabled: true,
    accessKeysPresent: true,
    credentialReport: credentialReport(PAYERS.globex, { mfa: true, key1: true }),
    managementEmail: "AWS+Globex@payers.distributor.example",
    phoneNumber: "+1 206-555-0100",
    companyName: "Globex Corporation",
  },
  [PAYERS.initech]: {
    mfaEnabled: true,
    accessKeysPresent: false,
    credentialReport: credentialReport(PAYERS.initech, { mfa: true, key1: false }),
    managementEmail: "aws+initech@payers.distributor.example",
    phoneNumber: "+15125550142",
  },
};

function withCustody(api: PayerApi, facts: CustodyFacts): PayerApi {
  return {
    ...api,
    accountSummary: async () => ({ mfaEnabled: facts.mfaEnabled, accessKeysPresent: facts.accessKeysPresent }),
    credentialReport: async () => facts.credentialReport,
    contactInformation: async () => ({ phoneNumber: facts.phoneNumber, companyName: facts.companyName }),
    describeOrganization: async () => {
      const org = await api.describeOrganization();
      return org && { ...org, managementAccountEmail: facts.managementEmail };
    },
  };
}

describe("audit against moto", function () {
  this.timeout(120_000);
  let moto: Moto;
  let scenario: Scenario;
  let inventory: Inventory;
  let dir: string | undefined;

  before(async () => {
    moto = await startMoto();
    scenario = await buildScenario(moto);
    await moto.enforceIam();
    const loaded = parseInventory(scenario.inventory, "fleet.yaml");
    expect(loaded.problems.filter((p) => p.severity === "error")).to.deep.equal([]);
    inventory = loaded.inventory!;
  });
  after(async () => {
    await moto?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** The ambient credentials are the CI role's session; every role ARN STS is asked for is kept. */
  function connector(assumed: string[]) {
    const sts = new STSClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: scenario.ci });
    sts.middlewareStack.add(
      (next) => async (args) => {
        assumed.push((args.input as { RoleArn: string }).RoleArn);
        return next(args);
      },
      { step: "initialize" },
    );
    return sdkConnector((p) => automationRoleArn(inventory, p), {
      region: "us-east-1",
      maxAttempts: 2,
      endpoint: moto.endpoint,
      sts,
      credentialReportPolls: { attempts: 10, delayMs: 50 },
    });
  }

  it("audits four payers at once, assuming only each payer's automation role (custody facts moto cannot hold stubbed: it lacks GetContactInformation, fixes AccountMFAEnabled at 0 and the management e-mail at master@example.com, and has no <root_account> row)", async () => {
    const assumed: string[] = [];
    const sdk = connector(assumed);
    const connect: Connect = async (partner) => {
      const session = await sdk.connect(partner);
      return { ...session, api: withCustody(session.api, CUSTODY[partner.payer.accountId]!) };
    };
    const finished: string[] = [];
    const report = await auditFleet(inventory, custodyPartners(inventory), {
      concurrency: 3,
      connect,
      now: () => new Date("2026-11-23T08:00:00.000Z"),
      onPartner: (p) => finished.push(p.partner),
    });
    sdk.close();
    expect(report).to.deep.equal(expectedFleet(scenario, "2026-11-23T08:00:00.000Z"));
    expect(finished.slice().sort()).to.deep.equal(["acme", "globex", "initech", "umbrella"]);
    expect(assumed.slice().sort()).to.deep.equal(Object.values(PAYERS).map((p) => `arn:aws:iam::${p}:role/payerfleet-automation`));
  });

  it("reads moto's own answers for the custody facts: no MFA, no <root_account> row, master@example.com, no GetContactInformation", async () => {
    const sdk = connector([]);
    const initech = custodyPartners(inventory).filter((p) => p.id === "initech");
    const report: AuditReport = await auditFleet(inventory, initech, { concurrency: 1, connect: (p) => sdk.connect(p) });
    sdk.close();
    const custody = report.partners[0]!.checks.filter((c) => ["root-mfa", "root-access-keys", "root-credential-report", "root-email", "primary-contact"].includes(c.id));
    expect(custody).to.deep.equal([
      { id: "root-mfa", status: "fail", detail: "AccountMFAEnabled is 0: the root user has no MFA device; the customer must enrol one" },
      { id: "root-access-keys", status: "pass", detail: "AccountAccessKeysPresent is 0: the root user has no access keys" },
      { id: "root-credential-report", status: "could-not-check", detail: "the credential report has no <root_account> row" },
      {
        id: "root-email",
        status: "fail",
        detail: "the management account's e-mail master@example.com is not on the distributor's domains (payers.distributor.example)",
      },
      { id: "primary-contact", status: "could-not-check", detail: "API not available: HTTP 404" },
    ]);
  });

  it("payerfleet audit: the ambient credentials from the environment, AWS_ENDPOINT_URL to moto, a table, --json and --markdown files, exit 1", async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-audit-"));
    const file = join(dir, "fleet.yaml");
    await writeFile(file, scenario.inventory);
    const json = join(dir, "audit.json");
    // A folder that does not exist yet is made before the first AWS call.
    const markdown = join(dir, "evidence", "2026-11", "audit.md");
    const env = {
        AWS_ACCESS_KEY_ID: scenario.ci.accessKeyId,
        AWS_SECRET_ACCESS_KEY: scenario.ci.secretAccessKey,
        AWS_SESSION_TOKEN: scenario.ci.sessionToken,
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_REGION: "us-east-1",
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: join(dir, "no-config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
    };
    const run = await payerfleet(["audit", "-i", file, "--partner", "umbrella", "--partner", "initech", "--json", json, "--markdown", markdown], { env });
    expect(run.code, run.stderr).to.equal(1);
    // `--json -` prints the same document on stdout, in place of the table.
    const onStdout = await payerfleet(["audit", "-i", file, "--partner", "umbrella", "--json", "-"], { env });
    expect(onStdout.code, onStdout.stderr).to.equal(1);
    expect((JSON.parse(onStdout.stdout) as AuditReport).partners.map((p) => [p.partner, p.result])).to.deep.equal([["umbrella", "could-not-check"]]);

    const report = JSON.parse(await readFile(json, "utf8")) as AuditReport;
    expect(report.auditedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const fleet = expectedFleet(scenario, report.auditedAt);
    // Without stubs, moto's own answers stand for initech's custody facts.
    const motoSays: Record<string, Partial<Check>> = {
      "root-mfa": { status: "fail", detail: "AccountMFAEnabled is 0: the root user has no MFA device; the customer must enrol one" },
      "root-credential-report": { status: "could-not-check", detail: "the credential report has no <root_account> row" },
      "root-email": {
        status: "fail",
        detail: "the management account's e-mail master@example.com is not on the distributor's domains (payers.distributor.example)",
      },
      "primary-contact": { status: "could-not-check", detail: "API not available: HTTP 404" },
    };
    const initech = fleet.partners[2]!;
    const umbrella = fleet.partners[3]!;
    expect(report).to.deep.equal({
      version: 1,
      auditedAt: report.auditedAt,
      summary: { partners: 2, pass: 0, fail: 1, couldNotCheck: 1 },
      partners: [{ ...initech, result: "fail", checks: initech.checks.map((c) => ({ ...c, ...motoSays[c.id] })) }, umbrella],
    });
    expect(run.stdout.split("\n").slice(0, 7)).to.deep.equal([
      "PARTNER   PAYER         RESULT           PASS  FAIL  COULD-NOT-CHECK",
      "initech   100000000003  fail             5     2     4",
      "  fail             root-mfa: AccountMFAEnabled is 0: the root user has no MFA device; the customer must enrol one",
      "  could-not-check  root-credential-report: the credential report has no <root_account> row",
      "  fail             root-email: the management account's e-mail master@example.com is not on the distributor's domains (payers.distributor.example)",
      "  could-not-check  primary-contact: API not available: HTTP 404",
      "  could-not-check  root-activity-rule:us-east-1: access denied: HTTP 403",
    ]);
    expect(run.stdout.trimEnd().split("\n").at(-1)).to.equal("2 partners: 0 pass, 1 fail, 1 could-not-check");
    // Progress lines come in completion order, counted.
    const progress = run.stderr.split("\n").filter((l) => l.startsWith("["));
    expect(progress.map((l) => l.slice(0, 6))).to.deep.equal(["[1/2] ", "[2/2] "]);
    expect(progress.map((l) => l.slice(6)).sort()).to.deep.equal(["initech: fail", "umbrella: could-not-check"]);
    const md = await readFile(markdown, "utf8");
    expect(md.split("\n").slice(0, 9)).to.deep.equal([
      "# payerfleet audit",
      "",
      `Audited at ${report.auditedAt}: 2 partners: 0 pass, 1 fail, 1 could-not-check.`,
      "",
      "| partner | payer | result | pass | fail | could-not-check |",
      "|---|---|---|---|---|---|",
      "| initech | 100000000003 | ❌ fail | 5 | 2 | 4 |",
      "| umbrella | 100000000004 | ⚠️ could-not-check | 0 | 0 | 13 |",
      "",
    ]);
  });
});
