/**
 * The roles a partner's stack deploys in its payer. The automation role, which `bootstrap`
 * creates before any stack, is automation-role.ts's.
 */
import { deliveryRolePolicy, deliveryRoleTrust } from "../monitoring/spoke-policies.ts";
import { BILLING_ADMIN_ROLE, PARTNER_ADMIN_ROLE, PARTNER_BOUNDARY_POLICY, policyArn, ROOT_ACTIVITY_DELIVERY_ROLE } from "../names.ts";
import { monitoredRegions } from "../regions.ts";
import { ADMINISTRATOR_ACCESS } from "./aws-managed-policies.ts";
import { billingAdminPermissions, billingAdminTrust } from "./billing-admin.ts";
import type { FenceContext } from "./distributor-guardrails.ts";
import { partnerBoundary } from "./partner-boundary.ts";
import { assumeRoleTrust, type PolicyDocument } from "./policy-document.ts";
import { describeRole, type RoleDescription, type RoleFrame } from "./roles.ts";

/** The inline policy EventBridge's delivery role puts events with. */
const DELIVERY_POLICY = "put-events-on-hub-buses";

/** Every role a payer may hold, whatever the partner: the same frames in every payer. */
export function payerRoleFrames(payer: string) {
  return {
    billingAdmin: {
      name: BILLING_ADMIN_ROLE,
      path: "/",
      description: "The distributor's billing administrators: billing, Cost Explorer, exports, invoices",
      permissionsBoundary: null,
      managedPolicies: [{ name: BILLING_ADMIN_ROLE, arn: policyArn(payer, BILLING_ADMIN_ROLE) }],
      inlinePolicies: [],
    },
    partnerAdmin: {
      name: PARTNER_ADMIN_ROLE,
      path: "/",
      description: "The partner's admins: run the organization, fenced by the payerfleet boundary",
      permissionsBoundary: {
        name: PARTNER_BOUNDARY_POLICY,
        arn: policyArn(payer, PARTNER_BOUNDARY_POLICY),
        description: "Permissions boundary of the partner's admins and of every role and user they create",
      },
      managedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }],
      inlinePolicies: [],
    },
    rootActivityDelivery: {
      name: ROOT_ACTIVITY_DELIVERY_ROLE,
      path: "/",
      description: "EventBridge delivers the payer's root activity to the distributor's hub",
      permissionsBoundary: null,
      managedPolicies: [],
      inlinePolicies: [DELIVERY_POLICY],
    },
  } as const satisfies Record<string, RoleFrame>;
}

/** The distributor's way into the payer for re-billing. */
function billingAdminRole(payer: string, billingAdmins: readonly string[], exportBuckets: readonly string[]): RoleDescription {
  return describeRole(payer, payerRoleFrames(payer).billingAdmin, {
    trustPolicy: billingAdminTrust(billingAdmins),
    policies: { [BILLING_ADMIN_ROLE]: billingAdminPermissions(exportBuckets) },
  });
}

/** Who may assume the partner-admin role: the partner's admins, as the inventory names them. */
export function partnerAdminTrust(principals: readonly string[]): PolicyDocument {
  return assumeRoleTrust(principals);
}

/** Admin inside the payer for the partner, fenced by the partner boundary (partner-boundary.ts). */
function partnerAdminRole(principals: readonly string[], fence: FenceContext): RoleDescription {
  return describeRole(fence.accountId, payerRoleFrames(fence.accountId).partnerAdmin, {
    trustPolicy: partnerAdminTrust(principals),
    permissionsBoundary: partnerBoundary(fence),
    policies: { [ADMINISTRATOR_ACCESS.name]: ADMINISTRATOR_ACCESS.document },
  });
}

/**
 * The role EventBridge assumes to put the payer's root activity on the hub's bus of each
 * monitored region (us-east-1 always among them).
 */
export function rootActivityDeliveryRole(payer: string, hubAccountId: string, regions: readonly string[]): RoleDescription {
  return describeRole(payer, payerRoleFrames(payer).rootActivityDelivery, {
    trustPolicy: deliveryRoleTrust(payer),
    policies: { [DELIVERY_POLICY]: deliveryRolePolicy(monitoredRegions(regions), hubAccountId) },
  });
}

/** What a partner's stack deploys: which roles, and everything their documents depend on. */
export interface PayerRolesInput {
  readonly fence: FenceContext;
  readonly billingAdmins: readonly string[];
  /** The distributor's export buckets, which billing admins read. */
  readonly exportBuckets: readonly string[];
  /** Who may assume the partner-admin role; none: the role is not deployed. */
  readonly partnerAdmins: readonly string[];
  /** The hub root activity is delivered to, when it is monitored. */
  readonly rootActivity?: { readonly hubAccountId: string; readonly regions: readonly string[] };
}

/** The roles a partner's stack deploys in its payer, in the order `policies` shows them. */
export interface PayerRoles {
  readonly billingAdmin: RoleDescription;
  /** Deployed when the partner names admins. */
  readonly partnerAdmin?: RoleDescription;
  /** Deployed when root activity is monitored. */
  readonly rootActivityDelivery?: RoleDescription;
}

export function payerRoles(input: PayerRolesInput): PayerRoles {
  const payer = input.fence.accountId;
  return {
    billingAdmin: billingAdminRole(payer, input.billingAdmins, input.exportBuckets),
    ...(input.partnerAdmins.length === 0 ? {} : { partnerAdmin: partnerAdminRole(input.partnerAdmins, input.fence) }),
    ...(input.rootActivity === undefined
      ? {}
      : { rootActivityDelivery: rootActivityDeliveryRole(payer, input.rootActivity.hubAccountId, input.rootActivity.regions) }),
  };
}
