/**
 * The IAM credential report: one CSV row per user, plus the `<root_account>` row for the root
 * user. IAM user names and ARNs cannot contain commas or quotes, so a split is a full parse.
 */

export const ROOT_ROW = "<root_account>";

/** The report's rows as records keyed by the header's column names. */
function parseCredentialReport(csv: string): Record<string, string>[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]?.split(",") ?? [];
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""]));
  });
}

export interface RootCredentials {
  readonly mfaActive: boolean;
  /** ISO date, or how IAM says it never was (`no_information`, `N/A`). */
  readonly passwordLastUsed: string;
  readonly activeAccessKeys: number;
  readonly activeCertificates: number;
}

/** The root user's row, or `undefined` when the report has none. */
export function rootCredentials(csv: string): RootCredentials | undefined {
  const row = parseCredentialReport(csv).find((r) => r["user"] === ROOT_ROW);
  if (row === undefined) return undefined;
  const active = (...columns: string[]) => columns.filter((c) => row[c] === "true").length;
  return {
    mfaActive: row["mfa_active"] === "true",
    passwordLastUsed: row["password_last_used"] || "no_information",
    activeAccessKeys: active("access_key_1_active", "access_key_2_active"),
    activeCertificates: active("cert_1_active", "cert_2_active"),
  };
}
