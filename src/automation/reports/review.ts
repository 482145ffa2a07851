/**
 * What a reviewer must look at first, one item each, with its values: AWS accounts created,
 * replaced, moved or removed; who gains or loses the right to assume a role; changes to the
 * partner boundary; payers admitted to or dropped from the hub's buses; any protected resource
 * touched. Read from the changes' values, so it says what the engine will do, not what the
 * inventory meant.
 */
import { ACCOUNT_TYPE, type OrganizationFacts } from "../events/events.ts";
import { UNKNOWN_VALUE } from "../events/values.ts";
import { resourceName } from "./warnings.ts";
import type { PropertyDiff, ResourceChange, ReviewItem, ReviewKind } from "./report.ts";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const BUS_POLICY = "aws:cloudwatch/eventBusPolicy:EventBusPolicy";
/** The one policy whose every change changes the fence around the partner's admins. */
const BOUNDARY_POLICY = "payerfleet-partner-boundary";

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined ? undefined : JSON.stringify(v));
const diffAt = (r: ResourceChange, path: string): PropertyDiff | undefined => r.diffs.find((d) => d.path === path);

/** The OU path of `parentId`, as far as the events tell; a parent not known yet is one of the new OUs. */
function ouName(parentId: unknown, org: OrganizationFacts): string | undefined {
  if (typeof parentId !== "string" || parentId === "") return undefined;
  if (parentId === org.rootId || parentId.startsWith("r-")) return "the root";
  if (parentId === UNKNOWN_VALUE) {
    if (org.newOus.length === 1) return `${org.newOus[0]} (created by this change)`;
    return org.newOus.length > 1 ? `one of the new OUs ${org.newOus.join(", ")}` : "an OU not created yet";
  }
  const path: string[] = [];
  for (let id: string | undefined = parentId; id !== undefined && !path.includes(id); ) {
    const ou = org.ous.get(id);
    if (ou === undefined) return path.length === 0 ? parentId : [parentId, ...path].join("/");
    path.unshift(ou.name);
    id = ou.parentId === org.rootId || ou.parentId.startsWith("r-") ? undefined : ou.parentId;
  }
  return path.join("/");
}

function accountItem(stack: string, r: ResourceChange, org: OrganizationFacts): ReviewItem | undefined {
  const props = r.properties ?? {};
  // The account as it is: a replaced or moved one by its old values, a new one by its inputs.
  const value = (key: string) => str(props[key] ?? diffAt(r, key)?.before ?? diffAt(r, key)?.after);
  const name = value("name") ?? resourceName(r.urn);
  const email = value("email") ?? "";
  const who = `${name} <${email}>`;
  const facts = (op: string, more: Record<string, unknown>) => ({ op, name, email, ...Object.fromEntries(Object.entries(more).filter(([, v]) => v !== undefined)) });
  const base = { stack, kind: "account" as const, resource: resourceName(r.urn) };
  const ou = ouName(props["parentId"], org);
  const where = ou === undefined ? "" : ` in ${ou}`;
  if (r.op === "create") return { ...base, facts: facts("create", { ou }), text: `${stack}: new AWS account ${who}${where}` };
  if (r.op === "delete") return { ...base, facts: facts("delete", { ou }), text: `${stack}: AWS account ${who}${where} removed` };
  if (r.op === "replace") {
    const changes = r.diffs.map((d) => ({ path: d.path, before: d.before, after: d.after }));
    const said = changes.map((c) => `${c.path} ${str(c.before) ?? "(none)"} → ${str(c.after) ?? "(none)"}`).join(", ");
    return { ...base, facts: facts("replace", { ou, changes }), text: `${stack}: AWS account ${who}${where} replaced (closed and created anew)${said === "" ? "" : `: ${said}`}` };
  }
  const moved = diffAt(r, "parentId");
  if (r.op === "update" && moved !== undefined) {
    const from = ouName(moved.before, org) ?? "an unknown OU";
    const to = ouName(moved.after, org) ?? "an unknown OU";
    return { ...base, facts: facts("move", { from, to }), text: `${stack}: AWS account ${who} moves from ${from} to ${to}` };
  }
  return undefined;
}

/** Who a trust policy lets assume the role: principals, and the `aws:PrincipalArn` it pins. */
function trusted(document: unknown): Set<string> {
  const found = new Set<string>();
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return found;
    }
  }
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  const statements = (parsed as { Statement?: unknown })?.Statement;
  for (const s of Array.isArray(statements) ? statements : [statements]) {
    const statement = s as { Effect?: string; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> } | undefined;
    if (statement?.Effect !== "Allow") continue;
    const principal = statement.Principal;
    if (typeof principal === "string") found.add(principal);
    else if (principal !== null && typeof principal === "object") for (const values of Object.values(principal)) list(values).forEach((p) => found.add(p));
    for (const operator of Object.values(statement.Condition ?? {})) list(operator["aws:PrincipalArn"]).forEach((p) => found.add(p));
  }
  return found;
}

