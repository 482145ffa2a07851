/**
 * The role the `hub` stack deploys in the distributor's hub account. The automation role,
 * which `bootstrap` creates before any stack, is hub-automation-role.ts's.
 */
import { forwardRolePolicy, forwardRoleTrust } from "../monitoring/hub-bus-policy.ts";
import { HUB_FORWARD_ROLE } from "../monitoring/hub-layout.ts";
import { describeRole, type RoleDescription, type RoleFrame } from "./roles.ts";

/** The inline policy the forwarding rules put events on the partition buses with. */
const FORWARD_POLICY = "put-events-on-partition-buses";

export const FORWARD_ROLE_FRAME = {
  name: HUB_FORWARD_ROLE,
  path: "/",
  description: "EventBridge forwards payers' root activity to the hub's partition buses",
  permissionsBoundary: null,
  managedPolicies: [],
  inlinePolicies: [FORWARD_POLICY],
} as const satisfies RoleFrame;

/** The role EventBridge assumes, in the hub, to forward each payer's events to its partition bus. */
export function forwardRole(hubAccountId: string): RoleDescription {
  return describeRole(hubAccountId, FORWARD_ROLE_FRAME, {
    trustPolicy: forwardRoleTrust(hubAccountId),
    policies: { [FORWARD_POLICY]: forwardRolePolicy(hubAccountId) },
  });
}
