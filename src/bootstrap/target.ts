/**
 * Where `bootstrap` creates the automation role: a partner's payer, or the distributor's hub
 * account, which the `hub` stack reaches through the same role name and the same trust.
 */
import type { RoleDescription } from "../domain/iam/roles.ts";
import { HUB_STACK, isTransfer, type CustodyPartner, type Inventory, type TransferPartner } from "../inventory/schema.ts";
import { automationRoleOf, billTransferAccountOf } from "../inventory/stack-inputs.ts";

export interface BootstrapTarget {
  /** The stack the role serves: a partner id, or `hub`. */
  readonly stack: string;
  /** `partner acme`, or `the root-activity hub`. */
  readonly name: string;
  /** `partner acme (Acme Corp)`, with the display name. */
  readonly title: string;
  readonly accountId: string;
  /** `payer 100000000001`, or `hub account 210987654321`. */
  readonly account: string;
  /** The automation role: its trust and its one inline policy. */
  readonly role: RoleDescription;
  /** What the permissions cover, for the template's header. */
  readonly scope: readonly string[];
  /** The partner whose root custody the ceremony splits; absent for the hub and bill-transfer accounts. */
  readonly partner?: CustodyPartner;
  /** A billing-transfer partner, whose customer's side is written beside the bill-transfer account's role. */
  readonly transferPartner?: TransferPartner;
}

/** The target of a stack name, or `undefined` when it is neither `hub` nor a partner id. */
export function bootstrapTarget(inventory: Inventory, stack: string): BootstrapTarget | undefined {
  const role = automationRoleOf(inventory, stack);
  if (role === undefined) return undefined;
  if (stack === HUB_STACK) {
    const distributor = inventory.distributor;
    const id = distributor.hub.accountId;
    return {
      stack,
      name: "the root-activity hub",
      title: "the root-activity hub",
      accountId: id,
      account: `hub account ${id}`,
      role,
      scope: [
        "Permissions: the hub's payerfleet-* event buses and rules, bus policies (EventBridge cannot scope",
        "PutPermission to one bus), payerfleet-* alert topics and subscriptions, and the forward role.",
      ],
    };
  }
  const partner = inventory.partners.find((p) => p.id === stack)!;
  if (isTransfer(partner)) {
    const account = billTransferAccountOf(inventory, partner);
    return {
      stack,
      name: `bill-transfer account ${account.id}`,
      title: `bill-transfer account ${account.id}, for partner ${partner.id} (${partner.name})`,
      accountId: account.accountId,
      account: `bill-transfer account ${account.accountId}`,
      role,
      scope: [
        "Permissions: the billing transfer lifecycle from the inviting side, billing groups, Partner Central",
        "relationships, payerfleet-* budgets and billing views, quotas; nothing in any customer's account.",
      ],
      transferPartner: partner,
    };
  }
  const id = partner.payer.accountId;
  return {
    stack,
    name: `partner ${partner.id}`,
    title: `partner ${partner.id} (${partner.name})`,
    accountId: id,
    account: `payer ${id}`,
    role,
    scope: [
      "Permissions: payerfleet's own payerfleet-* resources, the organization's OUs and accounts, the",
      "payer's alternate contacts; no account closure or removal, no primary-contact writes.",
    ],
    partner,
  };
}
