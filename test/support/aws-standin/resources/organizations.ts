/**
 * AWS Organizations: the organization, its OUs and member accounts. All three live in the
 * management account (the records' `account`); member accounts are also known by their own
 * id in `state.accounts`. Ids look as AWS makes them: `o-` and 10 characters, `r-` and 4,
 * `ou-<root's 4>-<8>`, accounts 12 digits.
 */
import { recordsOf, removeRecord } from "../records.ts";
import type { OpContext, ResourceRecord, ResourceType, StandinState } from "../types.ts";
import { randomDigits, randomLowerAlnum, type Props } from "../util.ts";
import { creating, refuse, str, timestamp, updating, withTags } from "./common.ts";

export const ORGANIZATION = "aws:organizations/organization:Organization";
export const OU = "aws:organizations/organizationalUnit:OrganizationalUnit";
export const ACCOUNT = "aws:organizations/account:Account";

const NOT_IN_USE = ["AWSOrganizationsNotInUseException", "Your account is not a member of an organization."] as const;
const PARENT_NOT_FOUND = ["ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified."] as const;

/** The organization whose management account is `account`. */
export function organizationManagedBy(state: StandinState, account: string): ResourceRecord | undefined {
  return state.resources.find((r) => r.type === ORGANIZATION && r.account === account);
}

/** The organization `account` belongs to, as its management account or as a member. */
export function organizationOf(state: StandinState, account: string): ResourceRecord | undefined {
  const managed = organizationManagedBy(state, account);
  if (managed) return managed;
  const member = state.resources.find((r) => r.type === ACCOUNT && r.id === account);
  return member ? organizationManagedBy(state, member.account) : undefined;
}

function rootOf(org: ResourceRecord): { id: string; name: string; arn: string } {
  const roots = org.properties["roots"] as { id: string; name: string; arn: string }[];
  return roots[0]!;
}

/** A root or OU id of the organization managed by the context's account. */
function parentExists(ctx: OpContext, org: ResourceRecord, parentId: string): boolean {
  return rootOf(org).id === parentId || recordsOf(ctx, OU).some((r) => r.id === parentId);
}

function accountSummary(state: StandinState, org: ResourceRecord, id: string): Props {
  const info = state.accounts[id] ?? {};
  const record = state.resources.find((r) => r.type === ACCOUNT && r.id === id && r.account === org.account);
  return {
    id,
    arn: `arn:aws:organizations::${org.account}:account/${org.id}/${id}`,
    name: str(record?.properties["name"] ?? info.name),
    email: str(record?.properties["email"] ?? info.email),
    status: str(record?.properties["status"] ?? "ACTIVE"),
  };
}

/** Everything an organization reports, computed from the state (accounts change outside it). */
export function organizationView(state: StandinState, org: ResourceRecord): Props {
  const mgmt = org.account;
  const members = state.resources.filter((r) => r.type === ACCOUNT && r.account === mgmt).map((r) => r.id);
  const accounts = [mgmt, ...members].map((id) => accountSummary(state, org, id));
  const policyTypes = ((org.properties["enabledPolicyTypes"] as string[] | undefined) ?? []).map((type) => ({ status: "ENABLED", type }));
  const info = state.accounts[mgmt] ?? {};
  return {
    ...org.properties,
    id: org.id,
    arn: `arn:aws:organizations::${mgmt}:organization/${org.id}`,
    masterAccountId: mgmt,
    masterAccountArn: `arn:aws:organizations::${mgmt}:account/${org.id}/${mgmt}`,
    masterAccountEmail: str(info.email),
    masterAccountName: str(info.name),
    accounts,
    nonMasterAccounts: accounts.filter((a) => a["id"] !== mgmt),
    roots: (org.properties["roots"] as Props[]).map((root) => ({ ...root, policyTypes })),
  };
}

