/**
 * The partner-admin role carries the permissions boundary: inside the payer, where SCPs do not
 * apply, the boundary is the fence around the partner's admins.
 */
import { PARTNER_ADMIN_ROLE, PARTNER_BOUNDARY_POLICY } from "../../domain/names.ts";
import { fail, pass } from "../report.ts";
import type { CheckContext, CheckGroup } from "./group.ts";

const ID = "partner-admin-boundary";

export function accessChecks(ctx: CheckContext): CheckGroup[] {
  // The role exists only for partners that were given admins.
  if (ctx.partner.partnerAdmins.length === 0) return [];
  const payer = ctx.partner.payer.accountId;
  // The boundary must be the payer's own policy of that name, whatever its path.
  const boundary = new RegExp(`^arn:aws:iam::${payer}:policy/(?:[^:]*/)?${PARTNER_BOUNDARY_POLICY.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  return [
    {
      ids: [ID],
      async run(api) {
        const role = await api.role(PARTNER_ADMIN_ROLE);
        if (role === undefined) return [fail(ID, `role ${PARTNER_ADMIN_ROLE} does not exist`)];
        const arn = role.permissionsBoundaryArn;
        if (arn === undefined) return [fail(ID, `role ${PARTNER_ADMIN_ROLE} has no permissions boundary`)];
        if (!boundary.test(arn)) return [fail(ID, `role ${PARTNER_ADMIN_ROLE} has the permissions boundary ${arn}, not ${PARTNER_BOUNDARY_POLICY}`)];
        return [pass(ID, `role ${PARTNER_ADMIN_ROLE} has the permissions boundary ${arn}`)];
      },
    },
  ];
}
