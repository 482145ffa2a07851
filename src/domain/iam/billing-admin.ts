/**
 * What the distributor's own principals may do in a payer through the billing-admin role. The
 * automation role payerfleet assumes is `bootstrap`'s (automation-role.ts).
 */
import { assumeRoleTrust, policyDocument, type PolicyDocument } from "./policy-document.ts";

/** Who may assume the billing-admin role: the distributor's billing admins. */
export function billingAdminTrust(billingAdmins: readonly string[]): PolicyDocument {
  return assumeRoleTrust(billingAdmins);
}

/**
 * Re-billing needs the payer's billing data (Cost Explorer, cost and usage reports, data
 * exports, invoices, payments) and a read of the organization to map accounts to customers;
 * plus read of the distributor-only buckets where exports land.
 */
export function billingAdminPermissions(buckets: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "BillingAndCostManagement",
      Effect: "Allow",
      Action: [
        "account:GetAccountInformation",
        "account:GetAlternateContact",
        "account:GetContactInformation",
        "bcm-data-exports:*",
        "billing:*",
        "budgets:*",
        "ce:*",
        "consolidatedbilling:*",
        "cur:*",
        "freetier:*",
        "invoicing:*",
        "payments:*",
        "pricing:*",
        "purchase-orders:*",
        "savingsplans:Describe*",
        "tax:*",
      ],
      Resource: "*",
    },
    {
      Sid: "ReadOrganization",
      Effect: "Allow",
      Action: ["organizations:Describe*", "organizations:List*"],
      Resource: "*",
    },
    buckets.length === 0
      ? undefined
      : {
          Sid: "ReadBillingExports",
          Effect: "Allow",
          Action: ["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"],
          Resource: buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]),
        },
  ]);
}
