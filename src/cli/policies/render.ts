/**
 * Every IAM role payerfleet defines in a payer, with its trust policy, its permissions
 * boundary and every policy attached, as the `policies --json` contract. Rendered from the same
 * pure functions the components use, so what reviewers read is what gets deployed.
 */
import { HUB_STACK, type Inventory, type Partner } from "../../inventory/schema.ts";
import { hubAutomationPermissionsPolicy } from "../../domain/iam/hub-automation-role.ts";
import { forwardRolePolicy, forwardRoleTrust } from "../../domain/monitoring/hub-bus-policy.ts";
import { HUB_FORWARD_POLICY, HUB_FORWARD_ROLE } from "../../domain/monitoring/hub-layout.ts";
import { ADMINISTRATOR_ACCESS } from "../../domain/iam/aws-managed-policies.ts";
import { automationPermissionsPolicy, automationTrustPolicy } from "../../domain/iam/automation-role.ts";
import { billingAdminPermissions, billingAdminTrust } from "../../domain/iam/billing-admin.ts";
import { assumeRoleTrust, type PolicyDocument } from "../../domain/iam/policy-document.ts";
import { BILLING_ADMIN_ROLE, PARTNER_ADMIN_ROLE, PARTNER_BOUNDARY_POLICY, policyArn, roleArn } from "../../domain/names.ts";
import { fenceContext, partnerBoundary, partnerBoundaryArn } from "../../domain/iam/partner-boundary.ts";
import { deliveryRolePolicy, deliveryRoleTrust } from "../../domain/monitoring/spoke-policies.ts";
import { monitoredRegions } from "../../domain/regions.ts";
import { ROOT_ACTIVITY_DELIVERY_POLICY, ROOT_ACTIVITY_DELIVERY_ROLE } from "../../domain/names.ts";

export interface RenderedPolicy {
  readonly name: string;
  /** Present for managed policies (AWS's or the payer's own); absent for inline ones. */
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

export interface PartnerPolicies {
  readonly partner: string;
  readonly accountId: string;
  readonly roles: readonly RenderedRole[];
}

function billingAdminRole(inventory: Inventory, partner: Partner): RenderedRole {
  const account = partner.payer.accountId;
  return {
    name: BILLING_ADMIN_ROLE,
    arn: roleArn(account, BILLING_ADMIN_ROLE),
    trustPolicy: billingAdminTrust(inventory.distributor),
    permissionsBoundary: null,
    policies: [{ name: BILLING_ADMIN_ROLE, arn: policyArn(account, BILLING_ADMIN_ROLE), document: billingAdminPermissions(inventory.distributor) }],
  };
}

function partnerAdminRole(inventory: Inventory, partner: Partner): RenderedRole | undefined {
  if (partner.partnerAdmins.length === 0) return undefined;
  const account = partner.payer.accountId;
  return {
    name: PARTNER_ADMIN_ROLE,
    arn: roleArn(account, PARTNER_ADMIN_ROLE),
    trustPolicy: assumeRoleTrust(partner.partnerAdmins),
    permissionsBoundary: {
      name: PARTNER_BOUNDARY_POLICY,
      arn: partnerBoundaryArn(account),
      document: partnerBoundary(fenceContext(inventory, partner)),
    },
    policies: [ADMINISTRATOR_ACCESS],
  };
}

/** The automation role, created by `bootstrap`'s template before any stack exists. */
function automationRole(inventory: Inventory, account: string, permissions: PolicyDocument): RenderedRole {
  const name = inventory.distributor.automation.roleName;
  return {
    name,
    arn: roleArn(account, name),
    trustPolicy: automationTrustPolicy(inventory.distributor),
    permissionsBoundary: null,
    policies: [{ name, document: permissions }],
  };
}

/** The role EventBridge assumes to deliver root activity to the hub, when monitoring is on. */
function rootActivityDeliveryRole(inventory: Inventory, partner: Partner): RenderedRole | undefined {
  if (!partner.features.rootActivityMonitor) return undefined;
  const account = partner.payer.accountId;
  return {
    name: ROOT_ACTIVITY_DELIVERY_ROLE,
    arn: roleArn(account, ROOT_ACTIVITY_DELIVERY_ROLE),
    trustPolicy: deliveryRoleTrust(account),
    permissionsBoundary: null,
    policies: [{ name: ROOT_ACTIVITY_DELIVERY_POLICY, document: deliveryRolePolicy(monitoredRegions(inventory.distributor.regions), inventory.distributor.hub.accountId) }],
  };
}

export function renderPartnerPolicies(inventory: Inventory, partner: Partner): PartnerPolicies {
  const roles = [
    automationRole(inventory, partner.payer.accountId, automationPermissionsPolicy(inventory.distributor, partner.payer.accountId)),
    billingAdminRole(inventory, partner),
    partnerAdminRole(inventory, partner),
    rootActivityDeliveryRole(inventory, partner),
  ];
  return { partner: partner.id, accountId: partner.payer.accountId, roles: roles.filter((r): r is RenderedRole => r !== undefined) };
}

/** The roles of the distributor's hub account: the automation role and the hub's forward role. */
export function renderHubPolicies(inventory: Inventory): PartnerPolicies {
  const hub = inventory.distributor.hub.accountId;
  return {
    partner: HUB_STACK,
    accountId: hub,
    roles: [
      automationRole(inventory, hub, hubAutomationPermissionsPolicy(inventory.distributor)),
      {
        name: HUB_FORWARD_ROLE,
        arn: roleArn(hub, HUB_FORWARD_ROLE),
        trustPolicy: forwardRoleTrust(hub),
        permissionsBoundary: null,
        policies: [{ name: HUB_FORWARD_POLICY, document: forwardRolePolicy(hub) }],
      },
    ],
  };
}
