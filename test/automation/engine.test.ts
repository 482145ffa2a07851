/**
 * The fleet commands against the real Pulumi engine: the CLI built from the Go module proxy
 * (scripts/build-go-tools.sh, which .ci/run runs), and the stand-in `aws` plugin keeping an
 * emulated AWS with a log of every call. The engine is the judge of protect, import, replace,
 * locks, cancellation and event streams; the call log is the judge of what reached AWS.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseInventory } from "../../src/inventory/load.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import type { CallRecord } from "../support/aws-standin/calllog.ts";
import { editResource, resourcesOf } from "../support/aws-standin/state.ts";
import { EXAMPLE_INVENTORY } from "../support/example.ts";
import { EngineSandbox, PASSPHRASE, realEngineMissing } from "../support/real-engine.ts";

const EXAMPLE = readFileSync(EXAMPLE_INVENTORY, "utf8");
const ACCOUNT = "aws:organizations/account:Account";
const OU = "aws:organizations/organizationalUnit:OrganizationalUnit";
const ORGANIZATION = "aws:organizations/organization:Organization";

function inventoryOf(text: string): Inventory {
  const result = parseInventory(text, "inventory.yaml");
  if (result.inventory === undefined) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.inventory;
}

/** The stack a call was made for, from its URN. */
const stackOf = (call: CallRecord) => /^urn:pulumi:([^:]+)::/.exec(call.urn ?? "")?.[1];
const changes = (calls: CallRecord[]) => calls.filter((c) => c.method === "create" || c.method === "update" || c.method === "delete");
const customers = (calls: CallRecord[]) => changes(calls).filter((c) => [ACCOUNT, OU, ORGANIZATION].includes(c.type ?? ""));

/** Polls until `check` holds; fails after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sandbox's plugin and CLI processes still running: found by the emulated AWS file they carry. */
function processesOf(box: EngineSandbox): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").includes(box.awsFile)) found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, 3).join(" ")}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

