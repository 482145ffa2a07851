import * as pulumi from "@pulumi/pulumi";
import { payerRoles } from "../../domain/iam/payer-roles.ts";
import type { CustodyPartner, Inventory } from "../../inventory/schema.ts";
import { payerRolesInput } from "../../inventory/stack-inputs.ts";
import { CustodyContacts } from "./custody-contacts.ts";
import { DistributorAccess } from "./distributor-access.ts";
import { LinkedAccount } from "./linked-account.ts";
import { OrganizationSettings } from "./organization-settings.ts";
import { OrganizationTrail } from "./organization-trail.ts";
import { RootActivitySpoke } from "./root-activity-spoke.ts";
import { PartnerAdminAccess } from "./partner-admin-access.ts";

export interface PartnerPayerArgs {
  /** The whole inventory: the distributor's settings apply to every payer. */
  readonly inventory: Inventory;
  /** The partner whose payer this is. */
  readonly partner: CustodyPartner;
  /**
   * Ids of resources already in the stack's state: an organization, OU or account the inventory
   * gives an id is adopted with `import` only until it is there. Default: none (import them all).
   */
  readonly managedIds?: ReadonlySet<string>;
}

/**
 * Everything for one partner's distributor-owned payer: its organization, the distributor's
 * and the partner's access, custody contacts, and the customer-owned linked accounts, through
 * the one provider given in `opts` (us-east-1; regional resources elsewhere name their region).
 */
export class PartnerPayer extends pulumi.ComponentResource {
  readonly organization: OrganizationSettings;
  readonly distributorAccess: DistributorAccess;
  readonly partnerAdminAccess?: PartnerAdminAccess;
  readonly contacts: CustodyContacts;
  /** The multi-region organization trail, when the partner's features enable it. */
  readonly organizationTrail?: OrganizationTrail;
  /** Root-activity rules reporting to the hub, when the partner's features enable it. */
  readonly rootActivity?: RootActivitySpoke;
  /** Linked accounts by name. */
  readonly linkedAccounts: Readonly<Record<string, LinkedAccount>>;
  /** Custody and guardrail findings for people to act on. */
  readonly warnings: pulumi.Output<string[]>;

  constructor(name: string, args: PartnerPayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:payer:PartnerPayer", name, {}, opts);
    const { inventory, partner } = args;
    const managed = args.managedIds ?? new Set<string>();
    const child = { parent: this };
    this.organization = new OrganizationSettings(
      `${name}-organization`,
      {
        ...(partner.payer.organizationId === undefined ? {} : { organizationId: partner.payer.organizationId }),
        organizationalUnits: partner.organizationalUnits,
        existingOrganizationalUnits: partner.existingOrganizationalUnits,
        managedIds: managed,
        centralizedRootAccess: partner.features.centralizedRootAccess,
      },
      child,
    );
    const roles = payerRoles(payerRolesInput(inventory, partner));
    this.distributorAccess = new DistributorAccess(`${name}-distributor-access`, { role: roles.billingAdmin }, child);
    if (roles.partnerAdmin !== undefined) {
      this.partnerAdminAccess = new PartnerAdminAccess(`${name}-partner-admin`, { role: roles.partnerAdmin }, child);
    }
    this.contacts = new CustodyContacts(
      `${name}-contacts`,
      {
        ...(partner.payer.alternateContacts === undefined ? {} : { alternateContacts: partner.payer.alternateContacts }),
        ...(partner.payer.primaryContact === undefined ? {} : { primaryContact: partner.payer.primaryContact }),
      },
      child,
    );
    if (partner.features.organizationTrail) {
      // Root API-call events need a trail; it needs trusted access for CloudTrail first. Its
      // bucket policy names the trail in us-east-1: the provider from opts must be that region's.
      this.organizationTrail = new OrganizationTrail(
        `${name}-organization-trail`,
        { payerAccountId: partner.payer.accountId, organizationId: this.organization.organization.id },
        { parent: this, dependsOn: [this.organization] },
      );
    }
    if (partner.features.rootActivityMonitor) {
      this.rootActivity = new RootActivitySpoke(
        `${name}-root-activity`,
        {
          payerAccountId: partner.payer.accountId,
          hubAccountId: inventory.distributor.hub.accountId,
          regions: inventory.distributor.regions,
        },
        { parent: this, ...(this.organizationTrail === undefined ? {} : { dependsOn: [this.organizationTrail] }) },
      );
    }
    const linked: Record<string, LinkedAccount> = {};
    for (const account of partner.linkedAccounts) {
      // Keyed by account id, or by name for an account payerfleet creates, never by position:
      // reordering the inventory replaces nothing, and renaming an account with an id is an
      // in-place update (PutAccountName), as moving it to another OU is (MoveAccount).
      const key = account.accountId ?? account.name;
      linked[account.name] = new LinkedAccount(
        `${name}-${key}`,
        {
          accountName: account.name,
          email: account.email,
          parentId: account.ou === undefined ? this.organization.rootId : this.organization.ouIds[account.ou]!,
          ...(account.accountId === undefined ? {} : { accountId: account.accountId, adopt: !managed.has(account.accountId) }),
        },
        // Stacks made before accounts with ids were keyed by id knew them by name.
        { ...child, ...(account.accountId === undefined ? {} : { aliases: [{ name: `${name}-${account.name}` }] }) },
      );
    }
    this.linkedAccounts = linked;
    this.warnings = this.contacts.warnings;
    this.registerOutputs({
      organization: this.organization,
      distributorAccess: this.distributorAccess,
      partnerAdminAccess: this.partnerAdminAccess,
      contacts: this.contacts,
      organizationTrail: this.organizationTrail,
      rootActivity: this.rootActivity,
      linkedAccounts: this.linkedAccounts,
      warnings: this.warnings,
    });
  }
}
