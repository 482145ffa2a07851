/**
 * Hostile text stays inert in every renderer. Generated strings (control characters, line
 * breaks, bidi overrides, HTML, Markdown, mentions, shell and YAML syntax, very long values) go
 * where text from the inventory, the engine or AWS goes, and the output must have exactly the
 * structure it has with a plain value: the same Markdown tokens, the same parsed template, the
 * same AWS CLI calls, the same number of terminal lines, no control character anywhere.
 */
import { expect } from "chai";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { parse as parseYaml } from "yaml";
import { auditPartner } from "../../src/audit/audit.ts";
import { auditMarkdown, auditTable } from "../../src/audit/render.ts";
import type { AuditReport } from "../../src/audit/report.ts";
import { markdownBlocks } from "../../src/automation/reports/markdown.ts";
import { splitMarkdown } from "../../src/automation/reports/markdown-split.ts";
import type { FleetReport } from "../../src/automation/reports/report.ts";
import { reviewItems } from "../../src/automation/reports/review.ts";
import { fleetTable } from "../../src/automation/reports/table.ts";
import { collectStackWarnings } from "../../src/automation/reports/warnings.ts";
import { bootstrapFiles } from "../../src/bootstrap/bundle.ts";
import { bootstrapTarget } from "../../src/bootstrap/target.ts";
import { renderPlans } from "../../src/cli/plan/run.ts";
import type { Inventory } from "../../src/inventory/schema.ts";
import type { StackPlan } from "../../src/plan/plan.ts";
import { passingApi } from "../audit/fake-api.ts";
import { runBootstrapScript } from "../bootstrap/run-script.ts";
import { exampleInventory, partnerOf } from "../support/example.ts";

const FRAGMENTS = [
  "\n",
  "\r\n",
  "\u0000",
  "\u001b[2J",
  "\u0085",
  "\u2028",
  "\u202e",
  "\u2066",
  "</details>",
  "<details>",
  "<img src=x onerror=alert(1)>",
  "<!--",
  "@octocat",
  "@org/team",
  "|",
  "`",
  "```",
  "~~~",
  "---",
  "# ",
  "- ",
  "1. ",
  "> ",
  "[x](https://evil.example)",
  "![i](https://evil.example/i.png)",
  "**",
  "_",
  "~~",
  "$x$",
  "&amp;",
  "\\",
  "'",
  '"',
  "$(id)",
  "`id`",
  "; echo pwned",
  ": ",
  "{a: b}",
  "[a, b]",
  "&anchor ",
  "*alias",
  "!!str ",
  "#",
];

/**
 * Hostile values, up to 4,000 characters: longer ones are cut by the reports' own bounds
 * (tested apart), which changes the structure on purpose. Never blank: an empty name in a
 * code span changes how a line looks but lets nothing in.
 */
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 }), fc.constant("x".repeat(3000))), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join("").slice(0, 4000))
  .filter((value) => value.trim() !== "");

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const md = new MarkdownIt({ html: true, linkify: false });

/** The Markdown's structure: block and inline token types and tags, text runs merged. */
function structure(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const t of tokens) {
      if (t.type === "inline") walk(t.children ?? []);
      else if (t.type === "text" && out.at(-1) === "text:") continue;
      else out.push(t.type === "html_block" || t.type === "html_inline" ? `${t.type}:${htmlTags(t.content)}` : `${t.type}:${t.tag}`);
    }
  };
  walk(md.parse(markdown, {}));
  return out;
}

/** The tags in raw HTML: our own elements only, whatever text is between them. */
function htmlTags(html: string): string {
  return [...html.matchAll(/<\/?[a-z][^>]*>/gi)].map((m) => m[0]).join("");
}

/**
 * Mentions GitHub would make of the rendered text: an `@` before a name, outside code, not
 * broken by a zero-width space.
 */
function mentions(markdown: string): string[] {
  const html = md.render(markdown).replace(/<(pre|code)>[\s\S]*?<\/\1>/g, "");
  return [...html.matchAll(/(?:^|[^\w@\u200b])@(?=[A-Za-z0-9])/g)].map((m) => m[0]);
}

function fleetReport(value: string): { report: FleetReport; warnings: ReturnType<typeof collectStackWarnings>[] } {
  // Values as the engine gives them: names, e-mails, and a JSON document holding the value.
  const document = (v: string) => JSON.stringify({ Statement: [{ Sid: v, Principal: { AWS: [v] } }] });
  const resource = (op: string, type = "aws:organizations/account:Account") => ({
    urn: `urn:pulumi:acme::payerfleet::${type}::${value}`,
    type,
    op,
    properties: { name: value, email: `${value}@example.com`, parentId: value, policy: document(value) },
    diffs: [
      { path: `tags.${value}`, kind: "update-replace", old: JSON.stringify(value), before: value, new: JSON.stringify(`${value}2`), after: `${value}2` },
      { path: "assumeRolePolicy", kind: "update", old: "{}", before: document(value), new: "{}", after: document(`${value}2`) },
    ],
  });
  const org = { ous: new Map([[value, { name: value, parentId: "r-1" }]]), newOus: [value] };
  const acme = [resource("replace"), resource("update", "aws:iam/role:Role"), resource("create")];
  const report: FleetReport = {
    operation: "preview",
    stacks: [
      { stack: "acme", partner: "acme", result: "succeeded", changes: { replace: 1 }, resources: acme, error: null, review: reviewItems("acme", acme, org) },
      { stack: "globex", partner: "globex", result: "failed", changes: {}, resources: [resource("delete")], error: `error: ${value}`, review: reviewItems("globex", [resource("delete")], org) },
    ],
    orphans: [{ stack: value, sources: ["backend"] }],
  };
  return { report, warnings: report.stacks.map((s) => collectStackWarnings(s, [value])) };
}

