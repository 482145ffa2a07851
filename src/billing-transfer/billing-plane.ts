/**
 * What exists per transfer partner in the bill-transfer account outside Pulumi's reach: the
 * Billing Conductor billing group bound to the transfer (no Pulumi resource exists for billing
 * groups, and the registry's SDK client drops the transfer ARN, hence signed requests), and the
 * AWS-managed billing view of the transfer that the partner's custom view is built on.
 *
 * A billing group's transfer ARN cannot change once set; its pricing plan can (switching to or
 * from passthrough rewrites the current month's figures). Managed views outlive a withdrawal:
 * their existence never proves a live transfer.
 */
import { createHash } from "node:crypto";
import type { SignedClient } from "../aws/signed-requests.ts";

/** The pricing plan names AWS manages, by the inventory's word for them. */
const MANAGED_PLANS: Readonly<Record<string, string>> = { basic: "BasicPricingPlan", passthrough: "Passthrough" };
const MAX_PAGES = 1000;

export interface BillingGroup {
  readonly arn: string;
  readonly name: string;
  readonly pricingPlanArn: string;
}

interface GroupElement {
  Arn?: string;
  Name?: string;
  ComputationPreference?: { PricingPlanArn?: string };
}

export class BillingPlane {
  constructor(
    private readonly conductor: SignedClient,
    private readonly billing: SignedClient,
  ) {}

  /** The billing group bound to the transfer, if there is one. */
  async billingGroupOf(transferArn: string): Promise<BillingGroup | undefined> {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = (await this.conductor.restJson("/list-billing-groups", { Filters: { ResponsibilityTransferArns: [transferArn] }, ...(token ? { NextToken: token } : {}) })) as { BillingGroups?: GroupElement[]; NextToken?: string };
      const found = (out.BillingGroups ?? []).find((g) => g.Arn !== undefined);
      if (found) return { arn: found.Arn!, name: found.Name ?? "", pricingPlanArn: found.ComputationPreference?.PricingPlanArn ?? "" };
      token = out.NextToken;
      if (token === undefined) return undefined;
    }
    throw new Error(`ListBillingGroups gave ${MAX_PAGES} pages without an end`);
  }

  /** The ARN of the pricing plan the inventory names (`basic`, `passthrough` or a custom plan's name). */
  async pricingPlanArn(plan: string): Promise<string> {
    const name = MANAGED_PLANS[plan] ?? plan;
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = (await this.conductor.restJson("/list-pricing-plans", token ? { NextToken: token } : {})) as { PricingPlans?: { Name?: string; Arn?: string }[]; NextToken?: string };
      const found = (out.PricingPlans ?? []).find((p) => p.Name === name && p.Arn !== undefined);
      if (found) return found.Arn!;
      token = out.NextToken;
      if (token === undefined) break;
    }
    throw new Error(`no Billing Conductor pricing plan named ${name} in the bill-transfer account: create it, or set pricingPlan to basic or passthrough`);
  }

  /** Creates the transfer's billing group; the client token makes a retried call create one group. */
  async createBillingGroup(name: string, transferArn: string, pricingPlanArn: string): Promise<string> {
    const token = createHash("sha256").update(`${name}\n${transferArn}`).digest("hex").slice(0, 64);
    const out = (await this.conductor.restJson(
      "/create-billing-group",
      {
        Name: name,
        Description: "payerfleet: the billing group of a billing transfer",
        AccountGrouping: { ResponsibilityTransferArn: transferArn },
        ComputationPreference: { PricingPlanArn: pricingPlanArn },
      },
      { "x-amzn-client-token": token },
    )) as { Arn?: string };
    if (out.Arn === undefined) throw new Error("CreateBillingGroup returned no ARN");
    return out.Arn;
  }

  async setPricingPlan(groupArn: string, pricingPlanArn: string): Promise<void> {
    await this.conductor.restJson("/update-billing-group", { Arn: groupArn, ComputationPreference: { PricingPlanArn: pricingPlanArn } });
  }

  /** The AWS-managed billing view (BILLING_TRANSFER) of the customer's organization's bill. */
  async managedView(sourceAccountId: string): Promise<string | undefined> {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = (await this.billing.json("AWSBilling.ListBillingViews", { billingViewTypes: ["BILLING_TRANSFER"], sourceAccountId, ...(token ? { nextToken: token } : {}) })) as {
        billingViews?: { arn?: string; sourceAccountId?: string; billingViewType?: string }[];
        nextToken?: string;
      };
      const found = (out.billingViews ?? []).find((v) => v.billingViewType === "BILLING_TRANSFER" && v.sourceAccountId === sourceAccountId && v.arn !== undefined);
      if (found) return found.arn!;
      token = out.nextToken;
      if (token === undefined) return undefined;
    }
    throw new Error(`ListBillingViews gave ${MAX_PAGES} pages without an end`);
  }
}
