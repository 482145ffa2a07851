/**
 * Builds payers in moto as payerfleet would have left them (or failed to): each payer's state
 * is created from inside that account, by assuming a role there, before IAM is enforced.
 */
import { AccountClient, PutAlternateContactCommand } from "@aws-sdk/client-account";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  hubEventBusArn,
  ORGANIZATION_TRAIL,
  PARTNER_ADMIN_ROLE,
  PARTNER_BOUNDARY_POLICY,
  ROOT_ACTIVITY_DELIVERY_ROLE,
  ROOT_ACTIVITY_RULE,
  roleArn,
} from "../../src/domain/names.ts";
import type { Moto, MotoCredentials } from "../support/moto.ts";

export const AUTOMATION_ROLE = "payerfleet-automation";
const TRUST_ANYONE = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] });

function allow(actions: readonly string[], resources: readonly string[] = ["*"]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...actions], Resource: [...resources] }] });
}

export interface RuleSetup {
  readonly state: string;
  readonly pattern: object;
  readonly targetsHub: boolean;
}

export interface PayerSetup {
  readonly accountId: string;
  /** What the automation role may do; moto evaluates it once IAM is enforced. */
  readonly automationActions: readonly string[];
  /** OU paths, parents first. */
  readonly ous?: readonly string[];
  /** Accounts to create, each moved to its OU path when given. */
  readonly accounts?: readonly { readonly name: string; readonly email: string; readonly ou?: string }[];
  /** The partner-admin role, with or without the boundary. */
  readonly partnerAdmin?: { readonly boundary: boolean };
  readonly trail?: { readonly logging: boolean };
  readonly rules?: Readonly<Record<string, RuleSetup>>;
  readonly alternateContacts?: readonly { readonly type: "BILLING" | "OPERATIONS" | "SECURITY"; readonly name: string; readonly title: string; readonly email: string; readonly phone: string }[];
}

const config = (moto: Moto, credentials: MotoCredentials, region = "us-east-1") => ({ region, endpoint: moto.endpoint, credentials });

/** The distributor's CI role, allowed to assume exactly the listed roles; returns its session. */
export async function buildDistributor(moto: Moto, accountId: string, ciRole: string, assumable: readonly string[]): Promise<MotoCredentials> {
  const iam = new IAMClient(config(moto, await moto.credentialsIn(accountId)));
  await iam.send(new CreateRoleCommand({ RoleName: ciRole, AssumeRolePolicyDocument: TRUST_ANYONE }));
  await iam.send(new PutRolePolicyCommand({ RoleName: ciRole, PolicyName: "assume-payers", PolicyDocument: allow(["sts:AssumeRole"], assumable) }));
  iam.destroy();
  return moto.credentialsIn(accountId, ciRole);
}

export interface BuiltPayer {
  readonly organizationId: string;
  /** The ids moto gave the created accounts, by name. */
  readonly accountIds: Readonly<Record<string, string>>;
}

export async function buildPayer(moto: Moto, hubAccountId: string, setup: PayerSetup): Promise<BuiltPayer> {
  const credentials = await moto.credentialsIn(setup.accountId);
  const iam = new IAMClient(config(moto, credentials));
  await iam.send(new CreateRoleCommand({ RoleName: AUTOMATION_ROLE, AssumeRolePolicyDocument: TRUST_ANYONE }));
  await iam.send(new PutRolePolicyCommand({ RoleName: AUTOMATION_ROLE, PolicyName: "audit", PolicyDocument: allow(setup.automationActions) }));
  if (setup.partnerAdmin !== undefined) {
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: PARTNER_BOUNDARY_POLICY, PolicyDocument: allow(["*"]) }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: PARTNER_ADMIN_ROLE,
        AssumeRolePolicyDocument: TRUST_ANYONE,
        PermissionsBoundary: setup.partnerAdmin.boundary ? policy.Policy!.Arn : undefined,
      }),
    );
  }
  iam.destroy();

  const org = new OrganizationsClient(config(moto, credentials));
  const organizationId = (await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }))).Organization!.Id!;
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const ouIds = new Map<string, string>([["", rootId]]);
  for (const path of setup.ous ?? []) {
    const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const name = path.slice(path.lastIndexOf("/") + 1);
    const ou = await org.send(new CreateOrganizationalUnitCommand({ ParentId: ouIds.get(parent)!, Name: name }));
    ouIds.set(path, ou.OrganizationalUnit!.Id!);
  }
  const ids: Record<string, string> = {};
  for (const account of setup.accounts ?? []) {
    const status = await org.send(new CreateAccountCommand({ AccountName: account.name, Email: account.email }));
    const id = status.CreateAccountStatus!.AccountId!;
    ids[account.name] = id;
    if (account.ou !== undefined) await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ouIds.get(account.ou)! }));
  }
  org.destroy();

  if (setup.trail !== undefined) {
    // moto's CreateTrail needs the bucket; the project has no S3 client, so PUT it directly.
    const bucket = `payerfleet-trail-${setup.accountId}`;
    const created = await fetch(`${moto.endpoint}/${bucket}`, { method: "PUT", headers: { "x-moto-account-id": setup.accountId } });
    if (!created.ok) throw new Error(`moto did not create bucket ${bucket}: HTTP ${created.status}`);
    const trails = new CloudTrailClient(config(moto, credentials));
    await trails.send(new CreateTrailCommand({ Name: ORGANIZATION_TRAIL, S3BucketName: bucket, IsMultiRegionTrail: true, IsOrganizationTrail: true }));
    if (setup.trail.logging) await trails.send(new StartLoggingCommand({ Name: ORGANIZATION_TRAIL }));
    trails.destroy();
  }

  for (const [region, rule] of Object.entries(setup.rules ?? {})) {
    const events = new EventBridgeClient(config(moto, credentials, region));
    await events.send(new PutRuleCommand({ Name: ROOT_ACTIVITY_RULE, State: rule.state as "ENABLED", EventPattern: JSON.stringify(rule.pattern) }));
    if (rule.targetsHub) {
      const target = { Id: "hub", Arn: hubEventBusArn(region, hubAccountId), RoleArn: roleArn(setup.accountId, ROOT_ACTIVITY_DELIVERY_ROLE) };
      await events.send(new PutTargetsCommand({ Rule: ROOT_ACTIVITY_RULE, Targets: [target] }));
    }
    events.destroy();
  }

  const account = new AccountClient(config(moto, credentials));
  for (const c of setup.alternateContacts ?? []) {
    await account.send(
      new PutAlternateContactCommand({ AlternateContactType: c.type, Name: c.name, Title: c.title, EmailAddress: c.email, PhoneNumber: c.phone }),
    );
  }
  account.destroy();
  return { organizationId, accountIds: ids };
}

/** The event pattern of a root-activity rule. */
export const ROOT_PATTERN = {
  "detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"],
  detail: { userIdentity: { type: ["Root"] } },
};
