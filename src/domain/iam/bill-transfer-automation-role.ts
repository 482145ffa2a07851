/**
 * What the automation role may do in one of the distributor's bill-transfer accounts, for the
 * stacks of its billing-transfer partners: drive the transfer lifecycle from the inviting side,
 * keep the partner's billing group, Partner Central relationship, billing view and budget, and
 * read the quotas that say how many invitations fit. It never acts in a customer's management
 * account: a transfer partner's stack has no provider there.
 *
 * Deliberately absent: deleting billing groups or relationships (a billing group's transfer
 * ARN cannot change, and a relationship carries the partner's discounts), accepting or
 * declining handshakes (the customer's side), and IAM.
 */
import type { PolicyDocument } from "./policy-document.ts";

export function billTransferAutomationPermissionsPolicy(account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // Organizations calls made in a management account reach only its own organization.
        Sid: "TransferLifecycle",
        Effect: "Allow",
        Action: [
          "organizations:CancelHandshake",
          "organizations:DescribeHandshake",
          "organizations:DescribeOrganization",
          "organizations:DescribeResponsibilityTransfer",
          "organizations:InviteOrganizationToTransferResponsibility",
          "organizations:ListInboundResponsibilityTransfers",
          "organizations:TerminateResponsibilityTransfer",
        ],
        Resource: "*",
      },
      {
        Sid: "BillingGroups",
        Effect: "Allow",
        Action: [
          "billingconductor:CreateBillingGroup",
          "billingconductor:ListBillingGroups",
          "billingconductor:ListPricingPlans",
          "billingconductor:ListTagsForResource",
          "billingconductor:TagResource",
          "billingconductor:UpdateBillingGroup",
        ],
        Resource: "*",
      },
      {
        Sid: "PartnerCentralRelationships",
        Effect: "Allow",
        Action: [
          "partnercentral:CreateChannelHandshake",
          "partnercentral:CreateRelationship",
          "partnercentral:GetRelationship",
          "partnercentral:ListChannelHandshakes",
          "partnercentral:ListProgramManagementAccounts",
          "partnercentral:ListRelationships",
          "partnercentral:UpdateRelationship",
        ],
        Resource: "*",
      },
      {
        Sid: "PartnerBillingViews",
        Effect: "Allow",
        Action: [
          "billing:CreateBillingView",
          "billing:DeleteBillingView",
          "billing:GetBillingView",
          "billing:ListSourceViewsForBillingView",
          "billing:ListTagsForResource",
          "billing:TagResource",
          "billing:UntagResource",
          "billing:UpdateBillingView",
          "billing:UseSourceView",
        ],
        Resource: `arn:aws:billing::${account}:billingview/*`,
      },
      {
        Sid: "ListBillingViews",
        Effect: "Allow",
        Action: ["billing:ListBillingViews"],
        Resource: "*",
      },
      {
        Sid: "PartnerBudgets",
        Effect: "Allow",
        Action: ["budgets:ListTagsForResource", "budgets:ModifyBudget", "budgets:TagResource", "budgets:UntagResource", "budgets:ViewBudget"],
        Resource: `arn:aws:budgets::${account}:budget/payerfleet-*`,
      },
      {
        Sid: "TransferQuotas",
        Effect: "Allow",
        Action: ["servicequotas:GetServiceQuota", "servicequotas:ListServiceQuotas"],
        Resource: "*",
      },
    ],
  };
}
