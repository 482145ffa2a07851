import { expect } from "chai";
import { auditFleet, type Connect } from "../../src/audit/audit.ts";
import { reasonOf } from "../../src/audit/errors.ts";
import { auditMarkdown, auditTable } from "../../src/audit/render.ts";
import type { AuditReport } from "../../src/audit/report.ts";
import { runAudit } from "../../src/cli/audit/run.ts";
import { reportingBadInput } from "../../src/cli/bad-input.ts";
import { loadInventory } from "../../src/inventory/load.ts";
import { custodyPartners, type Inventory } from "../../src/inventory/schema.ts";
import { payerfleet } from "../support/cli.ts";
import { memoryIo } from "../support/io.ts";
import { passingApi } from "./fake-api.ts";

const EXAMPLE = "examples/inventory.yaml";

describe("auditing a fleet", () => {
  let inventory: Inventory;
  before(async () => {
    inventory = (await loadInventory(EXAMPLE)).inventory!;
  });
  const passing: Connect = async (p) => ({ api: passingApi(inventory, p), close: () => {} });

  it("audits at most --concurrency partners at once, every one of them, reported in inventory order", async () => {
    const template = custodyPartners(inventory)[2]!;
    const fleet = { ...inventory, partners: Array.from({ length: 10 }, (_, i) => ({ ...template, id: `partner-${i}` })) };
    let inFlight = 0;
    let most = 0;
    const closed: string[] = [];
    const connect: Connect = async (p) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      return {
        api: passingApi(fleet, p),
        close: () => {
          inFlight--;
          closed.push(p.id);
        },
      };
    };
    const report = await auditFleet(fleet, custodyPartners(fleet), { concurrency: 3, connect });
    expect(most).to.equal(3);
    expect(report.partners.map((p) => [p.partner, p.result])).to.deep.equal(fleet.partners.map((p) => [p.id, "pass"]));
    expect(closed.sort()).to.deep.equal(fleet.partners.map((p) => p.id).sort());
    expect(report.summary).to.deep.equal({ partners: 10, pass: 10, fail: 0, couldNotCheck: 0 });
  });

  it("keeps auditing the others when one payer's role cannot be assumed", async () => {
    const connect: Connect = async (p) => {
      if (p.id === "contoso") throw Object.assign(new Error("Not authorized to perform sts:AssumeRole"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
      return passing(p);
    };
    const report = await auditFleet(inventory, custodyPartners(inventory), { concurrency: 2, connect });
    expect(report.partners.map((p) => p.result)).to.deep.equal(["pass", "could-not-check", "pass"]);
    expect(new Set(report.partners[1]!.checks.map((c) => `${c.status}: ${c.detail}`))).to.deep.equal(
      new Set(["could-not-check: cannot assume arn:aws:iam::100000000002:role/payerfleet-automation: access denied: Not authorized to perform sts:AssumeRole"]),
    );
  });

  it("names why evidence could not be had, whatever the protocol called it", () => {
    const err = (name: string, message: string, status?: number, extra: object = {}) =>
      Object.assign(new Error(message), { name, ...extra, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status, attempts: 5 } }) });
    expect(
      [
        err("AccessDenied", "not authorized\nmore", 403),
        err("AccessDeniedException", "no", 400),
        err("SyntaxError", "Unexpected token '<'", 403),
        err("SyntaxError", "Unexpected token '<'", 404),
        err("UnknownOperationException", "GetContactInformation", 400),
        err("ThrottlingException", "Rate exceeded", 400),
        err("ExpiredToken", "The security token included in the request is expired", 400),
        err("Error", "connect ECONNREFUSED 127.0.0.1:1", undefined, { code: "ECONNREFUSED" }),
        err("InternalFailure", "boom", 500),
        new Error("the credential report was still STARTED after 15 requests"),
      ].map(reasonOf),
    ).to.deep.equal([
      "access denied: not authorized",
      "access denied: no",
      "access denied: HTTP 403",
      "API not available: HTTP 404",
      "API not available: GetContactInformation",
      "throttled after 5 attempts: Rate exceeded",
      "credentials rejected: The security token included in the request is expired",
      "endpoint unreachable: ECONNREFUSED",
      "InternalFailure: boom",
      "the credential report was still STARTED after 15 requests",
    ]);
  });

  describe("rendering", () => {
    const report: AuditReport = {
      version: 1,
      auditedAt: "2026-11-23T08:00:00.000Z",
      summary: { partners: 2, pass: 1, fail: 1, couldNotCheck: 0 },
      partners: [
        { partner: "acme", accountId: "100000000001", result: "pass", checks: [{ id: "root-mfa", status: "pass", detail: "AccountMFAEnabled is 1" }] },
        {
          partner: "globex-international",
          accountId: "100000000002",
          result: "fail",
          checks: [
            { id: "root-mfa", status: "fail", detail: "AccountMFAEnabled is 0" },
            { id: "primary-contact", status: "could-not-check", detail: "a | b" },
          ],
        },
      ],
    };

    it("prints one line per partner and every check that did not pass", () => {
      expect(auditTable(report)).to.equal(
        [
          "PARTNER               PAYER         RESULT  PASS  FAIL  COULD-NOT-CHECK",
          "acme                  100000000001  pass    1     0     0",
          "globex-international  100000000002  fail    0     1     1",
          "  fail             root-mfa: AccountMFAEnabled is 0",
          "  could-not-check  primary-contact: a | b",
          "",
          "2 partners: 1 pass, 1 fail, 0 could-not-check",
          "",
        ].join("\n"),
      );
    });

    it("writes Markdown with a summary table and each partner's checks, folded when it passed", () => {
      expect(auditMarkdown(report)).to.equal(
        [
          "# payerfleet audit",
          "",
          "Audited at 2026-11-23T08:00:00.000Z: 2 partners: 1 pass, 1 fail, 0 could-not-check.",
          "",
          "| partner | payer | result | pass | fail | could-not-check |",
          "|---|---|---|---|---|---|",
          "| acme | 100000000001 | ✅ pass | 1 | 0 | 0 |",
          "| globex-international | 100000000002 | ❌ fail | 0 | 1 | 1 |",
          "",
          "<details><summary><b>acme</b> (100000000001): ✅ pass</summary>",
          "",
          "| check | status | detail |",
          "|---|---|---|",
          "| `root-mfa` | ✅ pass | AccountMFAEnabled is 1 |",
          "",
          "</details>",
          "",
          "<details open><summary><b>globex-international</b> (100000000002): ❌ fail</summary>",
          "",
          "| check | status | detail |",
          "|---|---|---|",
          "| `root-mfa` | ❌ fail | AccountMFAEnabled is 0 |",
          "| `primary-contact` | ⚠️ could-not-check | a \\| b |",
          "",
          "</details>",
          "",
        ].join("\n"),
      );
    });
  });

  describe("exit codes", () => {
    const now = () => new Date("2026-11-23T08:00:00.000Z");

    it("0 when every check of every selected partner passed; --json - prints the report instead of the table", async () => {
      const io = memoryIo();
      const code = await runAudit({ inventory: EXAMPLE, partners: ["fabrikam", "contoso"], concurrency: 2, maxAttempts: 3, json: "-" }, io, { connect: passing, now });
      expect(code).to.equal(0);
      const report = JSON.parse(io.out()) as AuditReport;
      expect([report.auditedAt, report.summary, report.partners.map((p) => p.partner)]).to.deep.equal([
        "2026-11-23T08:00:00.000Z",
        { partners: 2, pass: 2, fail: 0, couldNotCheck: 0 },
        ["contoso", "fabrikam"],
      ]);
    });

    it("1 when a check could not be checked, even with no failure: missing evidence is not evidence", async () => {
      const connect: Connect = async (p) => ({ api: passingApi(inventory, p, { credentialReport: async () => "user\n" }), close: () => {} });
      const io = memoryIo();
      const code = await runAudit({ inventory: EXAMPLE, partners: ["contoso"], concurrency: 1, maxAttempts: 3 }, io, { connect });
      expect(code).to.equal(1);
      expect(io.out().split("\n").slice(0, 3)).to.deep.equal([
        "PARTNER  PAYER         RESULT           PASS  FAIL  COULD-NOT-CHECK",
        "contoso  100000000002  could-not-check  13    0     1",
        "  could-not-check  root-credential-report: the credential report has no <root_account> row",
      ]);
    });

    it("2 for a partner the inventory does not know, or the hub, with nothing audited", async () => {
      const io = memoryIo();
      const connect: Connect = () => Promise.reject(new Error("must not be called"));
      const code = await reportingBadInput(io, "audit", () => runAudit({ inventory: EXAMPLE, partners: ["contoso", "initech", "hub"], concurrency: 1, maxAttempts: 3 }, io, { connect }));
      expect([code, io.out(), io.err()]).to.deep.equal([
        2,
        "",
        [
          "payerfleet audit: unknown partner initech: the inventory's partners are northwind, contoso, fabrikam",
          "payerfleet audit: hub is the root-activity hub's stack, which this command does not act on; name a partner",
          "",
        ].join("\n"),
      ]);
    });

    it("2 for a bad --concurrency or an invalid inventory, from the command line", async () => {
      const zero = await payerfleet(["audit", "-i", EXAMPLE, "--concurrency", "0"]);
      expect([zero.code, zero.stdout]).to.deep.equal([2, ""]);
      expect(zero.stderr).to.include("--concurrency must be a whole number of at least 1 (got 0)");
      const missing = await payerfleet(["audit", "-i", "no-such-inventory.yaml"]);
      expect([missing.code, missing.stdout]).to.deep.equal([2, ""]);
      expect(missing.stderr).to.include("no-such-inventory.yaml:1:1: error: cannot read the inventory: no such file");
    });
  });
});
