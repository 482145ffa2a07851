/**
 * The driver against the real Pulumi CLI and a local file backend. Runs where `pulumi` is on
 * PATH; skipped, with the reason printed, where it is not (the CLI cannot be installed on
 * every machine that runs this suite).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Sandbox } from "../support/fake-pulumi/harness.ts";

const pulumiVersion = spawnSync("pulumi", ["version"], { encoding: "utf8" });
const available = pulumiVersion.status === 0;

describe("payerfleet against the real Pulumi CLI (file backend)", function () {
  this.timeout(600_000);
  let box: Sandbox;
  before(function () {
    if (!available) {
      console.log("    skipped: the Pulumi CLI is not on PATH here (https://www.pulumi.com/docs/install/)");
      this.skip();
    }
  });
  beforeEach(async () => {
    box = await Sandbox.create();
  });
  afterEach(async () => {
    await box?.remove();
  });

  it("previews, deploys, refreshes with no drift and destroys a partner whose program declares nothing yet", async () => {
    await box.writeInventory(["acme"]);
    const env = { ...box.env(), NO_PULUMI_ROOT: "1", FAKE_PULUMI_SCRIPT: undefined, FAKE_PULUMI_LOG: undefined };
    const stacks = ["--partner", "acme", "--json", "r.json"];
    for (const args of [["preview", ...stacks], ["up", ...stacks], ["refresh", "--preview-only", "--expect-no-changes", ...stacks]]) {
      const run = await box.run(args, env);
      expect(run.code, `${args[0]}: ${run.stderr}`).to.equal(0);
      const report = JSON.parse(await readFile(join(box.dir, "r.json"), "utf8"));
      expect(report.stacks.map((s: { stack: string; result: string }) => [s.stack, s.result])).to.deep.equal([["acme", "succeeded"]]);
    }
    const destroyed = await box.run(["destroy", "--partner", "acme", "--yes-destroy-partner", "acme"], env);
    expect(destroyed.code, destroyed.stderr).to.equal(0);
  });
});
