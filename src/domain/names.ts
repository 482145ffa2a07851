import { createHash } from "node:crypto";

/**
 * Names of what payerfleet creates in every payer and in the hub. `bootstrap`, `audit` and the
 * guardrail policies read them too, so they are a compatibility promise: renaming one replaces
 * resources in every stack.
 */

/** Everything payerfleet owns in a payer is named with this prefix, so one deny fences it all. */
export const NAME_PREFIX = "payerfleet-";

export const BILLING_ADMIN_ROLE = "payerfleet-billing-admin";
export const PARTNER_ADMIN_ROLE = "payerfleet-partner-admin";
/** The permissions boundary every partner-created role and user must carry. */
export const PARTNER_BOUNDARY_POLICY = "payerfleet-partner-boundary";
export const ROOT_ACTIVITY_RULE = "payerfleet-root-activity";
/** Role EventBridge assumes in a payer to deliver root events to the hub bus. */
export const ROOT_ACTIVITY_DELIVERY_ROLE = "payerfleet-root-activity-delivery";
export const ORGANIZATION_TRAIL = "payerfleet-organization-trail";
/** The hub's event bus, one per region, of this name. */
export const HUB_EVENT_BUS = "payerfleet-root-activity";

/** A role's ARN; its path, `/` unless given, is part of it. */
export function roleArn(accountId: string, roleName: string, path = "/"): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}

export function policyArn(accountId: string, policyName: string): string {
  return `arn:aws:iam::${accountId}:policy/${policyName}`;
}

export function hubEventBusArn(region: string, hubAccountId: string): string {
  return `arn:aws:events:${region}:${hubAccountId}:event-bus/${HUB_EVENT_BUS}`;
}

/** STS limits a role session name to 64 characters. */
const SESSION_NAME_LIMIT = 64;

/**
 * The STS session name payerfleet's sessions carry, which CloudTrail records with every call:
 * `payerfleet-<parts>`. A longer one than STS allows keeps its start and a hash of the whole,
 * so that two long partner ids never share one.
 */
export function sessionName(...parts: string[]): string {
  const name = ["payerfleet", ...parts].join("-");
  if (name.length <= SESSION_NAME_LIMIT) return name;
  return `${name.slice(0, SESSION_NAME_LIMIT - 9)}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}
