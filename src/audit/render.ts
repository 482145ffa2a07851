/**
 * The audit report for people: a terminal table (one line per partner, then each check that
 * did not pass) and a Markdown document for an evidence archive or a pull-request comment.
 */
import { visible } from "../text/characters.ts";
import { mdCell, mdCode, mdHtml } from "../text/markdown.ts";
import type { AuditReport, Check, CheckStatus, PartnerAudit } from "./report.ts";
import { plural } from "../text/plural.ts";

/** The account a partner's row names: the payer, or for a billing-transfer partner the customer's management account. */
const accountOf = (p: PartnerAudit) => (p.model === "transfer" ? `${p.accountId} (transfer)` : p.accountId);

const count = (p: PartnerAudit, status: CheckStatus) => p.checks.filter((c) => c.status === status).length;

/** `3 partners: 1 pass, 1 fail, 1 could-not-check` */
function summaryLine(report: AuditReport): string {
  const s = report.summary;
  return `${plural(s.partners, "partner")}: ${s.pass} pass, ${s.fail} fail, ${s.couldNotCheck} could-not-check`;
}

export function auditTable(report: AuditReport): string {
  const header = ["PARTNER", "PAYER", "RESULT", "PASS", "FAIL", "COULD-NOT-CHECK"];
  const rows = report.partners.map((p) => [
    visible(p.partner),
    visible(accountOf(p)),
    p.result,
    String(count(p, "pass")),
    String(count(p, "fail")),
    String(count(p, "could-not-check")),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(header)];
  report.partners.forEach((p, i) => {
    out.push(line(rows[i]!));
    // Details carry names partner admins choose in AWS: shown with every control character escaped.
    for (const c of p.checks) if (c.status !== "pass") out.push(`  ${c.status.padEnd(15)}  ${visible(c.id)}: ${visible(c.detail)}`);
  });
  out.push("", summaryLine(report));
  return `${out.join("\n")}\n`;
}

const ICON: Record<CheckStatus, string> = { pass: "✅ pass", fail: "❌ fail", "could-not-check": "⚠️ could-not-check" };

function checkRows(checks: readonly Check[]): string[] {
  return ["| check | status | detail |", "|---|---|---|", ...checks.map((c) => `| ${mdCode(c.id, { inTable: true })} | ${ICON[c.status]} | ${mdCell(c.detail)} |`)];
}

export function auditMarkdown(report: AuditReport): string {
  const out = [
    "# payerfleet audit",
    "",
    `Audited at ${mdCell(report.auditedAt)}: ${summaryLine(report)}.`,
    "",
    "| partner | payer | result | pass | fail | could-not-check |",
    "|---|---|---|---|---|---|",
    ...report.partners.map(
      (p) =>
        `| ${mdCell(p.partner)} | ${mdCell(accountOf(p))} | ${ICON[p.result]} | ${count(p, "pass")} | ${count(p, "fail")} | ${count(p, "could-not-check")} |`,
    ),
  ];
  for (const p of report.partners) {
    // Partners needing attention are shown open; passing ones fold away.
    out.push("", `<details${p.result === "pass" ? "" : " open"}><summary><b>${mdHtml(p.partner)}</b> (${mdHtml(accountOf(p))}): ${ICON[p.result]}</summary>`, "");
    out.push(...checkRows(p.checks), "", "</details>");
  }
  return `${out.join("\n")}\n`;
}
