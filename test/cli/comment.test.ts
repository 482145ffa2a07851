/**
 * `payerfleet comment` against a local fake of GitHub's REST API: one comment set per key,
 * created, then edited in place, shrunk, and never another key's; a read-only token falls back
 * to the step summary; server errors are retried, then exit 1.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { markerOf } from "../../src/github/comments.ts";
import { main } from "../../src/cli/main.ts";
import { runComment } from "../../src/cli/comment/run.ts";
import { FakeGitHub } from "../support/fake-github.ts";
import { memoryIo } from "../support/io.ts";

const part = (k: number, n: number, body: string) => `## payerfleet preview · shard 2/4${n > 1 ? ` (part ${k} of ${n})` : ""}\n\n${body}\n`;

describe("payerfleet comment", function () {
  this.timeout(60_000);
  let github: FakeGitHub;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    github = await FakeGitHub.start();
    dir = await mkdtemp(join(tmpdir(), "payerfleet-comment-"));
    await writeFile(join(dir, "event.json"), JSON.stringify({ pull_request: { number: 7 } }));
    env = {
      GITHUB_TOKEN: "test-token",
      GITHUB_REPOSITORY: "distributor/fleet",
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_PATH: join(dir, "event.json"),
      GITHUB_WORKFLOW: "preview",
      GITHUB_JOB: "plan",
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
    };
  });
  afterEach(async () => {
    await github.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function writeReport(parts: readonly string[]): Promise<void> {
    for (const [i, text] of parts.entries()) await writeFile(join(dir, i === 0 ? "pr.md" : `pr.${i + 1}.md`), text);
  }

  async function comment(args: string[] = []): Promise<[number, string, string]> {
    const io = memoryIo({ cwd: dir, env });
    const code = await main(["comment", "--markdown", "pr.md", ...args], io);
    return [code, io.out(), io.err()];
  }

  const ours = () => github.comments.filter((c) => markerOf(c.body) !== undefined).map((c) => ({ id: c.id, ...markerOf(c.body)!, text: c.body.split("\n").slice(1).join("\n") }));

  it("creates the parts, edits the same comments next time, deletes parts the report no longer has, and never touches another key's or anyone's", async () => {
    const someone = github.add("LGTM");
    const otherKey = github.add(`<!-- payerfleet-comment key="${encodeURIComponent("preview / plan / shard 1/4")}" part="1" -->\nshard 1's report`);
    await writeReport([part(1, 3, "first"), part(2, 3, "second"), part(3, 3, "third")]);
    expect(await comment()).to.deep.equal([0, "distributor/fleet#7: 3 created, 0 updated, 0 unchanged, 0 deleted (key preview / plan / shard 2/4)\n", ""]);
    const created = ours().filter((c) => c.key === "preview / plan / shard 2/4");
    expect(created.map((c) => [c.part, c.text])).to.deep.equal([
      [1, part(1, 3, "first")],
      [2, part(2, 3, "second")],
      [3, part(3, 3, "third")],
    ]);

    await writeReport([part(1, 3, "first, again"), part(2, 3, "second"), part(3, 3, "third")]);
    expect((await comment())[1]).to.equal("distributor/fleet#7: 0 created, 1 updated, 2 unchanged, 0 deleted (key preview / plan / shard 2/4)\n");
    expect(ours().filter((c) => c.key === "preview / plan / shard 2/4").map((c) => c.id)).to.deep.equal(created.map((c) => c.id));

    await rm(join(dir, "pr.2.md"));
    await rm(join(dir, "pr.3.md"));
    await writeReport([part(1, 1, "all in one now")]);
    expect((await comment())[1]).to.equal("distributor/fleet#7: 0 created, 1 updated, 0 unchanged, 2 deleted (key preview / plan / shard 2/4)\n");
    const left = ours().filter((c) => c.key === "preview / plan / shard 2/4");
    expect(left.map((c) => [c.id, c.part, c.text])).to.deep.equal([[created[0]!.id, 1, part(1, 1, "all in one now")]]);
    expect(github.comments).to.deep.include(someone);
    expect(github.comments).to.deep.include(otherKey);
    expect(github.requests.filter((r) => r.startsWith("DELETE")).map((r) => Number(r.split("/").at(-1)))).to.deep.equal([created[1]!.id, created[2]!.id]);
  });

  it("puts the report in the step summary, with a note, when the token may not write: exit 0", async () => {
    github.denyWrites = true;
    await writeReport([part(1, 1, "the report")]);
    const [code, stdout, stderr] = await comment();
    expect([code, stdout]).to.deep.equal([0, ""]);
    expect(stderr).to.equal("payerfleet comment: note: cannot comment on distributor/fleet#7 (HTTP 403: Resource not accessible by integration); the report is in the job's step summary\n");
    expect(await readFile(join(dir, "summary.md"), "utf8")).to.equal(
      "> [!NOTE]\n> payerfleet could not comment on distributor/fleet#7 (HTTP 403: Resource not accessible by integration): the token may not write there, as on a fork's pull request. The report is here instead.\n\n" +
        `${part(1, 1, "the report")}\n`,
    );
  });

  it("retries server errors, then fails with exit 1, leaving the report files as they are", async () => {
    await writeReport([part(1, 1, "the report")]);
    github.failures = [503, 503, 503, 503, 503, 503];
    const io = memoryIo({ cwd: dir, env });
    const code = await runComment({ markdown: "pr.md", summary: false, post: true }, io, { retries: 2, retryBaseMs: 1 });
    expect(code).to.equal(1);
    expect(github.requests).to.deep.equal(["GET /repos/distributor/fleet/issues/7/comments", "GET /repos/distributor/fleet/issues/7/comments", "GET /repos/distributor/fleet/issues/7/comments"]);
    expect(io.err()).to.equal("payerfleet comment: distributor/fleet#7: HTTP 503: fake failure 503; the report files are unchanged\n");
    expect(await readFile(join(dir, "pr.md"), "utf8")).to.equal(part(1, 1, "the report"));

    github.failures = [502, 500];
    const again = memoryIo({ cwd: dir, env });
    expect(await runComment({ markdown: "pr.md", summary: false, post: true }, again, { retries: 2, retryBaseMs: 1 })).to.equal(0);
    expect(ours().map((c) => c.text)).to.deep.equal([part(1, 1, "the report")]);
  });

  it("writes the report's head to the step summary with --summary, and needs no pull request with --no-post", async () => {
    await writeReport([`${part(1, 1, "**2 stacks**: 2 succeeded")}\n<details><summary>acme</summary>\n\nlots\n</details>\n`]);
    delete env["GITHUB_EVENT_PATH"];
    expect(await comment(["--summary", "--no-post"])).to.deep.equal([0, "", ""]);
    expect(await readFile(join(dir, "summary.md"), "utf8")).to.equal(`${part(1, 1, "**2 stacks**: 2 succeeded").trimEnd()}\n\n_Each stack's changes are in the pull request's comments and the JSON report._\n\n`);
    expect(github.requests).to.deep.equal([]);
  });

  it("says at once everything it is missing: exit 2, nothing posted", async () => {
    await writeReport([part(1, 1, "the report")]);
    env = { GITHUB_API_URL: github.url };
    const [code, stdout, stderr] = await comment();
    expect([code, stdout]).to.deep.equal([2, ""]);
    expect(stderr.split("\n")).to.deep.equal([
      "payerfleet comment: GITHUB_TOKEN is not set: the token comments are written with (in a workflow, secrets.GITHUB_TOKEN with pull-requests: write)",
      "payerfleet comment: no repository: set GITHUB_REPOSITORY or give --repo OWNER/NAME",
      "payerfleet comment: no pull request: the workflow's event is not a pull request's; give --pr N",
      "",
    ]);
    expect(github.requests).to.deep.equal([]);
  });
});
