/**
 * The audit's results and its `--json` document, a stable contract for CI pipelines and
 * evidence archives:
 *
 * `{ version: 1, auditedAt, summary: { partners, pass, fail, couldNotCheck },
 *    partners: [ { partner, accountId, result, checks: [ { id, status, detail } ] } ] }`
 *
 * Partners keep inventory order and checks keep a fixed order, so two reports diff cleanly.
 */

export type CheckStatus = "pass" | "fail" | "could-not-check";

/** One piece of evidence about one payer. */
export interface Check {
  /** Stable id, e.g. `root-mfa`, `alternate-contact:billing`, `root-activity-rule:eu-west-1`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What was found, or why it could not be checked. Never a secret. */
  readonly detail: string;
}

export interface PartnerAudit {
  readonly partner: string;
  /** The payer account id; for a billing-transfer partner, the customer's management account. */
  readonly accountId: string;
  /** `transfer` for a billing-transfer partner (added with billing transfer); absent for custody partners. */
  readonly model?: "transfer";
  /** `fail` if any check failed, else `could-not-check` if any could not be checked, else `pass`. */
  readonly result: CheckStatus;
  readonly checks: readonly Check[];
}

export interface AuditSummary {
  readonly partners: number;
  readonly pass: number;
  readonly fail: number;
  readonly couldNotCheck: number;
}

export interface AuditReport {
  readonly version: 1;
  /** When the audit started, ISO 8601 UTC. */
  readonly auditedAt: string;
  readonly summary: AuditSummary;
  readonly partners: readonly PartnerAudit[];
}

export const pass = (id: string, detail: string): Check => ({ id, status: "pass", detail });
export const fail = (id: string, detail: string): Check => ({ id, status: "fail", detail });
export const couldNotCheck = (id: string, detail: string): Check => ({ id, status: "could-not-check", detail });

/** A failure outweighs missing evidence, which outweighs a pass. */
export function overallResult(checks: readonly Check[]): CheckStatus {
  if (checks.some((c) => c.status === "fail")) return "fail";
  if (checks.some((c) => c.status === "could-not-check")) return "could-not-check";
  return "pass";
}

export function summarize(partners: readonly PartnerAudit[]): AuditSummary {
  const count = (status: CheckStatus) => partners.filter((p) => p.result === status).length;
  return { partners: partners.length, pass: count("pass"), fail: count("fail"), couldNotCheck: count("could-not-check") };
}
