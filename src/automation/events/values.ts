/**
 * The values a report shows for a change, taken from the engine's step: every input of a
 * create, the properties that identify a resource that is replaced or deleted, the old and new
 * value of a changed property. Secrets are masked wherever they stand, the engine's placeholder
 * for a value known only once applied is named as such, and the engine's own bookkeeping
 * (`__defaults`) is left out.
 */
import { isSecret, SECRET_MASK } from "../../text/secrets.ts";

/** What the engine puts where a value is known only once the update runs (`UnknownStringValue`). */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How a report shows such a value. */
export const UNKNOWN_VALUE = "[known after apply]";
/**
 * Longest string kept whole. A policy document is a few thousand characters; a value past this
 * is a provider's blob that no reviewer reads, and it would make the report as large as itself.
 */
const MAX_STRING_CHARS = 65_536;

/** `value` as a report shows it: secrets masked, unknowns named, huge strings replaced by their size. */
export function reportValue(value: unknown): unknown {
  if (isSecret(value)) return SECRET_MASK;
  if (value === UNKNOWN_SENTINEL) return UNKNOWN_VALUE;
  if (typeof value === "string") return value.length > MAX_STRING_CHARS ? `[${value.length} characters, not shown]` : value;
  if (Array.isArray(value)) return value.map(reportValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith("__"))
        .map(([k, v]) => [k, reportValue(v)]),
    );
  }
  return value;
}

/**
 * The inputs that say which resource this is, by type: what a reviewer needs to know to accept
 * its replacement or deletion. Other types show their `name`.
 */
const IDENTIFYING: Readonly<Record<string, readonly string[]>> = {
  "aws:organizations/account:Account": ["name", "email", "parentId"],
  "aws:organizations/organizationalUnit:OrganizationalUnit": ["name", "parentId"],
  "aws:organizations/organization:Organization": ["featureSet"],
  "aws:iam/role:Role": ["name", "path"],
  "aws:iam/policy:Policy": ["name"],
  "aws:iam/rolePolicy:RolePolicy": ["role", "name"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:cloudtrail/trail:Trail": ["name"],
  "aws:cloudwatch/eventBus:EventBus": ["name", "region"],
  "aws:cloudwatch/eventRule:EventRule": ["name", "eventBusName", "region"],
  "aws:cloudwatch/eventTarget:EventTarget": ["rule", "targetId", "arn"],
  "aws:sns/topic:Topic": ["name"],
  "aws:account/alternativeContact:AlternativeContact": ["alternateContactType", "name", "emailAddress"],
};

/**
 * The properties a report shows with a change: for a create, every input; for a replace, an
 * update or a delete, those that identify the resource, with its id, as they were (an update's
 * changed ones are its diffs). Undefined for other ops.
 */
export function resourceProperties(op: string, type: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, id?: string): Record<string, unknown> | undefined {
  if (op === "create" || op === "import") return after === undefined ? undefined : (reportValue(after) as Record<string, unknown>);
  if (op !== "replace" && op !== "delete" && op !== "update") return undefined;
  const source = before ?? after;
  if (source === undefined) return undefined;
  const keys = IDENTIFYING[type] ?? ["name"];
  const shown: Record<string, unknown> = {};
  if (id !== undefined && id !== "") shown["id"] = id;
  for (const key of keys) if (source[key] !== undefined) shown[key] = reportValue(source[key]);
  return Object.keys(shown).length === 0 ? undefined : shown;
}
