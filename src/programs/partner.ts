import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { monitoredRegions, ROOT_SIGN_IN_REGION } from "../inventory/regions.ts";
import type { Inventory, Partner } from "../inventory/schema.ts";
import { roleArn } from "../components/names.ts";
import { PartnerPayer } from "../components/partner-payer.ts";

/**
 * One provider per monitored region, all assuming payerfleet's automation role in the payer
 * and refusing to act in any other account: a wrong role ARN or ambient credential fails
 * instead of deploying elsewhere. Never a provider for a linked account (ECAM).
 */
export function payerProviders(inventory: Inventory, partner: Partner, opts?: pulumi.CustomResourceOptions): Record<string, aws.Provider> {
  const payer = partner.payer.accountId;
  const role = roleArn(payer, inventory.distributor.automation.roleName);
  return Object.fromEntries(
    monitoredRegions(inventory.distributor.regions).map((region) => [
      region,
      new aws.Provider(
        `${partner.id}-${region}`,
        { region, allowedAccountIds: [payer], assumeRoles: [{ roleArn: role, sessionName: `payerfleet-${partner.id}` }] },
        opts,
      ),
    ]),
  );
}

/** The program of one partner's stack: its payer and linked accounts. */
export function partnerProgram(inventory: Inventory, partner: Partner): () => Promise<Record<string, unknown>> {
  return async () => {
    const providers = payerProviders(inventory, partner);
    const payer = new PartnerPayer(partner.id, { inventory, partner, regionProviders: providers }, { provider: providers[ROOT_SIGN_IN_REGION]! });
    if (pulumi.runtime.hasEngine()) {
      // Shown by preview and up; plan reads the output instead.
      payer.warnings.apply((warnings) => warnings.forEach((w) => pulumi.log.warn(`${partner.id}: ${w}`, payer)));
    }
    return {
      partner: partner.id,
      payerAccountId: partner.payer.accountId,
      billingAdminRoleArn: payer.distributorAccess.billingAdminRole.arn,
      partnerAdminRoleArn: payer.partnerAdminAccess?.role.arn ?? null,
      linkedAccountIds: Object.fromEntries(Object.entries(payer.linkedAccounts).map(([n, a]) => [n, a.account.id])),
      warnings: payer.warnings,
    };
  };
}
