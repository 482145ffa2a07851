/**
 * What payerfleet refuses, in its own words. The customer's organization, OUs and accounts are
 * protected: the engine fails a preview that would replace or delete one, with a message about
 * Pulumi's `protect` flag. payerfleet says what the change would do in AWS, that it changes
 * nothing, and what to do instead.
 *
 * An `up` is worse off than a preview: the engine runs steps as the program registers
 * resources, so it may have created a new account before it meets the protected one it must
 * not delete. A stack that holds protected resources is therefore previewed before its `up`,
 * and the `up` runs only when that preview passes.
 */
import { ACCOUNT_TYPE } from "../events/events.ts";
import type { ResourceChange } from "../reports/report.ts";
import { resourceName } from "../reports/warnings.ts";

const OU_TYPE = "aws:organizations/organizationalUnit:OrganizationalUnit";
const ORGANIZATION_TYPE = "aws:organizations/organization:Organization";

/** One sentence per protected resource the changes would replace or delete; none when there is none. */
export function refusals(resources: readonly ResourceChange[]): string[] {
  const out: string[] = [];
  for (const r of resources) {
    const name = resourceName(r.urn);
    if (r.type === ACCOUNT_TYPE && r.op === "replace") {
      const why = r.diffs.filter((d) => d.kind.endsWith("-replace")).map((d) => d.path);
      out.push(
        `payerfleet refuses to replace AWS account ${name}${why.length > 0 ? ` (${why.join(", ")} changed)` : ""}: the account would leave the organization and AWS would create a new, empty one. ` +
          "An account's e-mail is changed by its own root user (or through AWS Support), not from the payer: change it there, then put the new e-mail in the inventory, and the preview shows no change.",
      );
    } else if (r.type === ACCOUNT_TYPE && r.op === "delete") {
      out.push(
        `payerfleet refuses to remove AWS account ${name} from the organization. ` +
          "If the account was renamed in the inventory, give it its accountId there first (payerfleet's stack outputs list each linkedAccountIds): a renamed account with an id is renamed in place. " +
          "If it is to leave payerfleet's care, that is the customer's decision and action in AWS Organizations; then remove it from the inventory.",
      );
    } else if ((r.type === OU_TYPE || r.type === ORGANIZATION_TYPE) && (r.op === "delete" || r.op === "replace")) {
      out.push(
        `payerfleet refuses to ${r.op} ${r.type === OU_TYPE ? "OU" : "the organization"} ${name}: it is the customer's. Move or remove it in AWS Organizations with the customer, then update the inventory to match.`,
      );
    }
  }
  return out;
}
