import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import MarkdownIt from "markdown-it";
import { createProgress } from "../../../src/automation/reports/progress.ts";
import type { FleetReport, StackReport } from "../../../src/automation/reports/report.ts";
import { writeReports } from "../../../src/automation/reports/write.ts";

const failed = (stack: string, error: string): StackReport => ({ stack, partner: stack, result: "failed", changes: {}, resources: [], error });

function reportOf(stacks: StackReport[]): FleetReport {
  return { operation: "preview", stacks, orphans: [] };
}

describe("reports write outside text as data", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-write-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (report: FleetReport, options: { markdown?: string; scope?: string[] }) =>
    writeReports({ report, warnings: new Map(), notes: [], scope: options.scope ?? [], markdown: options.markdown, cwd: dir, stdout: () => {}, redact: (t) => t, log: () => {} });

  it("prints a failed stack's progress line with the engine's control characters shown, not run", () => {
    let out = "";
    const progress = createProgress({ operation: "up", total: 1, write: (t) => (out += t), tty: false, redact: (t) => t });
    progress.finished(failed("contoso", "\u001b]0;pwned\u0007\u001b[2J error: Evil\rhidden\nsecond line"), []);
    progress.close();
    expect(out).to.equal("[1/1] contoso: failed: \\u{001B}]0;pwned\\u{0007}\\u{001B}[2J error: Evil\\u{000D}hidden\n");
  });

  it("keeps a git ref in the Markdown heading inert: no mention, no HTML", async () => {
    await write(reportOf([]), { markdown: "pr.md", scope: ["changed since @octocat/<b>x</b>"] });
    const heading = (await readFile(join(dir, "pr.md"), "utf8")).split("\n")[0]!;
    expect(heading).to.equal("## payerfleet preview · changed since @&#8203;octocat/&lt;b&gt;x&lt;/b&gt;");
    const html = new MarkdownIt({ html: true }).render(heading);
    expect(html).to.equal("<h2>payerfleet preview · changed since @\u200Boctocat/&lt;b&gt;x&lt;/b&gt;</h2>\n");
  });

  it("removes the parts of an earlier, longer report, and never a file only named like one", async () => {
    await writeFile(join(dir, "pr.2.md"), "## payerfleet preview (part 2 of 3)\n\nold\n");
    await writeFile(join(dir, "pr.3.md"), "## payerfleet preview (part 3 of 3)\n\nold\n");
    await write(reportOf([]), { markdown: "pr.md" });
    expect((await readdir(dir)).sort()).to.deep.equal(["pr.md"]);

    await writeFile(join(dir, "pr.2.md"), '{ "operation": "preview" }\n');
    await write(reportOf([]), { markdown: "pr.md" });
    expect((await readdir(dir)).sort()).to.deep.equal(["pr.2.md", "pr.md"]);
    expect(await readFile(join(dir, "pr.2.md"), "utf8")).to.equal('{ "operation": "preview" }\n');
  });
});
