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
import { billTransferAutomationPermissionsPolicy } from "../domain/iam/bill-transfer-automation-role.ts";
import type { DesiredTransfer } from "../domain/billing-transfer/lifecycle.ts";
import type { Month } from "../domain/billing-transfer/calendar.ts";
import { CONTACT_TYPES, contactOwner, HUB_STACK, isTransfer, type BillTransferAccount, type CustodyPartner, type Inventory, type TransferPartner } from "./schema.ts";

/** What the partner boundary in this partner's payer fences off. */
export function fenceContext(inventory: Inventory, partner: CustodyPartner): FenceContext {
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
export function payerRolesInput(inventory: Inventory, partner: CustodyPartner): PayerRolesInput {
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
  if (isTransfer(partner)) {
    const account = billTransferAccountOf(inventory, partner);
    return automationRole(account.accountId, `bill-transfer account ${account.id}`, automation, billTransferAutomationPermissionsPolicy(account.accountId));
  }
  const payer = partner.payer.accountId;
  return automationRole(payer, `partner ${partner.id}`, automation, automationPermissionsPolicy(automation.roleName, payer));
}

/** Every role of a stack: the automation role first, then those the stack deploys. */
export function stackRoles(inventory: Inventory, stack: string): RoleDescription[] | undefined {
  const automation = automationRoleOf(inventory, stack);
  if (automation === undefined) return undefined;
  if (stack === HUB_STACK) return [automation, forwardRole(inventory.distributor.hub.accountId)];
  const partner = inventory.partners.find((p) => p.id === stack)!;
  // A transfer partner's stack deploys no role: it acts in the bill-transfer account only.
  if (isTransfer(partner)) return [automation];
  const roles = payerRoles(payerRolesInput(inventory, partner));
  return [automation, roles.billingAdmin, roles.partnerAdmin, roles.rootActivityDelivery].filter((r) => r !== undefined);
}

/** The bill-transfer account that pays a transfer partner's bill; the loader checked it is declared. */
export function billTransferAccountOf(inventory: Inventory, partner: TransferPartner): BillTransferAccount {
  return inventory.distributor.billTransferAccounts.find((a) => a.id === partner.billing.billTransferAccount)!;
}

/** The one account a stack acts in: the hub, a custody partner's payer, or a transfer partner's bill-transfer account. */
export function stackAccountId(inventory: Inventory, stack: string): string | undefined {
  if (stack === HUB_STACK) return inventory.distributor.hub.accountId;
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined) return undefined;
  return isTransfer(partner) ? billTransferAccountOf(inventory, partner).accountId : partner.payer.accountId;
}

/** What the inventory asks of a transfer partner's transfer, as the lifecycle reads it. */
export function desiredTransfer(inventory: Inventory, partner: TransferPartner): DesiredTransfer {
  return {
    partner: partner.id,
    managementAccountId: partner.billing.managementAccountId,
    billTransferAccountId: billTransferAccountOf(inventory, partner).accountId,
    // The schema admits only YYYY-MM months.
    startMonth: partner.billing.startMonth as Month,
  };
}
