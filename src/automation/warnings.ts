/**
 * Changes a reviewer must not miss. An `aws:organizations/account:Account` replaced or deleted
 * means an AWS account leaving the organization; a rename, an e-mail change or an OU move
 * previews as a replace (pulumi/pulumi-aws#6242), so an innocent-looking inventory edit can
 * carry one.
 */
import { ACCOUNT_TYPE } from "./events.ts";
import type { ResourceChange, StackReport } from "./report.ts";

/** The resource's name: the last segment of its URN. */
export function resourceName(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

function forcing(resource: ResourceChange): string {
  const paths = resource.diffs.filter((d) => d.kind.endsWith("-replace")).map((d) => d.path);
  const list = paths.length > 0 ? paths : resource.diffs.map((d) => d.path);
  return list.length > 0 ? ` (${list.join(", ")})` : "";
}

/** The account replacements and deletions of a stack, one sentence each (Markdown). */
export function accountWarnings(report: StackReport): string[] {
  const out: string[] = [];
  for (const r of report.resources) {
    if (r.type !== ACCOUNT_TYPE) continue;
    const name = resourceName(r.urn);
    if (r.op === "replace") {
      out.push(
        `**REPLACES AWS account \`${name}\`**${forcing(r)}: the account would leave the organization and a new one be created. ` +
          "Renames, e-mail changes and OU moves preview as a replace: make them in AWS Organizations and refresh instead.",
      );
    } else if (r.op === "delete") {
      out.push(`**DELETES AWS account \`${name}\`**: the account would leave the partner's organization.`);
    }
  }
  return out;
}

/** Every warning of a stack: dangerous changes first, then the engine's own warnings. */
export function stackWarnings(report: StackReport, engineWarnings: readonly string[]): string[] {
  return [...accountWarnings(report), ...engineWarnings.map((w) => `engine warning: ${w}`)];
}
