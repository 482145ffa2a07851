import { HUB_STACK } from "../../inventory/schema.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { renderHubPolicies, renderPartnerPolicies, type PartnerPolicies } from "./render.ts";
import { EXIT } from "../bad-input.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";
import type { PoliciesOptions } from "./command.ts";

export async function runPolicies(options: PoliciesOptions, io: CommandIo): Promise<number> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const [target] = namedStacks(inventory, [options.partner], { hub: true });
  const partner = inventory.partners.find((p) => p.id === target!.partner);
  const rendered = partner === undefined ? renderHubPolicies(inventory) : renderPartnerPolicies(inventory, partner);
  io.stdout(options.json ? `${JSON.stringify(rendered, null, 2)}\n` : renderText(rendered));
  return EXIT.ok;
}

const json = (doc: unknown) => JSON.stringify(doc, null, 2).replaceAll("\n", "\n    ");

/** Readable, but still every document in full: a reviewer must see exactly what is granted. */
export function renderText(rendered: PartnerPolicies): string {
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
