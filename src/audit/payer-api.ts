/**
 * The read-only calls the audit makes in one payer, as plain data. `sdk-api.ts` implements them
 * with the AWS SDK through the payer's automation role; checks only ever see this interface.
 * "Not found" answers are values (`undefined`), because a missing rule or role is evidence; any
 * other error is thrown and turns the checks that needed the call into could-not-check.
 */

/** `iam:GetAccountSummary`, the two root-user facts of it. */
export interface AccountSummary {
  readonly mfaEnabled: boolean;
  readonly accessKeysPresent: boolean;
}

/** `organizations:DescribeOrganization`. */
export interface OrganizationInfo {
  readonly id: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail: string;
}

export interface OrganizationalUnitInfo {
  readonly id: string;
  readonly name: string;
}

export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE. */
  readonly status: string;
}

/** `account:GetContactInformation`, the fields the inventory records. */
export interface ContactInformation {
  readonly fullName?: string;
  readonly companyName?: string;
  readonly phoneNumber?: string;
}

/** `account:GetAlternateContact`. */
export interface AlternateContactInfo {
  readonly name: string;
  readonly title: string;
  readonly emailAddress: string;
  readonly phoneNumber: string;
}

export type AlternateContactType = "BILLING" | "OPERATIONS" | "SECURITY";

/** `iam:GetRole`. */
export interface RoleInfo {
  readonly arn: string;
  readonly permissionsBoundaryArn?: string;
}

/** A trail as `cloudtrail:DescribeTrails` lists it, shadow trails included. */
export interface TrailInfo {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly isOrganizationTrail: boolean;
  readonly isMultiRegionTrail: boolean;
}

/** `events:DescribeRule` on the default bus. */
export interface RuleInfo {
  readonly arn: string;
  readonly state: string;
  readonly eventPattern?: string;
}

/** `events:ListTargetsByRule`. */
export interface TargetInfo {
  readonly id: string;
  readonly arn: string;
  readonly roleArn?: string;
}

export interface PayerApi {
  accountSummary(): Promise<AccountSummary>;
  /** The IAM credential report as CSV, generated first when needed. */
  credentialReport(): Promise<string>;
  /** `undefined` when the payer belongs to no organization. */
  describeOrganization(): Promise<OrganizationInfo | undefined>;
  /** The organization's root id. */
  rootId(): Promise<string>;
  organizationalUnitsForParent(parentId: string): Promise<OrganizationalUnitInfo[]>;
  accountsForParent(parentId: string): Promise<OrganizationAccount[]>;
  contactInformation(): Promise<ContactInformation>;
  /** `undefined` when no contact of that type is set. */
  alternateContact(type: AlternateContactType): Promise<AlternateContactInfo | undefined>;
  /** `undefined` when no role has that name. */
  role(name: string): Promise<RoleInfo | undefined>;
  /** The trails that apply in us-east-1, which include every multi-region trail. */
  trails(): Promise<TrailInfo[]>;
  trailIsLogging(trailArn: string, homeRegion: string): Promise<boolean>;
  /** `undefined` when the default bus of that region has no rule of that name. */
  rule(region: string, name: string): Promise<RuleInfo | undefined>;
  ruleTargets(region: string, name: string): Promise<TargetInfo[]>;
}
