import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAME_PREFIX } from "../../domain/names.ts";
import type { TransferPartner } from "../../inventory/schema.ts";

/** What AWS says of the partner's transfer once it is accepted: read by the driver, never guessed. */
export interface AcceptedTransfer {
  /** The transfer's ARN (`...:responsibilitytransfer/rt-...`). */
  readonly arn: string;
  /** The AWS-managed billing view of the transfer (billingViewType BILLING_TRANSFER). */
  readonly managedViewArn: string;
}

export interface TransferPartnerArgs {
  readonly partner: TransferPartner;
  /** Absent until the customer has accepted: nothing of the partner's costs exists before. */
  readonly accepted?: AcceptedTransfer;
}

/**
 * The per-partner financial plane in the distributor's bill-transfer account: a custom billing
 * view of the partner's costs, built on the transfer's AWS-managed view, and a monthly budget
 * on it when the inventory sets one. Nothing here acts in the customer's management account:
 * the stack's only provider is the bill-transfer account's.
 */
export class BillTransferPartner extends pulumi.ComponentResource {
  public readonly billingView?: aws.billing.View;
  public readonly budget?: aws.budgets.Budget;

  constructor(name: string, args: TransferPartnerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:billing:TransferPartner", name, {}, opts);
    const { partner, accepted } = args;
    if (accepted !== undefined) {
      this.billingView = new aws.billing.View(
        `${name}-billing-view`,
        {
          name: `${NAME_PREFIX}${partner.id}`,
          description: `payerfleet: the costs of ${partner.id}, billed by transfer from ${partner.billing.managementAccountId}`,
          sourceViews: [accepted.managedViewArn],
          tags: { "payerfleet:partner": partner.id },
        },
        { parent: this },
      );
      const limit = partner.billing.monthlyBudget;
      if (limit !== undefined) {
        this.budget = new aws.budgets.Budget(
          `${name}-budget`,
          {
            name: `${NAME_PREFIX}${partner.id}`,
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: limit.toFixed(2),
            limitUnit: "USD",
            billingViewArn: this.billingView.arn,
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({});
  }
}
