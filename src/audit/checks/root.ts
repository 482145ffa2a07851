/**
 * Evidence that the payer's root user is locked down without signing in as root: an MFA
 * device (held by the customer, under split custody) and no access keys.
 */
import { rootCredentials, ROOT_ROW } from "../credential-report.ts";
import { couldNotCheck, fail, pass } from "../report.ts";
import type { CheckGroup } from "./group.ts";

export function rootChecks(): CheckGroup[] {
  return [
    {
      ids: ["root-mfa", "root-access-keys"],
      async run(api) {
        const summary = await api.accountSummary();
        return [
          summary.mfaEnabled
            ? pass("root-mfa", "AccountMFAEnabled is 1: the root user has an MFA device")
            : fail("root-mfa", "AccountMFAEnabled is 0: the root user has no MFA device; the customer must enrol one"),
          summary.accessKeysPresent
            ? fail("root-access-keys", "AccountAccessKeysPresent is 1: the root user has access keys; delete them")
            : pass("root-access-keys", "AccountAccessKeysPresent is 0: the root user has no access keys"),
        ];
      },
    },
    {
      ids: ["root-credential-report"],
      async run(api) {
        const id = "root-credential-report";
        const root = rootCredentials(await api.credentialReport());
        if (root === undefined) return [couldNotCheck(id, `the credential report has no ${ROOT_ROW} row`)];
        const problems = [
          root.mfaActive ? undefined : "mfa_active false",
          root.activeAccessKeys > 0 ? `${root.activeAccessKeys} active access key(s)` : undefined,
          root.activeCertificates > 0 ? `${root.activeCertificates} active signing certificate(s)` : undefined,
        ].filter((p) => p !== undefined);
        const used = `password last used ${root.passwordLastUsed}`;
        if (problems.length > 0) return [fail(id, `${ROOT_ROW}: ${problems.join(", ")}; ${used}`)];
        return [pass(id, `${ROOT_ROW}: mfa_active true, no active access keys or signing certificates; ${used}`)];
      },
    },
  ];
}
