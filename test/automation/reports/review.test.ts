/**
 * What a reviewer sees of a pull request, from engine event streams recorded from the real
 * Pulumi CLI (streams/README.md): the review list, its JSON, and each change's values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { StackEvents } from "../../../src/automation/events/events.ts";
import { markdownBlocks, resourceLines } from "../../../src/automation/reports/markdown.ts";
import type { FleetReport, StackReport } from "../../../src/automation/reports/report.ts";
import { reviewItems } from "../../../src/automation/reports/review.ts";
import { changeLines, MAX_VALUE_LINES, propertyLines } from "../../../src/automation/reports/value-lines.ts";
import { SYNTHETIC } from "../../support/fake-pulumi/harness.ts";

function stackOf(stream: string, stack: string): StackReport {
  const events = new StackEvents();
  for (const line of readFileSync(join(SYNTHETIC, stream), "utf8").split("\n")) if (line.trim() !== "") events.onEvent(JSON.parse(line) as EngineEvent);
  const resources = events.changedResources();
  return { stack, partner: stack === "hub" ? null : stack, result: "succeeded", changes: events.changes(), resources, error: null, review: reviewItems(stack, resources, events.organization()) };
}

const markdownOf = (s: StackReport) => markdownBlocks({ operation: "preview", stacks: [s], orphans: [] } satisfies FleetReport, new Map(), []).map((b) => b.text).join("\n\n");
const linesOf = (s: StackReport, name: string) => resourceLines(s.resources.find((r) => r.urn.endsWith(`::${name}`))!);

describe("the review of a pull request, from the real engine's events", () => {
  it("names a new account with its e-mail and OU, a moved one with both OUs, and a partner admin added, first", () => {
    const contoso = stackOf("real-3.248-preview-account-changes.ndjson", "contoso");
    expect(contoso.review!.map((i) => i.text)).to.deep.equal([
      "contoso: new AWS account contoso-review-probe <aws.review@contoso.example> in Review (created by this change)",
      "contoso: AWS account contoso-research-dev <aws.research.dev@contoso.example> moves from Research to Manufacturing",
      "contoso: who may assume payerfleet-partner-admin gains arn:aws:iam::400000000009:role/contoso-auditors",
      "contoso: protected aws:organizations/organizationalUnit:OrganizationalUnit contoso-organization-ou-Review: create",
    ]);
    expect(contoso.review![0]!.facts).to.deep.equal({ op: "create", name: "contoso-review-probe", email: "aws.review@contoso.example", ou: "Review (created by this change)" });
    const markdown = markdownOf(contoso);
    expect(markdown).to.include(
      "**Review first**\n\n- ➕ `contoso`: new AWS account `contoso-review-probe` `aws.review@contoso.example` in `Review (created by this change)`\n" +
        "- ↪️ `contoso`: AWS account `contoso-research-dev` `aws.research.dev@contoso.example` moves from `Research` to `Manufacturing`\n",
    );
    // The review comes before the table and the stacks' details.
    expect(markdown.indexOf("**Review first**")).to.be.below(markdown.indexOf("| stack |"));
    expect(linesOf(contoso, "contoso-contoso-review-probe-account")).to.deep.equal([
      "+ aws:organizations/account:Account  contoso-contoso-review-probe-account",
      "+     closeOnDeletion: false",
      "+     createGovcloud: false",
      '+     email: "aws.review@contoso.example"',
      '+     name: "contoso-review-probe"',
      '+     parentId: "[known after apply]"',
    ]);
  });

  it("shows a trust change as the principal added and the one removed, as lines of the document", () => {
    const fabrikam = stackOf("real-3.248-preview-trust-and-boundary.ndjson", "fabrikam");
    const trust = fabrikam.review!.find((i) => i.kind === "trust")!;
    expect(trust.facts).to.deep.equal({
      role: "payerfleet-partner-admin",
      added: ["arn:aws:iam::400000000001:role/fabrikam-security"],
      removed: ["arn:aws:iam::100000000003:role/fabrikam-platform-admins"],
    });
    expect(linesOf(fabrikam, "fabrikam-partner-admin-role").filter((l) => l.startsWith("+") || l.startsWith("-"))).to.deep.equal([
      '-                   "arn:aws:iam::100000000003:role/fabrikam-platform-admins",',
      '-                   "arn:aws:iam::400000000001:role/fabrikam-break-glass"',
      '+                   "arn:aws:iam::400000000001:role/fabrikam-break-glass",',
      '+                   "arn:aws:iam::400000000001:role/fabrikam-security"',
    ]);
    expect(fabrikam.review!.find((i) => i.kind === "boundary")!.facts).to.deep.equal({ op: "update", added: [], removed: [], changed: ["DenyDistributorBuckets"] });
  });

  it("names the payers the hub's buses admit and drop, once for every region, and keeps a changed webhook masked", () => {
    const hub = stackOf("real-3.248-preview-hub-payers.ndjson", "hub");
    expect(hub.review).to.deep.equal([
      { stack: "hub", kind: "hub-payers", resource: "event bus policies", facts: { admitted: ["100000000009"], dropped: ["100000000002"] }, text: "hub: the hub's buses admit 100000000009; drop 100000000002" },
    ]);
    const rendered = `${markdownOf(hub)}\n${JSON.stringify(hub)}`;
    // The stream carries the old and the new webhook in the clear inside secret values.
    expect(readFileSync(join(SYNTHETIC, "real-3.248-preview-hub-payers.ndjson"), "utf8")).to.include("oncall.distributor.example");
    expect(rendered).to.not.include("oncall.distributor.example");
    expect(linesOf(hub, "root-activity-hub-alerts-https-df85ee8e")).to.include('+     endpoint: "[secret]"');
  });
});

describe("values as lines of a diff block", () => {
  const policy = (n: number, changed: number) =>
    JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: "Deny", Action: i === changed ? "s3:PutObject" : "s3:GetObject", Resource: "*" })) });

  it("folds a policy of thousands of lines to the change and its context, saying how much it left out", () => {
    const lines = changeLines("     ", "policy", policy(600, 300), policy(600, 301));
    expect(lines.length).to.be.at.most(MAX_VALUE_LINES + 1);
    expect(lines[0]).to.equal("~     policy:");
    expect(lines.filter((l) => /^[+-]/.test(l))).to.deep.equal([
      '-               "Action": "s3:PutObject",',
      '+               "Action": "s3:GetObject",',
      '-               "Action": "s3:GetObject",',
      '+               "Action": "s3:PutObject",',
    ]);
    // 3,605 lines: 1,806 before the first change, 1,792 after the last, 3 of each kept.
    expect(lines[1]).to.equal("          … 1803 unchanged lines");
    expect(lines.at(-1)).to.equal("          … 1789 unchanged lines");
    expect(lines).to.have.length(18);
  });

  it("keeps the first lines of a long new value and gives its size", () => {
    const lines = propertyLines("+", "     ", "policy", policy(300, -1));
    expect(lines.length).to.equal(MAX_VALUE_LINES + 1);
    // 1,805 lines of some 33,600 characters.
    expect(lines.at(-1)).to.equal("+         … 1746 more lines (32.8 kB in all; the JSON report has it whole)");
  });

  it("shows a value that holds line breaks or fences as data: one line each, nothing closing the block", () => {
    expect(propertyLines("+", " ", "description", "a\nb")).to.deep.equal(["+ description:", "+     a", "+     b"]);
    expect(propertyLines("+", " ", "name", "```\u001b[2J")).to.deep.equal(['+ name: "```\\u001b[2J"']);
  });
});
