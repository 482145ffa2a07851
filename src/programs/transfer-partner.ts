import * as aws from "@pulumi/aws";
import { PROVIDER_REGION } from "../domain/regions.ts";
import { roleArn, sessionName } from "../domain/names.ts";
import type { Inventory, TransferPartner } from "../inventory/schema.ts";
import { billTransferAccountOf } from "../inventory/stack-inputs.ts";
import { BillTransferPartner } from "../components/billing/transfer-partner.ts";
import type { StackContext, StackProgram } from "./stack-context.ts";

/**
 * The program of a billing-transfer partner's stack. Its one provider assumes the automation
 * role in the distributor's bill-transfer account and refuses any other account: the
 * customer's management account, which the customer keeps, is never a target.
 */
export function transferPartnerProgram(inventory: Inventory, partner: TransferPartner, context: StackContext = {}): StackProgram {
  return async () => {
    const account = billTransferAccountOf(inventory, partner);
    const provider = new aws.Provider(`${partner.id}-${PROVIDER_REGION}`, {
      region: PROVIDER_REGION,
      allowedAccountIds: [account.accountId],
      assumeRoles: [{ roleArn: roleArn(account.accountId, inventory.distributor.automation.roleName), sessionName: sessionName(partner.id) }],
    });
    const accepted = context.acceptedTransfer?.();
    const plane = new BillTransferPartner(partner.id, { partner, ...(accepted === undefined ? {} : { accepted }) }, { provider });
    return {
      partner: partner.id,
      billingModel: "transfer",
      billTransferAccountId: account.accountId,
      managementAccountId: partner.billing.managementAccountId,
      startMonth: partner.billing.startMonth,
      billingViewArn: plane.billingView?.arn ?? null,
      transfer: context.transferRecord?.() ?? null,
    };
  };
}