describe("payerfleet on the real Pulumi engine", function () {
  this.timeout(600_000);
  before(function () {
    const missing = realEngineMissing();
    if (missing !== undefined) {
      console.log(`    skipped: ${missing}`);
      this.skip();
    }
  });

  describe("the example fleet", () => {
    let box: EngineSandbox;
    before(async () => {
      box = await EngineSandbox.create();
      await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE));
    });
    after(async () => {
      await box?.remove();
    });

    it("deploys hub first, adopting contoso's organization and accounts, with one provider process per stack", async () => {
      const up = await box.run(["up", "--json", "up.json"]);
      expect(up.code, up.stderr).to.equal(0);
      const report = JSON.parse(await box.read("up.json"));
      expect(report.stacks.map((s: { stack: string; result: string; changes: Record<string, number> }) => [s.stack, s.result, s.changes])).to.deep.equal([
        ["hub", "succeeded", { create: 45 }],
        ["northwind", "succeeded", { create: 100 }],
        ["contoso", "succeeded", { create: 35, import: 5, update: 5 }],
        ["fabrikam", "succeeded", { create: 40 }],
      ]);
      const calls = box.calls();
      // The hub's buses exist before any payer's rule targets them.
      const lastHubCreate = calls.findLastIndex((c) => c.method === "create" && stackOf(c) === "hub");
      const firstPartnerCreate = calls.findIndex((c) => c.method === "create" && stackOf(c) !== "hub");
      expect(lastHubCreate).to.be.lessThan(firstPartnerCreate);
      // Each stack configures one provider, in one plugin process: AWS's provider is 300-430 MB a process.
      const processes = new Map<string, Set<number>>();
      for (const c of calls) if (c.method === "configure") processes.set(c.account!, (processes.get(c.account!) ?? new Set()).add(c.pid));
      expect([...processes].map(([account, pids]) => [account, pids.size]).sort()).to.deep.equal([
        ["100000000001", 1],
        ["100000000002", 1],
        ["100000000003", 1],
        ["210987654321", 1],
      ]);
      // Nothing of the customer's was deleted, and its adopted accounts were only moved into their OUs.
      expect(customers(calls).filter((c) => c.method === "delete")).to.deep.equal([]);
      const contoso = await box.checkpoint("contoso");
      const adopted = (contoso?.deployment?.resources ?? []).filter((r) => r.type === ACCOUNT && r.id?.startsWith("30000000000"));
      expect(adopted.map((r) => [r.id, r.protect]).sort()).to.deep.equal([
        ["300000000001", true],
        ["300000000002", true],
        ["300000000003", true],
        ["300000000004", true],
      ]);
    });

    it("then previews and refreshes every stack with no change", async () => {
      for (const args of [["preview", "--expect-no-changes"], ["refresh", "--expect-no-changes"], ["refresh", "--preview-only", "--expect-no-changes"]]) {
        const run = await box.run([...args, "--json", "r.json"]);
        expect(run.code, `${args.join(" ")}: ${run.stdout}${run.stderr}`).to.equal(0);
        const report = JSON.parse(await box.read("r.json"));
        expect(report.stacks.map((s: { resources: unknown[] }) => s.resources)).to.deep.equal([[], [], [], []]);
      }
    });

    it("names each drifted resource and property, in the JSON and the Markdown", async () => {
      await editResource(box.awsFile, "aws:iam/role:Role", "payerfleet-partner-admin", (p) => {
        // The fabrikam payer's role: the stand-in keeps roles by name per account.
        delete p["permissionsBoundary"];
      });
      const run = await box.run(["refresh", "--partner", "fabrikam", "--partner", "contoso", "--preview-only", "--expect-no-changes", "--json", "drift.json", "--markdown", "drift.md"]);
      expect(run.code).to.equal(1);
      const report = JSON.parse(await box.read("drift.json"));
      const drifted = report.stacks.flatMap((s: { stack: string; resources: { urn: string; op: string; diffs: unknown[] }[] }) => s.resources.map((r) => [s.stack, r.urn.split("::").at(-1), r.op, r.diffs]));
      expect(drifted).to.have.length(1);
      const [stack, name, op, diffs] = drifted[0];
      expect([name, op]).to.deep.equal([`${stack}-partner-admin-role`, "update"]);
      const boundary = `arn:aws:iam::${stack === "contoso" ? "100000000002" : "100000000003"}:policy/payerfleet-partner-boundary`;
      expect(diffs).to.deep.equal([{ path: "permissionsBoundary", kind: "delete", old: JSON.stringify(boundary), before: boundary }]);
      const md = await box.read("drift.md");
      // The role is named by its identifying properties, then the drifted one is shown going away.
      expect(md).to.include([
        `~ aws:iam/role:Role  ${stack}-partner-admin-role`,
        `      id: "payerfleet-partner-admin"`,
        `      name: "payerfleet-partner-admin"`,
        `      path: "/"`,
        `-     permissionsBoundary: ${JSON.stringify(boundary)}`,
      ].join("\n"));
    });
  });

  describe("the customer's accounts", () => {
    let box: EngineSandbox;
    beforeEach(async () => {
      box = await EngineSandbox.create();
      await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE));
      const up = await box.run(["up", "--partner", "contoso"]);
      expect(up.code, up.stderr).to.equal(0);
      await box.clearCalls();
    });
    afterEach(async () => {
      await box?.remove();
    });

    it("refuses an e-mail change in its own words, loudly, and an up then changes nothing at all", async () => {
      await writeFile(join(box.dir, "inventory.yaml"), EXAMPLE.replace("aws.research.prod@contoso.example", "aws.research.production@contoso.example"));
      const preview = await box.run(["preview", "--partner", "contoso", "--json", "p.json", "--markdown", "p.md"]);
      expect(preview.code).to.equal(1);
      const stack = JSON.parse(await box.read("p.json")).stacks[0];
      expect(stack.error.split("\n")[0]).to.equal(
        "payerfleet refuses to replace AWS account contoso-300000000001-account (email changed): the account would leave the organization and AWS would create a new, empty one. An account's e-mail is changed by its own root user (or through AWS Support), not from the payer: change it there, then put the new e-mail in the inventory, and the preview shows no change.",
      );
      expect(preview.stdout).to.include("warning: contoso: REPLACES AWS account contoso-300000000001-account (email)");
      expect(await box.read("p.md")).to.include("> - `contoso`: **REPLACES AWS account `contoso-300000000001-account`** (email)");
      const up = await box.run(["up", "--partner", "contoso"]);
      expect(up.code).to.equal(1);
      expect(changes(box.calls())).to.deep.equal([]);
    });

    it("renames an account known by id in place, and refuses to rename one known by name only, creating nothing", async () => {
      await writeFile(join(box.dir, "inventory.yaml"), EXAMPLE.replace("name: contoso-mes-test\n", "name: contoso-mes-testing\n"));
      const renamed = await box.run(["up", "--partner", "contoso", "--json", "u.json"]);
      expect(renamed.code, renamed.stdout).to.equal(0);
      expect(changes(box.calls()).map((c) => [c.method, c.type, c.id, c.changed])).to.deep.equal([["update", ACCOUNT, "300000000004", ["name"]]]);
      await box.clearCalls();
      await writeFile(join(box.dir, "inventory.yaml"), EXAMPLE.replace("name: contoso-mes-test\n", "name: contoso-mes-testing\n").replace("name: contoso-data-lake\n", "name: contoso-datalake\n"));
      const refused = await box.run(["up", "--partner", "contoso", "--json", "u.json"]);
      expect(refused.code).to.equal(1);
      expect(JSON.parse(await box.read("u.json")).stacks[0].error).to.match(/^payerfleet refuses to remove AWS account contoso-contoso-data-lake-account from the organization\. If the account was renamed in the inventory, give it its accountId there first/);
      expect(changes(box.calls())).to.deep.equal([]);
    });
  });

  describe("offboarding: destroy", () => {
    let box: EngineSandbox;
    before(async () => {
      box = await EngineSandbox.create();
      await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE));
      const up = await box.run(["up", "--partner", "hub", "--partner", "contoso", "--partner", "fabrikam"]);
      expect(up.code, up.stderr).to.equal(0);
      await box.clearCalls();
    });
    after(async () => {
      await box?.remove();
    });

    it("deletes the distributor's resources, releases the customer's untouched in AWS, and removes the stack, the hub last", async () => {
      const before = await box.aws();
      const run = await box.run(["destroy", "--partner", "hub", "--partner", "fabrikam", "--yes-destroy-partner", "fabrikam", "--yes-destroy-partner", "hub", "--json", "d.json"]);
      expect(run.code, `${run.stdout}${run.stderr}`).to.equal(0);
      const calls = box.calls();
      // Not one call that changes the customer's organization, OUs or accounts.
      expect(customers(calls)).to.deep.equal([]);
      const after = await box.aws();
      for (const type of [ORGANIZATION, OU, ACCOUNT]) expect(resourcesOf(after, type, "100000000003"), type).to.deep.equal(resourcesOf(before, type, "100000000003"));
      expect(await box.stacks()).to.deep.equal(["contoso"]);
      const stacks = JSON.parse(await box.read("d.json")).stacks;
      expect(stacks.map((s: { stack: string; result: string }) => [s.stack, s.result])).to.deep.equal([
        ["fabrikam", "succeeded"],
        ["hub", "succeeded"],
      ]);
      // The payers' rules target the hub's buses: the hub goes once every payer is done.
      expect(calls.findLastIndex((c) => c.method === "delete" && stackOf(c) === "fabrikam")).to.be.lessThan(calls.findIndex((c) => c.method === "delete" && stackOf(c) === "hub"));
      const stack = stacks[0];
      const released = stack.resources.filter((r: { op: string }) => r.op === "release").map((r: { type: string; detail: string }) => [r.type, r.detail]);
      expect(released.sort()).to.deep.equal(
        [
          [ACCOUNT, "the customer's: left as it is in AWS"],
          [ACCOUNT, "the customer's: left as it is in AWS"],
          [ACCOUNT, "the customer's: left as it is in AWS"],
          ["aws:account/alternativeContact:AlternativeContact", "a contact the customer owns: left as it is in AWS"],
          ["aws:account/alternativeContact:AlternativeContact", "a contact the customer owns: left as it is in AWS"],
          ["aws:iam/organizationsFeatures:OrganizationsFeatures", "a setting of the customer's organization: left as it is in AWS"],
          [ORGANIZATION, "the customer's: left as it is in AWS"],
          [OU, "the customer's: left as it is in AWS"],
          [OU, "the customer's: left as it is in AWS"],
          ["aws:s3/bucket:Bucket", "the organization trail's log bucket, kept with its logs"],
          ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "the organization trail's log bucket, kept with its logs"],
        ].sort(),
      );
      const deleted = changes(calls).map((c) => c.type).sort();
      expect(deleted).to.include.members(["aws:iam/role:Role", "aws:iam/policy:Policy", "aws:cloudtrail/trail:Trail", "aws:cloudwatch/eventRule:EventRule"]);
      expect(deleted).to.not.include.members(["aws:s3/bucket:Bucket"]);
      expect(stack.changes).to.include({ release: 11 });
      expect(run.stdout).to.include("note: the hub still admits the payer of fabrikam (100000000003): remove fabrikam from the inventory, then run payerfleet up --partner hub");
    });

    it("resumes an offboarding stopped midway, and says a stack already gone is already offboarded", async () => {
      const hang = { PAYERFLEET_STANDIN_HANG: "aws:cloudtrail/trail:Trail:delete" };
      const stopped = await box.run(["destroy", "--partner", "contoso", "--yes-destroy-partner", "contoso", "--deadline", "15s"], hang);
      expect(stopped.code).to.equal(1);
      expect(stopped.stdout).to.include("contoso  failed  exceeded its deadline of 15s: the operation was cancelled");
      expect(await box.locks()).to.deep.equal([]);
      const resumed = await box.run(["destroy", "--partner", "contoso", "--yes-destroy-partner", "contoso"]);
      expect(resumed.code, resumed.stdout).to.equal(0);
      expect(await box.stacks()).to.deep.equal([]);
      expect(customers(box.calls())).to.deep.equal([]);
      const again = await box.run(["destroy", "--partner", "contoso", "--yes-destroy-partner", "contoso"]);
      expect(again.code, again.stdout).to.equal(0);
      expect(again.stdout).to.include("warning: contoso: no stack contoso in the backend: already offboarded, nothing to do");
    });
  });

  describe("locks and signals", () => {
    let box: EngineSandbox;
    beforeEach(async () => {
      box = await EngineSandbox.create();
      await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE));
    });
    afterEach(async () => {
      await box?.remove();
    });

    it("runs two ups of one stack at once: the second waits out the first's lock, both succeed", async () => {
      const first = box.spawn(["up", "--partner", "fabrikam", "--lock-retry-delay", "500"]);
      const second = box.spawn(["up", "--partner", "fabrikam", "--lock-retry-delay", "500"]);
      const [a, b] = await Promise.all([first.done, second.done]);
      expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).to.deep.equal([0, 0]);
      expect(`${a.stderr}${b.stderr}`).to.include("up fabrikam: the stack is locked by another update; try 2 in");
      expect(await box.locks()).to.deep.equal([]);
    });

    it("retries while another update holds the stack's lock, gives up after the bounded tries, and the other stacks go on", async () => {
      expect((await box.run(["up", "--partner", "fabrikam"])).code).to.equal(0);
      // Another machine's update, as the file backend records it.
      const held = box.lockDir("fabrikam");
      await mkdir(held, { recursive: true });
      await writeFile(join(held, "d9b2c7a0-0b8e-4c39-9a33-6d0bd0e5a1f4.json"), JSON.stringify({ pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-11-29T08:00:00Z" }));
      await box.clearCalls();
      const run = await box.run(["up", "--partner", "fabrikam", "--partner", "contoso", "--lock-retries", "3", "--lock-retry-delay", "200", "--json", "u.json"]);
      expect(run.code).to.equal(1);
      const report = JSON.parse(await box.read("u.json"));
      expect(report.stacks.map((s: { stack: string; result: string }) => [s.stack, s.result])).to.deep.equal([
        ["contoso", "succeeded"],
        ["fabrikam", "failed"],
      ]);
      expect(report.stacks[1].error).to.match(/the stack is currently locked by 1 lock\(s\)/);
      expect(run.stderr.match(/up fabrikam: the stack is locked by another update; try \d in/g)).to.have.length(2);
      // The stack was previewed before each try (it holds the customer's resources), never changed.
      expect(changes(box.calls()).filter((c) => stackOf(c) === "fabrikam")).to.deep.equal([]);
      execFileSync("rm", ["-r", held]);
      expect((await box.run(["up", "--partner", "fabrikam"])).code).to.equal(0);
    });

    it("reports a stack the inventory no longer names as an orphan, and never touches it", async () => {
      expect((await box.run(["up", "--partner", "contoso"])).code).to.equal(0);
      const without = EXAMPLE.slice(0, EXAMPLE.indexOf("  # An organization moved to the distributor")) + EXAMPLE.slice(EXAMPLE.indexOf("  # A security-minded customer"));
      await writeFile(join(box.dir, "inventory.yaml"), without);
      await box.clearCalls();
      const run = await box.run(["preview", "--json", "p.json"]);
      expect(run.code, run.stdout).to.equal(0);
      const report = JSON.parse(await box.read("p.json"));
      expect(report.orphans).to.deep.equal([{ stack: "contoso", sources: ["backend"] }]);
      expect(report.stacks.map((s: { stack: string }) => s.stack)).to.deep.equal(["hub", "northwind", "fabrikam"]);
      expect(box.calls().some((c) => stackOf(c) === "contoso")).to.equal(false);
      expect(run.stdout).to.include("orphan: contoso (backend): not in the inventory; payerfleet never destroys it implicitly");
    });

    /** Moments of an up: as the stack starts, once its CLI runs, once resources are being created. */
    const moments: [string, (box: EngineSandbox, stderr: () => string) => Promise<void>][] = [
      ["as the stack starts", async (_box, stderr) => until(() => stderr().includes("up northwind: started"))],
      ["once the CLI has configured the provider", async (b) => until(() => b.calls().some((c) => c.method === "configure"))],
      ["while resources are created", async (b) => until(() => b.calls().filter((c) => c.method === "create").length >= 5)],
    ];
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      for (const [moment, reached] of moments) {
        it(`${signal} to the whole process group ${moment} cancels the up cleanly: no lock, no process left, and a re-run succeeds`, async () => {
          const { child, done } = box.spawn(["up", "--partner", "northwind", "--json", "up.json"], {}, { ownGroup: true });
          let stderr = "";
          child.stderr!.on("data", (d: Buffer) => (stderr += d));
          await reached(box, () => stderr);
          process.kill(-child.pid!, signal);
          const run = await done;
          expect(run.code, run.stderr).to.equal(1);
          expect(run.stderr).to.include(`payerfleet up: ${signal}: cancelling the running operations`);
          expect(JSON.parse(await box.read("up.json")).stacks.map((s: { result: string; error: string }) => [s.result, s.error])).to.deep.equal([
            ["cancelled", `cancelled: the operation was interrupted (${signal})`],
          ]);
          await until(() => processesOf(box).length === 0, 30_000);
          expect(await box.locks()).to.deep.equal([]);
          const again = await box.run(["up", "--partner", "northwind"]);
          expect(again.code, again.stdout).to.equal(0);
        });
      }
    }
  });

  describe("deadlines", () => {
    it("fails and cancels a stack past its deadline; the others finish", async () => {
      const box = await EngineSandbox.create();
      try {
        await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE));
        // Only contoso adopts an organization: its read hangs, the others' creates do not.
        const run = await box.run(["up", "--partner", "contoso", "--partner", "fabrikam", "--deadline", "20s", "--json", "u.json"], { PAYERFLEET_STANDIN_HANG: `${ORGANIZATION}:read` });
        expect(run.code).to.equal(1);
        const report = JSON.parse(await box.read("u.json"));
        expect(report.stacks.map((s: { stack: string; result: string; error: string | null }) => [s.stack, s.result, s.error])).to.deep.equal([
          ["contoso", "failed", "exceeded its deadline of 20s: the operation was cancelled"],
          ["fabrikam", "succeeded", null],
        ]);
        await until(() => processesOf(box).length === 0, 30_000);
        expect(await box.locks()).to.deep.equal([]);
      } finally {
        await box.remove();
      }
    });
  });

  describe("secrets", () => {
    it("keeps no secret in plain text in the state, and a fresh workspace recovers the passphrase's salt", async () => {
      const box = await EngineSandbox.create();
      try {
        const webhook = "https://alerts.distributor.example/hook?token=s3cr3t-webhook-token";
        const text = EXAMPLE.replace("    alertSubscriptions:\n", `    alertSubscriptions:\n      - protocol: https\n        endpoint: "${webhook}"\n`);
        expect(text).to.not.equal(EXAMPLE);
        await box.writeFleet(text, inventoryOf(text));
        const up = await box.run(["up", "--partner", "hub"]);
        expect(up.code, up.stderr).to.equal(0);
        const state = await readFile(join(box.backend, ".pulumi", "stacks", "payerfleet", "hub.json"), "utf8");
        expect(state).to.not.include("s3cr3t-webhook-token");
        expect(state).to.not.include(PASSPHRASE);
        expect(state).to.include('"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","ciphertext"');
        // The emulated AWS got the real endpoint: the secret is only hidden from the state and reports.
        expect(JSON.stringify(await box.aws())).to.include("s3cr3t-webhook-token");
        execFileSync("rm", ["-rf", join(box.dir, ".payerfleet", "workspaces")]);
        const preview = await box.run(["preview", "--partner", "hub", "--expect-no-changes"]);
        expect(preview.code, preview.stdout).to.equal(0);
      } finally {
        await box.remove();
      }
    });
  });

  describe("plain pulumi through Pulumi.yaml", () => {
    it("previews and deploys a partner's stack with `pulumi preview|up -s`, the inventory named relative to the project", async function () {
      const { LANGUAGE_HOST } = await import("../support/real-engine.ts");
      if (!existsSync(LANGUAGE_HOST)) {
        console.log(`      skipped: no language host at ${LANGUAGE_HOST} (scripts/build-go-tools.sh language)`);
        this.skip();
      }
      const box = await EngineSandbox.create();
      try {
        // A project folder like the repository's: Pulumi.yaml, src/, node_modules, the inventory in a subfolder.
        const project = join(box.dir, "project");
        await mkdir(join(project, "fleet"), { recursive: true });
        execFileSync("cp", ["-r", "Pulumi.yaml", "src", "tsconfig.json", "package.json", project]);
        execFileSync("ln", ["-s", join(process.cwd(), "node_modules"), join(project, "node_modules")]);
        await box.writeFleet(EXAMPLE, inventoryOf(EXAMPLE), "project/fleet/inventory.yaml");
        await mkdir(join(project, "stacks"));
        await mkdir(box.backend, { recursive: true });
        const env = { PATH: `${join(LANGUAGE_HOST, "..")}:${process.env["PATH"]}`, NODE_OPTIONS: "--import tsx" };
        const init = await box.pulumi(["stack", "init", "contoso", "--secrets-provider", "passphrase"], { cwd: project, env });
        expect(init.code, init.stderr).to.equal(0);
        const config = await box.pulumi(["config", "set", "payerfleet:inventory", "fleet/inventory.yaml", "-s", "contoso"], { cwd: project, env });
        expect(config.code, config.stderr).to.equal(0);
        const preview = await box.pulumi(["preview", "-s", "contoso"], { cwd: project, env });
        expect(preview.code, `${preview.stdout}${preview.stderr}`).to.equal(0);
        expect(preview.stdout, preview.stdout).to.match(/\+ 35 to create\n\s+~ 5 to update\n\s+= 5 to import/);
        const up = await box.pulumi(["up", "-s", "contoso", "--yes"], { cwd: project, env });
        expect(up.code, `${up.stdout}${up.stderr}`).to.equal(0);
        expect(resourcesOf(await box.aws(), "aws:iam/role:Role", "100000000002").map((r) => r.id).sort()).to.deep.equal([
          "payerfleet-billing-admin",
          "payerfleet-partner-admin",
          "payerfleet-root-activity-delivery",
        ]);
      } finally {
        await box.remove();
      }
    });
  });
});