/** A new organization record (also what seeding uses). */
export function newOrganization(account: string, inputs: Props, ids: { id?: string; rootId?: string } = {}): ResourceRecord {
  const id = ids.id ?? `o-${randomLowerAlnum(10)}`;
  const rootId = ids.rootId ?? `r-${randomLowerAlnum(4)}`;
  return {
    type: ORGANIZATION,
    id,
    account,
    region: null,
    properties: {
      featureSet: "ALL",
      awsServiceAccessPrincipals: [],
      enabledPolicyTypes: [],
      ...inputs,
      roots: [{ id: rootId, name: "Root", arn: `arn:aws:organizations::${account}:root/${id}/${rootId}` }],
    },
  };
}

export function newOrganizationalUnit(org: ResourceRecord, inputs: Props, id?: string): ResourceRecord {
  const ouId = id ?? `ou-${rootOf(org).id.slice(2)}-${randomLowerAlnum(8)}`;
  return {
    type: OU,
    id: ouId,
    account: org.account,
    region: null,
    properties: withTags({ ...inputs, arn: `arn:aws:organizations::${org.account}:ou/${org.id}/${ouId}` }),
  };
}

export function newMemberAccount(org: ResourceRecord, inputs: Props, id?: string, joinedMethod = "CREATED"): ResourceRecord {
  const accountId = id ?? `3${randomDigits(11)}`;
  return {
    type: ACCOUNT,
    id: accountId,
    account: org.account,
    region: null,
    properties: withTags({
      closeOnDeletion: false,
      createGovcloud: false,
      ...inputs,
      parentId: str(inputs["parentId"]) || rootOf(org).id,
      arn: `arn:aws:organizations::${org.account}:account/${org.id}/${accountId}`,
      status: "ACTIVE",
      joinedMethod,
      joinedTimestamp: timestamp(),
      govcloudId: "",
    }),
  };
}

export const organization: ResourceType = {
  token: ORGANIZATION,
  api: { service: "Organizations", noun: "Organizations Organization", create: "CreateOrganization", update: "EnableAWSServiceAccess" },
  regional: false,
  inputs: ["featureSet", "awsServiceAccessPrincipals", "enabledPolicyTypes"],
  forceNew: [],
  defaults: { featureSet: "ALL" },
  create(ctx, inputs) {
    if (organizationOf(ctx.state, ctx.scope.accountId))
      refuse(creating(organization, ctx.scope.accountId), "AlreadyInOrganizationException", "The AWS account is already a member of an organization.", 400);
    const record = newOrganization(ctx.scope.accountId, inputs);
    return { id: record.id, properties: record.properties };
  },
  delete(ctx, record) {
    const members = ctx.state.resources.filter((r) => (r.type === ACCOUNT || r.type === OU) && r.account === record.account);
    if (members.length > 0)
      refuse(
        { doing: `deleting Organizations Organization (${record.id})`, service: "Organizations", operation: "DeleteOrganization" },
        "OrganizationNotEmptyException",
        "To delete an organization you must first remove all member accounts (except the master).",
      );
    removeRecord(ctx.state, record);
  },
  read(ctx, record) {
    return organizationView(ctx.state, record);
  },
};