function trustItem(stack: string, r: ResourceChange): ReviewItem | undefined {
  const role = str(r.properties?.["name"]) ?? resourceName(r.urn);
  const diff = diffAt(r, "assumeRolePolicy");
  const before = r.op === "create" ? new Set<string>() : trusted(diff?.before);
  const after = r.op === "delete" ? new Set<string>() : trusted(diff?.after ?? r.properties?.["assumeRolePolicy"]);
  if (diff === undefined && r.op !== "create" && r.op !== "delete") return undefined;
  const added = [...after].filter((p) => !before.has(p)).sort();
  const removed = [...before].filter((p) => !after.has(p)).sort();
  if (added.length === 0 && removed.length === 0) return undefined;
  const parts = [...(added.length > 0 ? [`gains ${added.join(", ")}`] : []), ...(removed.length > 0 ? [`loses ${removed.join(", ")}`] : [])];
  return { stack, kind: "trust", resource: resourceName(r.urn), facts: { role, added, removed }, text: `${stack}: who may assume ${role} ${parts.join("; ")}` };
}

/** The statement ids of a policy document, each with its JSON, to say which statements changed. */
function statements(document: unknown): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const parsed = (typeof document === "string" ? JSON.parse(document) : document) as { Statement?: unknown };
    const list = Array.isArray(parsed?.Statement) ? parsed.Statement : [];
    list.forEach((s: { Sid?: string }, i: number) => out.set(s.Sid ?? `#${i + 1}`, JSON.stringify(s)));
  } catch {
    // Not JSON: nothing to compare statement by statement.
  }
  return out;
}

function boundaryItem(stack: string, r: ResourceChange): ReviewItem | undefined {
  const name = str(r.properties?.["name"]) ?? resourceName(r.urn);
  if (!resourceName(r.urn).endsWith("-boundary") && name !== BOUNDARY_POLICY) return undefined;
  const diff = diffAt(r, "policy");
  if (r.op === "update" && diff === undefined) return undefined;
  const before = statements(r.op === "create" ? undefined : diff?.before);
  const after = statements(r.op === "delete" ? undefined : (diff?.after ?? r.properties?.["policy"]));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  const parts = [
    ...(r.op === "create" || r.op === "delete" || r.op === "replace" ? [`${r.op === "replace" ? "replaced" : `${r.op}d`}`] : []),
    ...(added.length > 0 ? [`statements added: ${added.join(", ")}`] : []),
    ...(removed.length > 0 ? [`statements removed: ${removed.join(", ")}`] : []),
    ...(changed.length > 0 ? [`statements changed: ${changed.join(", ")}`] : []),
  ];
  return {
    stack,
    kind: "boundary",
    resource: resourceName(r.urn),
    facts: { op: r.op, added, removed, changed },
    text: `${stack}: the partner boundary ${parts.join("; ") || "changes"}`,
  };
}

/** The payer accounts a hub bus policy admits (`aws:PrincipalAccount`). */
function admitted(document: unknown): Set<string> {
  const found = new Set<string>();
  try {
    const parsed = (typeof document === "string" ? JSON.parse(document) : document) as { Statement?: { Condition?: Record<string, Record<string, unknown>> }[] };
    for (const s of parsed?.Statement ?? []) {
      for (const operator of Object.values(s.Condition ?? {})) {
        const accounts = operator["aws:PrincipalAccount"];
        for (const a of Array.isArray(accounts) ? accounts : accounts === undefined ? [] : [accounts]) found.add(String(a));
      }
    }
  } catch {
    // Not JSON: nothing to say.
  }
  return found;
}

/** Payers admitted to or dropped from the hub's buses: one item for all regions' bus policies. */
function hubPayersItem(stack: string, changes: readonly ResourceChange[]): ReviewItem | undefined {
  const added = new Set<string>();
  const dropped = new Set<string>();
  for (const r of changes) {
    if (r.type !== BUS_POLICY) continue;
    const diff = diffAt(r, "policy");
    const before = r.op === "create" ? new Set<string>() : admitted(diff?.before);
    const after = r.op === "delete" ? new Set<string>() : admitted(diff?.after ?? r.properties?.["policy"]);
    for (const a of after) if (!before.has(a)) added.add(a);
    for (const a of before) if (!after.has(a)) dropped.add(a);
  }
  if (added.size === 0 && dropped.size === 0) return undefined;
  const a = [...added].sort();
  const d = [...dropped].sort();
  const parts = [...(a.length > 0 ? [`admit ${a.join(", ")}`] : []), ...(d.length > 0 ? [`drop ${d.join(", ")}`] : [])];
  return { stack, kind: "hub-payers", resource: "event bus policies", facts: { admitted: a, dropped: d }, text: `${stack}: the hub's buses ${parts.join("; ")}` };
}

/** The review of one stack's changes, in the order of the kinds above. */
export function reviewItems(stack: string, changes: readonly ResourceChange[], org: OrganizationFacts): ReviewItem[] {
  const items: ReviewItem[] = [];
  const seen = new Set<string>();
  for (const r of changes) {
    const item = r.type === ACCOUNT_TYPE ? accountItem(stack, r, org) : r.type === ROLE ? trustItem(stack, r) : r.type === POLICY ? boundaryItem(stack, r) : undefined;
    if (item !== undefined) {
      items.push(item);
      seen.add(r.urn);
    }
  }
  const hub = hubPayersItem(stack, changes);
  if (hub !== undefined) items.push(hub);
  for (const r of changes) {
    if (r.protect !== true || seen.has(r.urn) || r.op === "release") continue;
    items.push({ stack, kind: "protected", resource: resourceName(r.urn), facts: { type: r.type, op: r.op }, text: `${stack}: protected ${r.type} ${resourceName(r.urn)}: ${r.op}` });
  }
  const order: ReviewKind[] = ["account", "trust", "boundary", "hub-payers", "protected"];
  return items.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
