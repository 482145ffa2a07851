/**
 * The inventory read as the inputs of the pure descriptions in src/domain, which know nothing
 * of its shape: one place maps fields to what they mean.
 */
import type { FenceContext } from "../domain/iam/distributor-guardrails.ts";
import { automationPermissionsPolicy, automationRole } from "../domain/iam/automation-role.ts";
import { hubAutomationPermissionsPolicy } from "../domain/iam/hub-automation-role.ts";
import { forwardRole } from "../domain/iam/hub-roles.ts";
import { payerRoles, type PayerRolesInput } from "../domain/iam/payer-roles.ts";
import type { RoleDescription } from "../domain/iam/roles.ts";
import { CONTACT_TYPES, contactOwner, HUB_STACK, type Inventory, type Partner } from "./schema.ts";

/** What the partner boundary in this partner's payer fences off. */
export function fenceContext(inventory: Inventory, partner: Partner): FenceContext {
  const contacts = partner.payer.alternateContacts ?? {};
  return {
    accountId: partner.payer.accountId,
    automationRoleName: inventory.distributor.automation.roleName,
    guardrails: inventory.distributor.guardrails,
    distributorContacts: CONTACT_TYPES.filter((type) => {
      const contact = contacts[type];
      return contact !== undefined && contactOwner(type, contact) === "distributor";
    }),
  };
}

/** The roles this partner's stack deploys, and what their documents depend on. */
export function payerRolesInput(inventory: Inventory, partner: Partner): PayerRolesInput {
  const distributor = inventory.distributor;
  return {
    fence: fenceContext(inventory, partner),
    billingAdmins: distributor.billingAdmins,
    exportBuckets: distributor.guardrails.buckets,
    partnerAdmins: partner.partnerAdmins,
    ...(partner.features.rootActivityMonitor ? { rootActivity: { hubAccountId: distributor.hub.accountId, regions: distributor.regions } } : {}),
  };
}

/** The stack's automation role, which `bootstrap` creates; undefined for a stack the inventory does not have. */
export function automationRoleOf(inventory: Inventory, stack: string): RoleDescription | undefined {
  const automation = inventory.distributor.automation;
  if (stack === HUB_STACK) {
    const hub = inventory.distributor.hub.accountId;
    return automationRole(hub, "the root-activity hub", automation, hubAutomationPermissionsPolicy(hub, automation.roleName));
  }
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined) return undefined;
  const payer = partner.payer.accountId;
  return automationRole(payer, `partner ${partner.id}`, automation, automationPermissionsPolicy(automation.roleName, payer));
}

/** Every role of a stack: the automation role first, then those the stack deploys. */
export function stackRoles(inventory: Inventory, stack: string): RoleDescription[] | undefined {
  const automation = automationRoleOf(inventory, stack);
  if (automation === undefined) return undefined;
  if (stack === HUB_STACK) return [automation, forwardRole(inventory.distributor.hub.accountId)];
  const partner = inventory.partners.find((p) => p.id === stack)!;
  const roles = payerRoles(payerRolesInput(inventory, partner));
  return [automation, roles.billingAdmin, roles.partnerAdmin, roles.rootActivityDelivery].filter((r) => r !== undefined);
}