export const organizationalUnit: ResourceType = {
  token: OU,
  api: { service: "Organizations", noun: "Organizations Organizational Unit", create: "CreateOrganizationalUnit", update: "UpdateOrganizationalUnit" },
  regional: false,
  inputs: ["name", "parentId", "tags"],
  // Organizations has no API to move an OU (TF organizational_unit.go: parent_id ForceNew).
  forceNew: ["parentId"],
  required: ["name", "parentId"],
  create(ctx, inputs) {
    const call = creating(organizationalUnit, str(inputs["name"]));
    const org = organizationManagedBy(ctx.state, ctx.scope.accountId);
    if (!org) refuse(call, ...NOT_IN_USE);
    const parentId = str(inputs["parentId"]);
    if (!parentExists(ctx, org, parentId)) refuse(call, ...PARENT_NOT_FOUND);
    if (recordsOf(ctx, OU).some((r) => r.properties["parentId"] === parentId && r.properties["name"] === inputs["name"]))
      refuse(call, "DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
    const record = newOrganizationalUnit(org, inputs);
    return { id: record.id, properties: record.properties };
  },
  delete(ctx, record) {
    const children = ctx.state.resources.filter((r) => (r.type === ACCOUNT || r.type === OU) && r.account === record.account && r.properties["parentId"] === record.id);
    if (children.length > 0)
      refuse(
        { doing: `deleting Organizations Organizational Unit (${record.id})`, service: "Organizations", operation: "DeleteOrganizationalUnit" },
        "OrganizationalUnitNotEmptyException",
        "The specified OU is not empty. Move all accounts to another root or OU, and try again.",
      );
    removeRecord(ctx.state, record);
  },
  read(ctx, record) {
    const accounts = ctx.state.resources
      .filter((r) => r.type === ACCOUNT && r.account === record.account && r.properties["parentId"] === record.id)
      .map((r) => ({ id: r.id, arn: r.properties["arn"], name: r.properties["name"], email: r.properties["email"] }));
    return { ...record.properties, accounts };
  },
};

export const account: ResourceType = {
  token: ACCOUNT,
  api: { service: "Organizations", noun: "AWS Organizations Account", create: "CreateAccount", update: "MoveAccount" },
  regional: false,
  inputs: ["name", "email", "parentId", "closeOnDeletion", "createGovcloud", "iamUserAccessToBilling", "roleName", "tags"],
  // Since terraform-provider-aws#42350 (PutAccountName) a rename is an update; a move has
  // always been one (MoveAccount). E-mail, billing access and role name replace.
  forceNew: ["email", "iamUserAccessToBilling", "roleName"],
  // Without a parentId the account stays where it is (in the root, when created).
  optionalComputed: ["parentId"],
  required: ["name", "email"],
  defaults: { closeOnDeletion: false, createGovcloud: false },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const call = creating(account, name);
    const org = organizationManagedBy(ctx.state, ctx.scope.accountId);
    if (!org) refuse(call, ...NOT_IN_USE);
    const parentId = str(inputs["parentId"]);
    if (parentId !== "" && !parentExists(ctx, org, parentId))
      refuse({ doing: `moving AWS Organizations Account (${name})`, service: "Organizations", operation: "MoveAccount" }, ...PARENT_NOT_FOUND);
    const email = str(inputs["email"]).toLowerCase();
    const taken =
      Object.values(ctx.state.accounts).some((a) => a.email?.toLowerCase() === email) ||
      ctx.state.resources.some((r) => r.type === ACCOUNT && str(r.properties["email"]).toLowerCase() === email);
    if (taken) {
      // CreateAccount itself succeeds; the request then fails asynchronously, which the real
      // provider reports from its wait.
      throw new Error(
        `waiting for AWS Organizations Account (${name}) create: unexpected state 'FAILED', wanted target 'SUCCEEDED'. last error: EMAIL_ALREADY_EXISTS`,
      );
    }
    const record = newMemberAccount(org, inputs);
    ctx.state.accounts[record.id] = { name, email: str(inputs["email"]) };
    return { id: record.id, properties: record.properties };
  },
  update(ctx, record, news) {
    const parentId = str(news["parentId"]);
    if (parentId !== "" && parentId !== record.properties["parentId"]) {
      const org = organizationManagedBy(ctx.state, record.account);
      if (!org || !parentExists(ctx, org, parentId)) refuse(updating(account, record.id), ...PARENT_NOT_FOUND);
    }
    (ctx.state.accounts[record.id] ??= {}).name = str(news["name"]);
  },
  delete(ctx, record) {
    // closeOnDeletion false: RemoveAccountFromOrganization; the account lives on, standalone.
    if (record.properties["closeOnDeletion"] === true) {
      (ctx.state.accounts[record.id] ??= {}).closed = true;
    }
    removeRecord(ctx.state, record);
  },
};