function fleetMarkdown(value: string): string {
  const { report, warnings } = fleetReport(value);
  const byStack = new Map(report.stacks.map((s, i) => [s.stack, warnings[i]!]));
  // One part whatever the length: how long values split a report into parts is tested apart.
  return splitMarkdown("payerfleet preview", markdownBlocks(report, byStack, [value]), 10_000_000).join("\n");
}

async function auditReport(inventory: Inventory, value: string): Promise<AuditReport> {
  const partner = partnerOf(inventory, "contoso");
  const api = passingApi(inventory, partner, {
    accountsForParent: async () => [{ id: "512345678901", name: value, email: `${value}@example.com`, status: value, parent: "r" } as never],
    alternateContact: async () => ({ name: value, title: value, emailAddress: value, phoneNumber: value }),
  });
  const audit = await auditPartner(inventory, partner, async () => ({ api, close: () => {} }));
  return { version: 1, auditedAt: "2026-11-29T00:00:00.000Z", summary: { partners: 1, pass: 0, fail: 1, couldNotCheck: 0 }, partners: [audit] };
}

/** The example inventory with `value` wherever a display name or free text goes, validation bypassed. */
function withNames(inventory: Inventory, value: string): Inventory {
  const copy = structuredClone(inventory);
  copy.distributor.name = value;
  for (const p of copy.partners) {
    p.name = value;
    if (p.payer?.primaryContact) p.payer.primaryContact.phoneNumber = value;
  }
  return copy;
}

describe("hostile text stays inert in every renderer", function () {
  this.timeout(300_000);
  let inventory: Inventory;
  before(async () => {
    inventory = await exampleInventory();
  });

  it("the fleet's Markdown report keeps its structure and mentions nobody", () => {
    const plain = structure(fleetMarkdown("plain"));
    fc.assert(
      fc.property(hostile, (value) => {
        const text = fleetMarkdown(value);
        expect(structure(text)).to.deep.equal(plain);
        expect(mentions(text)).to.deep.equal([]);
        expect(CONTROL.test(text)).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("the fleet's terminal table keeps one line per value", () => {
    const lines = (value: string) => {
      const { report, warnings } = fleetReport(value);
      return fleetTable(report, new Map(report.stacks.map((s, i) => [s.stack, warnings[i]!])), [value]);
    };
    const plain = lines("plain").split("\n").length;
    fc.assert(
      fc.property(hostile, (value) => {
        const text = lines(value);
        expect(text.split("\n").length).to.equal(plain);
        expect(CONTROL.test(text)).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("the audit's Markdown and table keep their structure, AWS's names being data", async () => {
    const plainMarkdown = structure(auditMarkdown(await auditReport(inventory, "plain")));
    const plainLines = auditTable(await auditReport(inventory, "plain")).split("\n").length;
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const report = await auditReport(inventory, value);
        const markdown = auditMarkdown(report);
        expect(structure(markdown)).to.deep.equal(plainMarkdown);
        expect(mentions(markdown)).to.deep.equal([]);
        const table = auditTable(report);
        expect(table.split("\n").length).to.equal(plainLines);
        expect(CONTROL.test(markdown + table)).to.equal(false);
      }),
      { numRuns: 200 },
    );
  });

  it("plan's output keeps one line per value", () => {
    const plans: StackPlan[] = [{ id: "contoso", resources: [], warnings: [] }];
    const render = (value: string) => renderPlans(withNames(inventory, value), plans.map((p) => ({ ...p, warnings: [value] })));
    const plain = render("plain").split("\n").length;
    fc.assert(
      fc.property(hostile, (value) => {
        const text = render(value);
        expect(text.split("\n").length).to.equal(plain);
        expect(CONTROL.test(text)).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("bootstrap's template parses to the same document, and its ceremony to the same Markdown", () => {
    const files = (value: string) => bootstrapFiles(withNames(inventory, value), bootstrapTarget(withNames(inventory, value), "contoso")!);
    const content = (value: string, name: string) => files(value).find((f) => f.name === name)!.content;
    const template = parseYaml(content("plain", "automation-role.cfn.yaml"));
    const ceremony = structure(content("plain", "custody-ceremony.md"));
    fc.assert(
      fc.property(hostile, (value) => {
        expect(parseYaml(content(value, "automation-role.cfn.yaml"))).to.deep.equal(template);
        const text = content(value, "custody-ceremony.md");
        expect(structure(text)).to.deep.equal(ceremony);
        expect(mentions(text)).to.deep.equal([]);
      }),
      { numRuns: 200 },
    );
  });

  it("bootstrap.sh makes the same AWS CLI calls whatever the names hold", async () => {
    const calls = async (value: string, account: string) => {
      const named = withNames(inventory, value);
      return runBootstrapScript(bootstrapFiles(named, bootstrapTarget(named, "contoso")!), { account, roleExists: false });
    };
    const plain = await calls("plain", "100000000002");
    const wrong = await calls("plain", "999999999999");
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const run = await calls(value, "100000000002");
        expect([run.code, run.calls]).to.deep.equal([plain.code, plain.calls]);
        const refused = await calls(value, "999999999999");
        expect([refused.code, refused.calls]).to.deep.equal([wrong.code, wrong.calls]);
        expect(refused.stderr.split("\n").length).to.equal(wrong.stderr.split("\n").length);
      }),
      { numRuns: 12 },
    );
  });
});
