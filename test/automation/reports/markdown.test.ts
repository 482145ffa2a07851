import { expect } from "chai";
import { markdownBlocks } from "../../../src/automation/reports/markdown.ts";
import { fence } from "../../../src/text/markdown.ts";
import type { StackWarning } from "../../../src/automation/reports/warnings.ts";
import { PART_LIMIT, splitMarkdown } from "../../../src/automation/reports/markdown-split.ts";
import { partFile } from "../../../src/io/outputs.ts";
import type { FleetReport, StackReport } from "../../../src/automation/reports/report.ts";

/** Every `<details>` closed and every code fence closed, in order, within the part. */
function wellFormed(part: string): boolean {
  let open = 0;
  let fenceBar: string | undefined;
  for (const line of part.split("\n")) {
    const bar = /^(`{3,})/.exec(line)?.[1];
    if (fenceBar !== undefined) {
      if (bar !== undefined && bar.length >= fenceBar.length && line.trim() === bar) fenceBar = undefined;
      continue;
    }
    if (bar !== undefined) fenceBar = bar;
    else if (line.startsWith("<details>")) open++;
    else if (line === "</details>") open--;
    if (open < 0) return false;
  }
  return open === 0 && fenceBar === undefined;
}

function stack(i: number, resources: number): StackReport {
  return {
    stack: `partner-${String(i).padStart(3, "0")}`,
    partner: `partner-${String(i).padStart(3, "0")}`,
    result: "succeeded",
    changes: { update: resources },
    resources: Array.from({ length: resources }, (_, r) => ({
      urn: `urn:pulumi:p${i}::payerfleet::aws:iam/role:Role::role-${r}`,
      type: "aws:iam/role:Role",
      op: "update",
      diffs: [{ path: "description", kind: "update", old: '"before ```"', new: `"after ${"x".repeat(40)}"` }],
    })),
    error: null,
  };
}

/** 300 stacks x 12 changed resources: about 390,000 characters of details blocks. */
const PARTS_300 = 7;

describe("Markdown PR comment", () => {
  it("packs whole blocks into parts under the limit: 5 blocks of 30,000 characters make 3 parts", () => {
    const blocks = Array.from({ length: 5 }, (_, i) => ({ text: String(i).repeat(30_000) }));
    const parts = splitMarkdown("payerfleet preview", blocks);
    expect(parts.map((p) => p.split("\n")[0])).to.deep.equal([
      "## payerfleet preview (part 1 of 3)",
      "## payerfleet preview (part 2 of 3)",
      "## payerfleet preview (part 3 of 3)",
    ]);
    expect(parts.map((p) => p.length)).to.deep.equal([60_002 + 38, 60_002 + 38, 30_000 + 38]);
  });

  it("keeps a single part unnumbered", () => {
    expect(splitMarkdown("payerfleet up", [{ text: "a" }, { text: "b" }])).to.deep.equal(["## payerfleet up\n\na\n\nb\n"]);
  });

  it("splits a 300-stack report into well-formed parts, each stack's <details> whole in one part", () => {
    const report: FleetReport = { operation: "preview", stacks: Array.from({ length: 300 }, (_, i) => stack(i, 12)), orphans: [{ stack: "gone", sources: ["backend"] }] };
    const parts = splitMarkdown("payerfleet preview", markdownBlocks(report, new Map(), []));
    // Tightly packed: every part but the last is nearly full.
    for (const part of parts.slice(0, -1)) expect(part.length).to.be.greaterThan(PART_LIMIT - 1500);
    expect(parts.length).to.equal(PARTS_300);
    for (const part of parts) {
      expect(part.length).to.be.at.most(PART_LIMIT);
      expect(wellFormed(part), part.slice(0, 200)).to.equal(true);
    }
    const all = parts.join("");
    for (const s of report.stacks) expect(all.split(`<details><summary><b>${s.stack}</b>`).length - 1).to.equal(1);
    expect(all).to.include("- `gone` (backend)");
  });

  it("truncates a single stack larger than a comment, with a note, in a part of its own", () => {
    const report: FleetReport = { operation: "preview", stacks: [stack(1, 2), stack(2, 3000), stack(3, 2)], orphans: [] };
    const parts = splitMarkdown("payerfleet preview", markdownBlocks(report, new Map(), []));
    expect(parts).to.have.length(3);
    expect(parts[1]).to.match(/_\d+ more changed resources not shown here: this stack alone exceeds a comment; see the JSON report\._/);
    for (const part of parts) {
      expect(part.length).to.be.at.most(PART_LIMIT);
      expect(wellFormed(part)).to.equal(true);
    }
    expect(parts[1]!.length).to.be.greaterThan(PART_LIMIT - 1000);
  });

  it("cuts warnings too when one stack's warnings alone exceed a comment (400 replaced accounts)", () => {
    const big = stack(2, 400);
    const warnings = Array.from({ length: 400 }, (_, i): StackWarning => ({ kind: "account-replace", resource: `partner-002-account-${i}`, paths: ["email", "name"] }));
    const report: FleetReport = { operation: "preview", stacks: [stack(1, 2), big, stack(3, 2)], orphans: [] };
    const parts = splitMarkdown("payerfleet preview", markdownBlocks(report, new Map([[big.stack, warnings]]), []));
    expect(parts).to.have.length(3);
    expect(parts[1]).to.match(/_\d+ more warnings not shown here: this stack alone exceeds a comment\._/);
    expect(parts[1]).to.include("**REPLACES AWS account `partner-002-account-0`** (email, name)");
    // The warning block above everything lists what fits a quarter of a comment, then a count.
    expect(parts[0]).to.match(/^> - _and 3\d\d more: see each stack below\._$/m);
    for (const part of parts) {
      expect(part.length).to.be.at.most(PART_LIMIT);
      expect(wellFormed(part)).to.equal(true);
    }
  });

  it("fences text longer than any backtick run inside it", () => {
    expect(fence("a ```` b", "text")).to.equal("`````text\na ```` b\n`````");
  });

  it("names part files FILE, FILE.2.md, ...", () => {
    expect([1, 2, 10].map((k) => partFile("out/pr.md", k))).to.deep.equal(["out/pr.md", "out/pr.2.md", "out/pr.10.md"]);
    expect(partFile("dir.d/report", 2)).to.equal("dir.d/report.2");
  });
});

describe("a failed stack's summary", () => {
  it("counts the changes its diff lists when the engine's summary counted none (failed-stacks-dont-rewrite-operations.ndjson)", async () => {
    const { readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { StackEvents } = await import("../../../src/automation/events/events.ts");
    const { stackDetails } = await import("../../../src/automation/reports/markdown.ts");
    const { RECORDED } = await import("../../support/fake-pulumi/harness.ts");
    const events = new StackEvents();
    for (const line of (await readFile(join(RECORDED, "failed-stacks-dont-rewrite-operations.ndjson"), "utf8")).split("\n").filter((l) => l !== "")) events.onEvent(JSON.parse(line));
    const report: StackReport = { stack: "acme", partner: "acme", result: "failed", changes: events.changes(), resources: events.changedResources(), error: "error: update failed" };
    expect(report.changes).to.deep.equal({ same: 1 });
    expect(stackDetails(report, [])!.split("\n")[0]).to.equal("<details><summary><b>acme</b> ❌ failed: replace 1, update 1</summary>");
  });
});
