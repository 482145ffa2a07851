import { renderPartnerPolicies, type PartnerPolicies } from "../policies/render.ts";
import { EXIT } from "./exit.ts";
import { loadOrReport } from "./inventory-option.ts";
import type { PoliciesArgs } from "./policies.ts";

export async function runPolicies(args: Pick<PoliciesArgs, "inventory" | "partner" | "json">): Promise<number> {
  const inventory = await loadOrReport(args.inventory);
  if (inventory === undefined) return EXIT.badInput;
  const partner = inventory.partners.find((p) => p.id === args.partner);
  if (partner === undefined) {
    process.stderr.write(`unknown partner ${args.partner}; the inventory has: ${inventory.partners.map((p) => p.id).join(", ")}\n`);
    return EXIT.badInput;
  }
  const rendered = renderPartnerPolicies(inventory, partner);
  process.stdout.write(args.json ? `${JSON.stringify(rendered, null, 2)}\n` : renderText(rendered));
  return EXIT.ok;
}

const json = (doc: unknown) => JSON.stringify(doc, null, 2).replaceAll("\n", "\n    ");

/** Readable, but still every document in full: a reviewer must see exactly what is granted. */
export function renderText(rendered: PartnerPolicies): string {
  const lines = [`IAM roles payerfleet defines in the payer of ${rendered.partner} (${rendered.accountId}):`];
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
