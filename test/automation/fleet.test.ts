import { expect } from "chai";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PASSPHRASE, RECORDED, SYNTHETIC, Sandbox } from "../support/fake-pulumi/harness.ts";
import { ACCOUNT_CHANGES_RESOURCES } from "./streams/expected.ts";

const CLEAN = join(RECORDED, "stack-output-resource-diff.ndjson");
const ACCOUNT_CHANGES = join(SYNTHETIC, "account-changes.ndjson");
const FAILED = join(RECORDED, "failed-stacks-dont-rewrite-operations.ndjson");

/**
 * What only a fake Pulumi CLI can do on demand: replay recorded and synthetic engine streams
 * (failures, account replacements), echo the passphrase. Everything a real engine can be made
 * to do is tested against it, in engine.test.ts.
 */
describe("payerfleet preview | up | refresh | destroy against a fake Pulumi CLI", function () {
  this.timeout(90_000);
  let box: Sandbox;
  beforeEach(async () => {
    box = await Sandbox.create();
  });
  afterEach(async () => {
    await box.remove();
  });

  it("reports property diffs and calls out account replacements: the whole JSON document and the Markdown", async () => {
    await box.writeInventory(["acme", "globex"]);
    await box.script({ defaults: { stream: CLEAN }, stacks: { acme: { stream: ACCOUNT_CHANGES } } });
    const run = await box.run(["preview", "--partner", "acme", "--json", "out/report.json", "--markdown", "out/pr.md"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(await readFile(join(box.dir, "out/report.json"), "utf8"))).to.deep.equal({
      operation: "preview",
      review: [
        {
          stack: "acme",
          kind: "account",
          resource: "acme-prod",
          op: "replace",
          name: "acme-prod",
          email: "aws-prod@acme.example",
          ou: "ou-prod",
          changes: [{ path: "email", before: "aws-prod@acme.example", after: "aws-production@acme.example" }],
          text: "acme: AWS account acme-prod <aws-prod@acme.example> in ou-prod replaced (closed and created anew): email aws-prod@acme.example → aws-production@acme.example",
        },
        { stack: "acme", kind: "account", resource: "acme-sandbox", op: "delete", name: "acme-sandbox", email: "aws-sandbox@acme.example", text: "acme: AWS account acme-sandbox <aws-sandbox@acme.example> removed" },
      ],
      stacks: [
        {
          stack: "acme",
          partner: "acme",
          result: "succeeded",
          changes: { create: 1, delete: 1, replace: 1, same: 1, update: 1 },
          resources: ACCOUNT_CHANGES_RESOURCES,
          error: null,
        },
      ],
      orphans: [],
    });
    const md = await readFile(join(box.dir, "out/pr.md"), "utf8");
    expect(md).to.include("> [!WARNING]\n> **Changes to AWS accounts**\n> - `acme`: **REPLACES AWS account `acme-prod`** (email)");
    expect(md).to.include("> - `acme`: **DELETES AWS account `acme-sandbox`**");
    expect(md).to.include(
      [
        "**Review first**",
        "",
        "- ❗ `acme`: AWS account `acme-prod` `aws-prod@acme.example` in `ou-prod` **replaced** (closed and created anew): email `aws-prod@acme.example` → `aws-production@acme.example`",
        "- ❗ `acme`: AWS account `acme-sandbox` `aws-sandbox@acme.example` **removed**",
      ].join("\n"),
    );
    expect(md).to.include(
      [
        "+- aws:organizations/account:Account  acme-prod  [replace]",
        '      id: "acme-prod-id"',
        '      name: "acme-prod"',
        '      parentId: "ou-prod"',
        '~     email: "aws-prod@acme.example" => "aws-production@acme.example"  (forces replacement)',
        "- aws:organizations/account:Account  acme-sandbox",
        '-     email: "aws-sandbox@acme.example"',
        '-     id: "acme-sandbox-id"',
        '-     name: "acme-sandbox"',
        "+ aws:account/alternativeContact:AlternativeContact  billing",
        '+     alternateContactType: "BILLING"',
        '+     name: "Billing Team"',
      ].join("\n"),
    );
    expect(md).to.include("<details><summary><b>acme</b> ✅ succeeded: create 1, delete 1, replace 1, update 1</summary>");
    expect(existsSync(join(box.dir, "out/pr.2.md"))).to.equal(false);
    expect(run.stdout).to.include("warning: acme: REPLACES AWS account acme-prod (email)");
  });

  it("runs the hub before the partners on up; a failed stack never stops the others; exit 1", async () => {
    await box.writeInventory(["acme", "globex", "initech"]);
    await box.script({ defaults: { stream: join(RECORDED, "up.ndjson") }, stacks: { globex: { stream: FAILED, exitCode: 255, stderr: "error: update failed" } } });
    const run = await box.run(["up", "--json", "report.json"]);
    expect(run.code).to.equal(1);
    const report = JSON.parse(await readFile(join(box.dir, "report.json"), "utf8"));
    expect(report.stacks.map((s: { stack: string; result: string; error: string | null }) => [s.stack, s.result, s.error])).to.deep.equal([
      ["hub", "succeeded", null],
      ["acme", "succeeded", null],
      ["globex", "failed", "error: update failed"],
      ["initech", "succeeded", null],
    ]);
    const log = await box.events();
    const hubEnd = log.findIndex((e) => e.stack === "hub" && e.event === "end");
    const firstPartner = log.findIndex((e) => e.stack !== "hub" && e.event === "start");
    expect(hubEnd).to.be.within(0, firstPartner - 1);
  });

  it("never prints the passphrase: not on stdout or stderr, not in JSON or Markdown, not even when the CLI echoes it", async () => {
    await box.writeInventory(["acme", "globex"]);
    await box.script({ stacks: { globex: { exitCode: 255, stderr: "error: decrypting with passphrase $PASSPHRASE failed" } } });
    const passFile = join(box.dir, "passphrase.txt");
    await writeFile(passFile, `${PASSPHRASE}\n`);
    for (const env of [box.env(), box.env({ PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: passFile })]) {
      const run = await box.run(["up", "--json", "r.json", "--markdown", "r.md"], env);
      expect(run.code).to.equal(1);
      const outputs = [run.stdout, run.stderr, await readFile(join(box.dir, "r.json"), "utf8"), await readFile(join(box.dir, "r.md"), "utf8")];
      for (const text of outputs) expect(text).not.to.include(PASSPHRASE);
      const globex = JSON.parse(outputs[2]!).stacks.find((s: { stack: string }) => s.stack === "globex");
      expect(globex.error).to.equal("error: decrypting with passphrase [redacted] failed");
    }
  });

  it("refuses to run without a passphrase: exit 2, nothing run", async () => {
    await box.writeInventory(["acme"]);
    await box.script({});
    const run = await box.run(["preview"], box.env({ PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: undefined }));
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/^payerfleet preview: the stacks' secrets are encrypted with a passphrase \(backend file:\/\/.*\/\.payerfleet\/state\), and neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE/);
    expect(await box.events()).to.deep.equal([]);
  });

  it("refuses a file backend whose directory cannot be made: exit 2, nothing run", async () => {
    await box.writeInventory(["acme"]);
    await box.script({});
    const file = join(box.dir, "a-file");
    await writeFile(file, "not a directory");
    const run = await box.run(["preview", "--backend", `file://${file}/state`]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal(`payerfleet preview: cannot use the state backend file://${file}/state: ${file} is not a directory\n`);
    expect(await box.events()).to.deep.equal([]);
  });

  it("says how to install the Pulumi CLI, and names `payerfleet plan`, when it is missing: exit 2", async () => {
    await box.writeInventory(["acme"]);
    const run = await box.run(["up", "--pulumi-root", join(box.dir, "no-such-dir")]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal(
      [
        `payerfleet up: the Pulumi CLI is needed for this command and was not found at ${join(box.dir, "no-such-dir", "bin", "pulumi")}.`,
        "Install it (https://www.pulumi.com/docs/install/), e.g. `curl -fsSL https://get.pulumi.com | sh`, or name an install root with --pulumi-root DIR.",
        "To see the desired state of every stack without the Pulumi CLI or any cloud access, run `payerfleet plan`.",
        "",
      ].join("\n"),
    );
    const onPath = await box.run(["preview"], { ...box.env(), NO_PULUMI_ROOT: "1", PATH: "/usr/bin:/bin" });
    expect(onPath.code).to.equal(2);
    expect(onPath.stderr).to.include("was not found at `pulumi` on PATH.");
  });

  it("rejects an unknown partner id and a bad shard with exit 2, naming what is allowed", async () => {
    await box.writeInventory(["acme", "globex"]);
    const unknown = await box.run(["preview", "--partner", "acne"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.equal("payerfleet preview: unknown partner acne: the inventory's partners are acme, globex (and hub, the root-activity hub's stack)\n");
    const shard = await box.run(["preview", "--shard", "3/2"]);
    expect(shard.code).to.equal(2);
    expect(shard.stderr).to.equal("payerfleet preview: --shard must be I/N with 1 <= I <= N, e.g. 2/4 (got 3/2)\nRun payerfleet preview --help for usage.\n");
  });
});
