/**
 * `policies`: every IAM role of a stack, with its trust policy, its permissions boundary and
 * every policy it gets, as the `policies --json` contract. The roles are the descriptions the
 * components deploy and `bootstrap` writes (domain/iam), so what reviewers read is what runs.
 */
import type { PolicyDocument } from "../../domain/iam/policy-document.ts";
import type { RoleDescription } from "../../domain/iam/roles.ts";
import { EXIT, type ExitCode } from "../../io/exit-codes.ts";
import { HUB_STACK, type Inventory } from "../../inventory/schema.ts";
import { stackAccountId, stackRoles } from "../../inventory/stack-inputs.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";

export interface PoliciesOptions {
  readonly inventory: string;
  /** A partner id, or `hub`. */
  readonly partner: string;
  readonly json: boolean;
}

/** One policy of a role in the `policies --json` contract; inline policies have no `arn`. */
export interface RenderedPolicy {
  readonly name: string;
  readonly arn?: string;
  readonly document: PolicyDocument;
}

export interface RenderedRole {
  readonly name: string;
  readonly arn: string;
  readonly trustPolicy: PolicyDocument;
  readonly permissionsBoundary: { readonly name: string; readonly arn: string; readonly document: PolicyDocument } | null;
  readonly policies: readonly RenderedPolicy[];
}

/** The `policies --json` contract: `partner` is the partner id, or `hub`. */
export interface StackPolicies {
  readonly partner: string;
  readonly accountId: string;
  readonly roles: readonly RenderedRole[];
}

function rendered(role: RoleDescription): RenderedRole {
  const boundary = role.permissionsBoundary;
  return {
    name: role.name,
    arn: role.arn,
    trustPolicy: role.trustPolicy,
    permissionsBoundary: boundary === null ? null : { name: boundary.name, arn: boundary.arn, document: boundary.document },
    policies: role.policies.map((p) => ({ name: p.name, ...(p.arn === undefined ? {} : { arn: p.arn }), document: p.document })),
  };
}

/** The roles of a stack the inventory has: a partner id, or `hub`. */
export function stackPolicies(inventory: Inventory, stack: string): StackPolicies {
  return { partner: stack, accountId: stackAccountId(inventory, stack)!, roles: stackRoles(inventory, stack)!.map(rendered) };
}

export async function runPolicies(options: PoliciesOptions, io: CommandIo): Promise<ExitCode> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const [target] = namedStacks(inventory, [options.partner], { hub: true });
  const policies = stackPolicies(inventory, target!.stack);
  io.stdout(options.json ? `${JSON.stringify(policies, null, 2)}\n` : renderText(policies));
  return EXIT.ok;
}

const json = (doc: unknown) => JSON.stringify(doc, null, 2).replaceAll("\n", "\n    ");

/** Readable, but still every document in full: a reviewer must see exactly what is granted. */
function renderText(rendered: StackPolicies): string {
  const where = rendered.partner === HUB_STACK ? "the hub account" : `the payer of ${rendered.partner}`;
  const lines = [`IAM roles payerfleet defines in ${where} (${rendered.accountId}):`];
  for (const role of rendered.roles) {
    lines.push("", `role ${role.name}  ${role.arn}`, "  trust policy:", `    ${json(role.trustPolicy)}`);
    if (role.permissionsBoundary !== null) {
      lines.push(`  permissions boundary ${role.permissionsBoundary.name}  ${role.permissionsBoundary.arn}:`, `    ${json(role.permissionsBoundary.document)}`);
    } else {
      lines.push("  permissions boundary: none");
    }
    if (role.policies.length === 0) lines.push("  policies: none");
    for (const policy of role.policies) {
      lines.push(`  policy ${policy.name}${policy.arn ? `  ${policy.arn}` : " (inline)"}:`, `    ${json(policy.document)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
