import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_REGION } from "../domain/regions.ts";
import type { CustodyPartner, Inventory } from "../inventory/schema.ts";
import { roleArn, sessionName } from "../domain/names.ts";
import { PartnerPayer } from "../components/payer/partner-payer.ts";
import type { StackContext, StackProgram } from "./stack-context.ts";

/**
 * The stack's one provider, assuming payerfleet's automation role in the payer and refusing to
 * act in any other account: a wrong role ARN or ambient credential fails instead of deploying
 * elsewhere. Never a provider for a linked account (ECAM). It acts in us-east-1; regional
 * resources elsewhere name their region. Named after its region, as when a stack had one
 * provider per region: the resources of us-east-1 keep their provider.
 */
function payerProvider(inventory: Inventory, partner: CustodyPartner, opts?: pulumi.CustomResourceOptions): aws.Provider {
  const payer = partner.payer.accountId;
  const role = roleArn(payer, inventory.distributor.automation.roleName);
  return new aws.Provider(
    `${partner.id}-${PROVIDER_REGION}`,
    { region: PROVIDER_REGION, allowedAccountIds: [payer], assumeRoles: [{ roleArn: role, sessionName: sessionName(partner.id) }] },
    opts,
  );
}

/** The program of one partner's stack: its payer and linked accounts. */
export function partnerProgram(inventory: Inventory, partner: CustodyPartner, context: StackContext = {}): StackProgram {
  return async () => {
    const provider = payerProvider(inventory, partner);
    const managed = context.managedIds?.() ?? new Set<string>();
    const payer = new PartnerPayer(partner.id, { inventory, partner, managedIds: managed }, { provider });
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
