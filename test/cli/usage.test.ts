/**
 * Bad input never half-runs: every usage error of every command is exit 2 with every problem
 * said at once, and nothing is previewed, applied or written. The fleet commands are run
 * against the fake Pulumi CLI, whose log proves that no operation started.
 */
import { expect } from "chai";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { FAKE_ROOT, Sandbox } from "../support/fake-pulumi/harness.ts";
import { BASE_INVENTORY } from "../support/fixtures.ts";
import { memoryIo } from "../support/io.ts";

/** Runs payerfleet in-process in `dir`: exit code, stdout, stderr. */
async function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<[number, string, string]> {
  const io = memoryIo({ cwd: dir, env });
  const code = await main(args, io);
  return [code, io.out(), io.err()];
}

describe("usage errors stop every command before it runs anything", function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-usage-"));
    await writeFile(join(dir, "inventory.yaml"), BASE_INVENTORY);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe("against the fake Pulumi CLI, end to end", () => {
    let box: Sandbox;
    beforeEach(async () => {
      box = await Sandbox.create();
      await box.writeInventory(["acme", "globex"]);
      await box.script({});
    });
    afterEach(async () => {
      await box.remove();
    });

    it("destroy --dry-run (no such option) destroys nothing: exit 2, no CLI call, no state written", async () => {
      const result = await box.run(["destroy", "--partner", "acme", "--yes-destroy-partner", "acme", "--dry-run"]);
      expect([result.code, result.stdout, result.stderr]).to.deep.equal([2, "", "payerfleet destroy: unknown option --dry-run\nRun payerfleet destroy --help for usage.\n"]);
      expect(await box.events()).to.deep.equal([]);
      expect(existsSync(join(box.dir, ".payerfleet"))).to.equal(false);
    });

    it("a misspelt --concurency on up deploys nothing", async () => {
      const result = await box.run(["up", "--concurency", "3"]);
      expect([result.code, result.stderr]).to.deep.equal([2, "payerfleet up: unknown option --concurency\nRun payerfleet up --help for usage.\n"]);
      expect(await box.events()).to.deep.equal([]);
      expect(existsSync(join(box.dir, ".payerfleet"))).to.equal(false);
    });

    it("SIGTERM to the whole process group, as a CI runner cancels a job, cancels cleanly and still writes the reports", async () => {
      expect((await box.run(["up"])).code).to.equal(0);
      await writeFile(box.log, "");
      await box.script({ defaults: { hang: true } });
      const { child, done } = box.spawn(["up", "--json", "report.json", "--markdown", "pr.md"], box.env(), { ownGroup: true });
      await until(async () => (await box.events()).some((e) => e.event === "start"));
      process.kill(-child.pid!, "SIGTERM");
      const result = await done;
      expect(result.code).to.equal(1);
      const report = JSON.parse(await readFile(join(box.dir, "report.json"), "utf8"));
      expect(report.stacks.map((s: { stack: string; result: string; error: string }) => [s.stack, s.result, s.error])).to.deep.equal([
        ["hub", "cancelled", "cancelled: the operation was interrupted (SIGTERM)"],
        ["acme", "skipped", "not started: the run was cancelled"],
        ["globex", "skipped", "not started: the run was cancelled"],
      ]);
      // The CLI, in a process group of its own, heard one SIGINT from payerfleet and cancelled.
      expect((await box.events()).map((e) => [e.stack, e.event])).to.deep.equal([
        ["hub", "start"],
        ["hub", "cancelled"],
      ]);
      const locks = join(box.dir, ".payerfleet/state/.pulumi/locks/payerfleet");
      for (const stack of await readdir(locks)) expect(await readdir(join(locks, stack))).to.deep.equal([]);
      expect(await readFile(join(box.dir, "pr.md"), "utf8")).to.include("the run was cancelled (SIGTERM)");
    });
  });

  it("an unknown option is exit 2 on every command, with nothing printed on stdout", async () => {
    const commands = [
      ["validate"],
      ["plan"],
      ["policies", "--partner", "acme"],
      ["bootstrap", "--partner", "acme"],
      ["preview"],
      ["up"],
      ["refresh"],
      ["destroy", "--partner", "acme", "--yes-destroy-partner", "acme"],
      ["audit"],
    ];
    for (const args of commands) {
      const [code, stdout, stderr] = await run(dir, [...args, "--frobnicate"]);
      expect([code, stdout, stderr], args[0]).to.deep.equal([2, "", `payerfleet ${args[0]}: unknown option --frobnicate\nRun payerfleet ${args[0]} --help for usage.\n`]);
    }
    expect(await readdir(dir)).to.deep.equal(["inventory.yaml"]);
  });

  it("reports every problem with the options at once, saying what was given", async () => {
    const [code, stdout, stderr] = await run(dir, ["preview", "--concurrency", "abc", "--lock-retries", "0", "--shard", "9/2", "--backend", "ftp://example", "--bogus"]);
    expect([code, stdout]).to.deep.equal([2, ""]);
    expect(stderr.split("\n")).to.deep.equal([
      "payerfleet preview: unknown option --bogus",
      "payerfleet preview: --backend ftp://example: the ftp:// scheme is not a Pulumi backend; use file://DIR, s3://BUCKET[/PREFIX], gs://BUCKET[/PREFIX], azblob://CONTAINER[/PREFIX] or https://HOST (Pulumi Cloud)",
      "payerfleet preview: --shard must be I/N with 1 <= I <= N, e.g. 2/4 (got 9/2)",
      "payerfleet preview: --concurrency must be a whole number of at least 1 (got abc)",
      "payerfleet preview: --lock-retries must be a whole number from 1 to 100 (got 0)",
      "Run payerfleet preview --help for usage.",
      "",
    ]);
  });

  it("reports the inventory's errors with the options' in one run", async () => {
    await writeFile(join(dir, "inventory.yaml"), "version: 1\ndistributor: {}\n");
    const [code, stdout, stderr] = await run(dir, ["preview", "--concurrency", "0"]);
    expect([code, stdout]).to.deep.equal([2, ""]);
    expect(stderr.split("\n")).to.deep.equal([
      "inventory.yaml:1:1: error: partners: is required",
      "inventory.yaml:2:14: error: distributor.name: is required",
      "inventory.yaml:2:14: error: distributor.emailDomains: is required",
      "inventory.yaml:2:14: error: distributor.hub: is required",
      "inventory.yaml:2:14: error: distributor.automation: is required",
      "inventory.yaml:2:14: error: distributor.billingAdmins: is required",
      "inventory.yaml: invalid; nothing was run",
      "payerfleet preview: --concurrency must be a whole number of at least 1 (got 0)",
      "Run payerfleet preview --help for usage.",
      "",
    ]);
  });

  it("takes a switch alone or as =true/=false, never another value read as false", async () => {
    const [plan, , planErr] = await run(dir, ["plan", "--json=maybe"]);
    expect([plan, planErr]).to.deep.equal([2, "payerfleet plan: --json is a switch: give it alone (or =true, =false), not --json=maybe\nRun payerfleet plan --help for usage.\n"]);
    const [refresh, , refreshErr] = await run(dir, ["refresh", "--preview-only=yes", "--expect-no-changes=1"]);
    expect([refresh, refreshErr.split("\n").slice(0, 2)]).to.deep.equal([
      2,
      [
        "payerfleet refresh: --preview-only is a switch: give it alone (or =true, =false), not --preview-only=yes",
        "payerfleet refresh: --expect-no-changes is a switch: give it alone (or =true, =false), not --expect-no-changes=1",
      ],
    ]);
    const [valid, validOut] = await run(dir, ["validate", "--json=true"]);
    expect([valid, JSON.parse(validOut).valid]).to.deep.equal([0, true]);
  });

  it("says what a stray argument or a comma-separated --partner was likely meant to be", async () => {
    expect(await run(dir, ["plan", "acme"])).to.deep.equal([2, "", "payerfleet plan: unexpected argument acme: plan takes options only; a partner is named with --partner acme\nRun payerfleet plan --help for usage.\n"]);
    expect(await run(dir, ["validate", "a.yaml", "b.yaml"])).to.deep.equal([2, "", "payerfleet validate: unexpected argument b.yaml: validate checks one inventory file at a time\nRun payerfleet validate --help for usage.\n"]);
    expect(await run(dir, ["audit", "--partner=acme,globex"])).to.deep.equal([
      2,
      "",
      "payerfleet audit: --partner takes one id each time: --partner acme --partner globex, not acme,globex\nRun payerfleet audit --help for usage.\n",
    ]);
  });

  it("scrubs the passphrase from a usage error that quotes it", async () => {
    const [code, , stderr] = await run(dir, ["preview", "--deadline", "correct-horse-battery"], { PULUMI_CONFIG_PASSPHRASE: "correct-horse-battery" });
    expect([code, stderr]).to.deep.equal([2, "payerfleet preview: --deadline must be a duration such as 90s, 30m or 2h (got [redacted])\nRun payerfleet preview --help for usage.\n"]);
  });

  it("destroy offboards only the stacks named and confirmed, each one", async () => {
    expect(await run(dir, ["destroy"])).to.deep.equal([
      2,
      "",
      "payerfleet destroy: destroy offboards a stack (the distributor's resources deleted, the customer's released), so it acts only on stacks named with --partner ID, each confirmed with --yes-destroy-partner ID\nRun payerfleet destroy --help for usage.\n",
    ]);
    expect(await run(dir, ["destroy", "--partner", "acme", "--partner", "globex", "--yes-destroy-partner", "acme", "--yes-destroy-partner", "hub"])).to.deep.equal([
      2,
      "",
      [
        "payerfleet destroy: destroy offboards a stack: confirm each one with --yes-destroy-partner ID; not confirmed: globex",
        "payerfleet destroy: --yes-destroy-partner names hub, which --partner does not: name and confirm the same stacks",
        "Run payerfleet destroy --help for usage.",
        "",
      ].join("\n"),
    ]);
  });

  it("says which flag misses its value", async () => {
    expect(await run(dir, ["preview", "--json"])).to.deep.equal([2, "", "payerfleet preview: Not enough arguments following: json\nRun payerfleet preview --help for usage.\n"]);
    expect(await run(dir, ["preview", "--partner", ""])).to.deep.equal([2, "", "payerfleet preview: --partner needs a value\nRun payerfleet preview --help for usage.\n"]);
  });

  it("policies and bootstrap take one partner: a repeated --partner says so", async () => {
    for (const command of ["policies", "bootstrap"]) {
      expect(await run(dir, [command, "--partner", "acme", "--partner", "globex"])).to.deep.equal([
        2,
        "",
        `payerfleet ${command}: --partner takes one partner (or hub); it was given 2 times (acme, globex)\nRun payerfleet ${command} --help for usage.\n`,
      ]);
    }
  });

  it("refuses report files that clash: the same file twice, or the inventory itself", async () => {
    expect(await run(dir, ["preview", "--json", "r.out", "--markdown", "./r.out"])).to.deep.equal([
      2,
      "",
      "payerfleet preview: --json and --markdown both name ./r.out: each report needs its own file\nRun payerfleet preview --help for usage.\n",
    ]);
    expect(await run(dir, ["audit", "--markdown", "inventory.yaml"])).to.deep.equal([
      2,
      "",
      "payerfleet audit: --markdown inventory.yaml is the inventory itself: writing the report there would destroy it\nRun payerfleet audit --help for usage.\n",
    ]);
    expect(await readFile(join(dir, "inventory.yaml"), "utf8")).to.equal(BASE_INVENTORY);
  });

  it("says which report files are left from an earlier run when bad input stops this one", async () => {
    await writeFile(join(dir, "report.json"), "{}");
    expect(await run(dir, ["up", "--json", "report.json", "--concurrency", "0"])).to.deep.equal([
      2,
      "",
      [
        "payerfleet up: --concurrency must be a whole number of at least 1 (got 0)",
        "Run payerfleet up --help for usage.",
        "payerfleet up: note: report.json is from an earlier run; this run wrote nothing",
        "",
      ].join("\n"),
    ]);
  });

  describe("validate", () => {
    it("reads -i/--inventory and $PAYERFLEET_INVENTORY like every other command", async () => {
      await rm(join(dir, "inventory.yaml"));
      await writeFile(join(dir, "fleet.yaml"), BASE_INVENTORY);
      const valid = "fleet.yaml: valid: 2 partners, 2 linked accounts, 0 warnings\n";
      expect(await run(dir, ["validate", "-i", "fleet.yaml"])).to.deep.equal([0, valid, ""]);
      expect(await run(dir, ["validate", "--inventory", "fleet.yaml"])).to.deep.equal([0, valid, ""]);
      expect(await run(dir, ["validate"], { PAYERFLEET_INVENTORY: "fleet.yaml" })).to.deep.equal([0, valid, ""]);
      expect(await run(dir, ["validate", "fleet.yaml", "-i", "other.yaml"])).to.deep.equal([
        2,
        "",
        "payerfleet validate: the inventory is named twice, as fleet.yaml and as --inventory other.yaml: name one\nRun payerfleet validate --help for usage.\n",
      ]);
    });
  });

  describe("the environment, checked before anything is created", () => {
    it("refuses a passphrase too short to scrub from output, a passphrase file that is a directory, and a backend with no bucket, all at once", async () => {
      const box = await Sandbox.create();
      try {
        await box.writeInventory(["acme"]);
        await mkdir(join(box.dir, "passphrase-dir"));
        const short = await box.run(["preview"], box.env({ PULUMI_CONFIG_PASSPHRASE: "hunter2" }));
        expect([short.code, short.stdout]).to.deep.equal([2, ""]);
        expect(short.stderr).to.equal(
          "payerfleet preview: PULUMI_CONFIG_PASSPHRASE is 7 characters long; payerfleet needs at least 8, because a shorter passphrase cannot be scrubbed from output without scrubbing ordinary words; nothing was run\n",
        );
        const directory = await box.run(["preview"], box.env({ PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: join(box.dir, "passphrase-dir") }));
        expect(directory.stderr).to.equal(`payerfleet preview: PULUMI_CONFIG_PASSPHRASE_FILE names ${join(box.dir, "passphrase-dir")}, which is a directory, not a file holding the passphrase; nothing was run\n`);
        const bucket = await box.run(["preview"], box.env({ PULUMI_BACKEND_URL: "s3://" }));
        expect(bucket.stderr).to.equal("payerfleet preview: PULUMI_BACKEND_URL: s3:// names no bucket: use s3://BUCKET[/PREFIX]\n");
        expect(await box.events()).to.deep.equal([]);
        expect(existsSync(join(box.dir, ".payerfleet"))).to.equal(false);
      } finally {
        await box.remove();
      }
    });

    it("refuses a file backend under a pseudo-filesystem at once, instead of spinning", async () => {
      const box = await Sandbox.create();
      try {
        await box.writeInventory(["acme"]);
        const result = await box.run(["preview", "--backend", "file:///proc/payerfleet-state"]);
        expect([result.code, result.stderr]).to.deep.equal([2, "payerfleet preview: cannot use the state backend file:///proc/payerfleet-state: cannot create /proc/payerfleet-state: ENOENT: no such file or directory, mkdir '/proc/payerfleet-state'\n"]);
        expect(await box.events()).to.deep.equal([]);
      } finally {
        await box.remove();
      }
    });

    it("says --changed-since needs a git repository when the inventory is in none", async () => {
      const box = await Sandbox.create();
      try {
        await box.writeInventory(["acme"]);
        const result = await box.run(["preview", "--changed-since", "origin/main"]);
        expect([result.code, result.stderr]).to.deep.equal([2, `payerfleet preview: --changed-since origin/main needs the inventory in a git repository: ${box.dir} is not in one\n`]);
      } finally {
        await box.remove();
      }
    });

    it("names the same passphrase file and state directory to the Pulumi CLI as it checked, however relative", async () => {
      const box = await Sandbox.create();
      try {
        await box.writeInventory(["acme"]);
        await box.script({});
        await writeFile(join(box.dir, ".passphrase"), "correct-horse-battery\n");
        const result = await box.run(["preview", "--backend", "file://rel-state"], box.env({ PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: ".passphrase" }));
        expect(result.code, result.stderr).to.equal(0);
        expect(existsSync(join(box.dir, "rel-state", ".pulumi", "stacks", "payerfleet", "acme.json"))).to.equal(true);
        expect((await box.events()).filter((e) => e.event === "end").map((e) => e.stack)).to.have.members(["hub", "acme"]);
      } finally {
        await box.remove();
      }
    });

    it("leaves no folder behind when a later check stops the run: the reports' or the backend's", async () => {
      const box = await Sandbox.create();
      try {
        await box.writeInventory(["acme"]);
        const fleet = await box.run(["preview", "--json", "newdir/r.json", "--markdown", "other/sub/r.md", "--backend", "file:///proc/payerfleet-state"]);
        expect([fleet.code, fleet.stdout]).to.deep.equal([2, ""]);
        expect(fleet.stderr).to.include("cannot use the state backend file:///proc/payerfleet-state");
        expect(existsSync(join(box.dir, "newdir")) || existsSync(join(box.dir, "other"))).to.equal(false);
      } finally {
        await box.remove();
      }
      const [code, , stderr] = await run(dir, ["audit", "--json", "newdir/r.json", "--markdown", "/proc/payerfleet/r.md"]);
      expect(code).to.equal(2);
      expect(stderr).to.include("--markdown /proc/payerfleet/r.md cannot be written");
      expect(await readdir(dir)).to.deep.equal(["inventory.yaml"]);
    });

    it("never writes a report over the inventory or the passphrase file, by another name or through a link, nor where the Markdown's parts go", async () => {
      await symlink(join(dir, "inventory.yaml"), join(dir, "link.yaml"));
      await writeFile(join(dir, "pass.txt"), "correct-horse-battery\n");
      const env = { PULUMI_CONFIG_PASSPHRASE_FILE: "pass.txt" };
      const [code, , stderr] = await run(dir, ["preview", "-i", "link.yaml", "--json", "inventory.yaml", "--markdown", "pass.txt", "--pulumi-root", FAKE_ROOT], env);
      expect(code).to.equal(2);
      expect(stderr.split("\n")).to.include.members([
        `payerfleet preview: --json inventory.yaml is the inventory (${join(dir, "link.yaml")}, through a link): writing the report there would destroy it`,
        "payerfleet preview: --markdown pass.txt is the passphrase file (PULUMI_CONFIG_PASSPHRASE_FILE): writing the report there would destroy it",
      ]);
      const [parts, , partsErr] = await run(dir, ["audit", "--json", "pr.2.md", "--markdown", "pr.md"]);
      expect([parts, partsErr]).to.deep.equal([
        2,
        "payerfleet audit: --json pr.2.md is where a long --markdown report's further parts go (pr.md is part 1): name another file\nRun payerfleet audit --help for usage.\n",
      ]);
      expect(await readFile(join(dir, "inventory.yaml"), "utf8")).to.equal(BASE_INVENTORY);
      expect(await readFile(join(dir, "pass.txt"), "utf8")).to.equal("correct-horse-battery\n");
    });

    it("refuses a secrets provider the Pulumi CLI does not have, with the rest", async () => {
      const [code, , stderr] = await run(dir, ["preview", "--secrets-provider", "bogus", "--pulumi-root", FAKE_ROOT], { PULUMI_CONFIG_PASSPHRASE: "correct-horse-battery" });
      expect([code, stderr]).to.deep.equal([
        2,
        "payerfleet preview: --secrets-provider bogus is not a secrets provider: use passphrase, default (Pulumi Cloud), or awskms://, azurekeyvault://, gcpkms://, hashivault:// with its key\n",
      ]);
      expect(await readdir(dir)).to.deep.equal(["inventory.yaml"]);
    });

    it("refuses a report folder that cannot be written before auditing anything", async () => {
      await writeFile(join(dir, "blocked"), "a file, not a folder");
      const [code, stdout, stderr] = await run(dir, ["audit", "--json", "blocked/audit.json"]);
      expect([code, stdout, stderr]).to.deep.equal([2, "", `payerfleet audit: --json blocked/audit.json cannot be written: ${join(dir, "blocked")} is not a directory\n`]);
      const readOnly = join(dir, "read-only");
      await mkdir(readOnly);
      await chmod(readOnly, 0o500);
      // Root writes anywhere: the check is only meaningful for other users.
      if (process.getuid?.() !== 0) {
        const [denied] = await run(dir, ["audit", "--markdown", "read-only/audit.md"]);
        expect(denied).to.equal(2);
      }
    });
  });
});

/** Polls until `check` holds; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
