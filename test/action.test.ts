/**
 * The GitHub Action (action.yml) and the README's workflow that uses it: both pass actionlint,
 * and the action's own steps, run as a runner runs them, pass every input as an argument and
 * never as code, report payerfleet's exit code, and write the job's summary.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { BIN, REPO } from "./support/cli.ts";
import { FAKE_ROOT, Sandbox } from "./support/fake-pulumi/harness.ts";
import { TOOLS_CACHE } from "./support/real-engine.ts";

const ACTIONLINT = join(TOOLS_CACHE, "actionlint", "v1.7.12", "actionlint");

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function readmeWorkflow(): Promise<string> {
  const readme = await readFile(join(REPO, "README.md"), "utf8");
  const m = /```yaml\n(# \.github\/workflows\/payerfleet\.yml\n[\s\S]*?)```/.exec(readme);
  if (m === null) throw new Error("the README has no .github/workflows/payerfleet.yml block");
  return m[1]!;
}

interface Step {
  readonly name: string;
  readonly run: string;
}

async function actionSteps(): Promise<Step[]> {
  const action = parse(await readFile(join(REPO, "action.yml"), "utf8")) as { runs: { steps: Step[] } };
  return action.runs.steps;
}

describe("the GitHub Action", function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-action-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe("actionlint", () => {
    before(function () {
      if (!existsSync(ACTIONLINT)) this.skip(); // scripts/build-go-tools.sh actionlint builds it; .ci/run does
    });

    async function lint(workflow: string): Promise<{ code: number | null; out: string }> {
      // actionlint finds the repository, and so the local action `./`, by its .git folder.
      await mkdir(join(dir, ".git"), { recursive: true });
      await mkdir(join(dir, ".github", "workflows"), { recursive: true });
      await copyFile(join(REPO, "action.yml"), join(dir, "action.yml"));
      await writeFile(join(dir, ".github", "workflows", "payerfleet.yml"), workflow);
      return run(ACTIONLINT, ["-no-color", ".github/workflows/payerfleet.yml"], { cwd: dir });
    }

    it("passes the README's workflow, which uses the action, with the action's inputs", async () => {
      expect(await lint(await readmeWorkflow())).to.deep.equal({ code: 0, out: "" });
    });

    it("reads the action's inputs: one it does not declare is an error (a test of the test)", async () => {
      const result = await lint((await readmeWorkflow()).replace("          command: preview\n", "          command: preview\n          bogus: yes\n"));
      expect(result.code).to.equal(1);
      expect(result.out).to.include('input "bogus" is not defined in action "payerfleet" defined at "./"');
    });
  });

  it("passes every input as an argument, never as code, and reports payerfleet's exit code and the summary", async () => {
    const box = await Sandbox.create();
    try {
      await box.writeInventory(["acme"]);
      await box.script({});
      const steps = await actionSteps();
      const output = join(dir, "output");
      const summary = join(dir, "summary");
      const env = {
        ...process.env,
        ...box.env(),
        PATH: `${join(FAKE_ROOT, "bin")}:${process.env["PATH"]}`,
        PAYERFLEET: BIN,
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        INPUT_COMMAND: "preview",
        INPUT_INVENTORY: "inventory.yaml",
        INPUT_SHARD: "",
        INPUT_BACKEND: "",
        INPUT_CHANGED_SINCE: "",
        INPUT_DRIFT_CHECK: "true",
        GITHUB_WORKFLOW: "payerfleet",
        GITHUB_JOB: "fleet",
      };
      const step = (name: string) => {
        const found = steps.find((s) => s.name === name);
        if (found === undefined) throw new Error(`no step ${name}`);
        // As a runner runs a `shell: bash` step.
        return run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", found.run], { cwd: box.dir, env });
      };
      const ran = await step("Run payerfleet");
      expect(ran.code, ran.out).to.equal(0);
      expect(await readFile(output, "utf8")).to.equal(`exit-code=0\njson=${dir}/payerfleet/report.json\nmarkdown=${dir}/payerfleet/report.md\n`);
      expect(JSON.parse(await readFile(join(dir, "payerfleet", "report.json"), "utf8")).stacks.map((s: { stack: string }) => s.stack)).to.deep.equal(["hub", "acme"]);
      // The runner hands the step the first step's output, and no pull request to post to.
      Object.assign(env, { MARKDOWN: `${dir}/payerfleet/report.md`, POST: "false" });
      const posted = await step("Summary and pull-request comments");
      expect(posted.code, posted.out).to.equal(0);
      expect(await readFile(summary, "utf8")).to.match(/^## payerfleet preview\n\n\*\*2 stacks\*\*: 2 succeeded\n/);

      await writeFile(output, "");
      // Shell syntax in an input is a value: here, a shard payerfleet refuses (exit 2).
      env.INPUT_SHARD = '1/2"; touch pwned; echo "';
      const hostile = await step("Run payerfleet");
      expect(hostile.code).to.equal(0);
      expect(await readFile(output, "utf8")).to.match(/^exit-code=2\n/);
      expect(existsSync(join(box.dir, "pwned"))).to.equal(false);
      const exit = steps.find((s) => s.name === "Exit with payerfleet's code")!;
      expect((await run("bash", ["-c", exit.run], { cwd: box.dir, env: { ...env, CODE: "2" } })).code).to.equal(2);
    } finally {
      await box.remove();
    }
  });
});
