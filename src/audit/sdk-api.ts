/**
 * `PayerApi` over the AWS SDK v3, in one payer, through that payer's automation role. The only
 * role ever assumed is `arn:aws:iam::<payer>:role/<automation role>`: never a role in a linked
 * account (ECAM). Every client retries in the SDK's standard mode (exponential backoff with
 * jitter, throttling errors included) and honours `AWS_ENDPOINT_URL` like any SDK v3 client.
 */
import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from "@aws-sdk/client-account";
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetRoleCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from "@aws-sdk/client-organizations";
import { ambientSts, assumeRole, clientConfig, GLOBAL_REGION, type AwsOptions, type Credentials } from "../aws/sessions.ts";
import { sessionName } from "../domain/names.ts";
import { errorName } from "./errors.ts";
import type { CustodyPartner } from "../inventory/schema.ts";
import type { PayerApi } from "./payer-api.ts";

export interface PayerSession {
  readonly api: PayerApi;
  /** Releases the clients' sockets. */
  close(): void;
}

/** A session name CloudTrail shows for every call: which tool, which partner. */
export function auditSessionName(partnerId: string): string {
  return sessionName("audit", partnerId);
}

const notFound = (names: readonly string[]) => (err: unknown) => {
  if (names.includes(errorName(err))) return undefined;
  throw err;
};

/** The payer's API through credentials already obtained for its automation role. */
function payerSession(credentials: () => Promise<Credentials>, options: AwsOptions): PayerSession {
  const config = (region: string) => ({ ...clientConfig(options, region), credentials });
  const iam = new IAMClient(config(GLOBAL_REGION));
  const organizations = new OrganizationsClient(config(GLOBAL_REGION));
  const account = new AccountClient(config(GLOBAL_REGION));
  const trails = new Map<string, CloudTrailClient>();
  const events = new Map<string, EventBridgeClient>();
  const cloudtrail = (region: string) => trails.get(region) ?? trails.set(region, new CloudTrailClient(config(region))).get(region)!;
  const eventbridge = (region: string) => events.get(region) ?? events.set(region, new EventBridgeClient(config(region))).get(region)!;
  const polls = options.credentialReportPolls ?? { attempts: 15, delayMs: 2000 };

  const api: PayerApi = {
    async accountSummary() {
      const map = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
      if (map["AccountMFAEnabled"] === undefined || map["AccountAccessKeysPresent"] === undefined) {
        throw new Error("GetAccountSummary returned no AccountMFAEnabled or AccountAccessKeysPresent");
      }
      return { mfaEnabled: map["AccountMFAEnabled"] === 1, accessKeysPresent: map["AccountAccessKeysPresent"] !== 0 };
    },
    async credentialReport() {
      // IAM builds the report asynchronously and keeps it 4 hours; asking again is cheap.
      for (let i = 1; ; i++) {
        const state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
        if (state === "COMPLETE") break;
        if (i >= polls.attempts) throw new Error(`the credential report was still ${state} after ${i} requests`);
        await new Promise((resolve) => setTimeout(resolve, polls.delayMs));
      }
      const content = (await iam.send(new GetCredentialReportCommand({}))).Content;
      return Buffer.from(content ?? new Uint8Array()).toString("utf8");
    },
    async describeOrganization() {
      const org = await organizations
        .send(new DescribeOrganizationCommand({}))
        .then((out) => out.Organization)
        .catch(notFound(["AWSOrganizationsNotInUseException"]));
      if (org === undefined) return undefined;
      return { id: org.Id ?? "", managementAccountId: org.MasterAccountId ?? "", managementAccountEmail: org.MasterAccountEmail ?? "" };
    },
    async rootId() {
      const id = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
      if (id === undefined) throw new Error("ListRoots returned no root");
      return id;
    },
    async organizationalUnitsForParent(parentId) {
      const units = [];
      for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations }, { ParentId: parentId })) {
        for (const ou of page.OrganizationalUnits ?? []) units.push({ id: ou.Id ?? "", name: ou.Name ?? "" });
      }
      return units;
    },
    async accountsForParent(parentId) {
      const accounts = [];
      for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: parentId })) {
        for (const a of page.Accounts ?? []) {
          accounts.push({ id: a.Id ?? "", name: a.Name ?? "", email: a.Email ?? "", status: a.State ?? a.Status ?? "" });
        }
      }
      return accounts;
    },
    async contactInformation() {
      // Without AccountId, the Account API reads the calling (management) account itself.
      const info = (await account.send(new GetContactInformationCommand({}))).ContactInformation;
      return { fullName: info?.FullName, companyName: info?.CompanyName, phoneNumber: info?.PhoneNumber };
    },
    async alternateContact(type) {
      const contact = await account
        .send(new GetAlternateContactCommand({ AlternateContactType: type }))
        .then((out) => out.AlternateContact)
        .catch(notFound(["ResourceNotFoundException"]));
      if (contact === undefined) return undefined;
      return {
        name: contact.Name ?? "",
        title: contact.Title ?? "",
        emailAddress: contact.EmailAddress ?? "",
        phoneNumber: contact.PhoneNumber ?? "",
      };
    },
    async role(name) {
      const role = await iam
        .send(new GetRoleCommand({ RoleName: name }))
        .then((out) => out.Role)
        .catch(notFound(["NoSuchEntityException", "NoSuchEntity"]));
      if (role === undefined) return undefined;
      return { arn: role.Arn ?? "", permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn };
    },
    async trails() {
      // Names given to DescribeTrails only match trails homed in the calling region; listing
      // with shadow trails shows every multi-region trail wherever it is homed.
      const list = (await cloudtrail(GLOBAL_REGION).send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
      return list.map((t) => ({
        name: t.Name ?? "",
        arn: t.TrailARN ?? "",
        homeRegion: t.HomeRegion ?? GLOBAL_REGION,
        isOrganizationTrail: t.IsOrganizationTrail === true,
        isMultiRegionTrail: t.IsMultiRegionTrail === true,
      }));
    },
    async trailIsLogging(trailArn, homeRegion) {
      return (await cloudtrail(homeRegion).send(new GetTrailStatusCommand({ Name: trailArn }))).IsLogging === true;
    },
    async rule(region, name) {
      const rule = await eventbridge(region)
        .send(new DescribeRuleCommand({ Name: name }))
        .catch(notFound(["ResourceNotFoundException"]));
      if (rule === undefined) return undefined;
      return { arn: rule.Arn ?? "", state: rule.State ?? "", eventPattern: rule.EventPattern };
    },
    async ruleTargets(region, name) {
      const targets = [];
      let token: string | undefined;
      do {
        const page = await eventbridge(region).send(new ListTargetsByRuleCommand({ Rule: name, NextToken: token }));
        for (const t of page.Targets ?? []) targets.push({ id: t.Id ?? "", arn: t.Arn ?? "", roleArn: t.RoleArn });
        token = page.NextToken;
      } while (token !== undefined);
      return targets;
    },
  };
  const close = () => {
    for (const client of [iam, organizations, account, ...trails.values(), ...events.values()]) client.destroy();
  };
  return { api, close };
}

/** Sessions in payers through the ambient credentials; `close` releases the STS client. */
export function sdkConnector(automationRoleArn: (partner: CustodyPartner) => string, options: AwsOptions) {
  const sts = ambientSts(options);
  return {
    async connect(partner: CustodyPartner): Promise<PayerSession> {
      return payerSession(await assumeRole(sts, automationRoleArn(partner), auditSessionName(partner.id)), options);
    },
    close(): void {
      if (options.sts === undefined) sts.destroy();
    },
  };
}
