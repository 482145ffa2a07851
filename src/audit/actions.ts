/**
 * Every IAM action the audit calls in a payer, all read-only. The automation role that
 * `bootstrap` creates allows each of them; a test proves it with an IAM evaluator.
 * (`iam:GenerateCredentialReport` only refreshes IAM's cached report; it changes no setting.)
 */
export const AUDIT_ACTIONS = [
  "account:GetAlternateContact",
  "account:GetContactInformation",
  "cloudtrail:DescribeTrails",
  "cloudtrail:GetTrailStatus",
  "events:DescribeRule",
  "events:ListTargetsByRule",
  "iam:GenerateCredentialReport",
  "iam:GetAccountSummary",
  "iam:GetCredentialReport",
  "iam:GetRole",
  "organizations:DescribeOrganization",
  "organizations:ListAccountsForParent",
  "organizations:ListOrganizationalUnitsForParent",
  "organizations:ListRoots",
] as const;
