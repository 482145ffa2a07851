/**
 * IAM: roles, managed policies, inline role policies, attachments. IAM is global: no region.
 * Names are unique in an account without regard to case, as IAM has them.
 */
import { recordsOf, removeRecord } from "../records.ts";
import type { OpContext, ResourceRecord, ResourceType } from "../types.ts";
import { iamUniqueId, type Props } from "../util.ts";
import { creating, deleting, refuse, str, timestamp, withTags } from "./common.ts";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

function findRole(ctx: OpContext, name: string): ResourceRecord | undefined {
  return recordsOf(ctx, ROLE).find((r) => str(r.properties["name"]).toLowerCase() === name.toLowerCase());
}

/** A customer managed policy of this account, or an AWS managed one (which always exists here). */
function policyExists(ctx: OpContext, arn: string): boolean {
  if (arn.startsWith("arn:aws:iam::aws:policy/")) return true;
  return recordsOf(ctx, POLICY).some((r) => r.properties["arn"] === arn);
}

export const role: ResourceType = {
  token: ROLE,
  api: { service: "IAM", noun: "IAM Role", create: "CreateRole", update: "UpdateRole" },
  regional: false,
  inputs: ["name", "namePrefix", "path", "assumeRolePolicy", "description", "maxSessionDuration", "permissionsBoundary", "forceDetachPolicies", "tags"],
  forceNew: ["name", "namePrefix", "path"],
  jsonInputs: ["assumeRolePolicy"],
  required: ["assumeRolePolicy"],
  defaults: { path: "/", maxSessionDuration: 3600, forceDetachPolicies: false },
  autoName: { property: "name", maxLength: 64 },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const call = creating(role, name);
    if (findRole(ctx, name)) refuse(call, "EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
    const boundary = inputs["permissionsBoundary"];
    if (typeof boundary === "string" && boundary !== "" && !policyExists(ctx, boundary))
      refuse(call, "NoSuchEntity", `Scope ARN: ${boundary} does not exist or is not attachable.`, 404);
    const path = str(inputs["path"]) || "/";
    return {
      id: name,
      properties: withTags({
        ...inputs,
        arn: `arn:aws:iam::${ctx.scope.accountId}:role${path}${name}`,
        uniqueId: iamUniqueId("AROA"),
        createDate: timestamp(),
      }),
    };
  },
  update(ctx, record, news) {
    const boundary = news["permissionsBoundary"];
    if (typeof boundary === "string" && boundary !== "" && !policyExists(ctx, boundary))
      refuse(
        { doing: `updating IAM Role (${record.id}) permissions boundary`, service: "IAM", operation: "PutRolePermissionsBoundary" },
        "NoSuchEntity",
        `Scope ARN: ${boundary} does not exist or is not attachable.`,
        404,
      );
  },
  delete(ctx, record) {
    const inline = recordsOf(ctx, ROLE_POLICY).filter((r) => r.properties["role"] === record.id);
    const attached = recordsOf(ctx, ATTACHMENT).filter((r) => r.properties["role"] === record.id);
    if (inline.length + attached.length > 0) {
      if (record.properties["forceDetachPolicies"] !== true)
        refuse(deleting(role, record.id, "DeleteRole"), "DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
      [...inline, ...attached].forEach((r) => removeRecord(ctx.state, r));
    }
    removeRecord(ctx.state, record);
  },
  read(ctx, record) {
    return {
      ...record.properties,
      managedPolicyArns: recordsOf(ctx, ATTACHMENT)
        .filter((r) => r.properties["role"] === record.id)
        .map((r) => str(r.properties["policyArn"]))
        .sort(),
    };
  },
};

export const policy: ResourceType = {
  token: POLICY,
  api: { service: "IAM", noun: "IAM Policy", create: "CreatePolicy", update: "CreatePolicyVersion" },
  regional: false,
  inputs: ["name", "namePrefix", "path", "policy", "description", "tags"],
  // An IAM policy's description cannot be changed in place (TF policy.go: ForceNew).
  forceNew: ["name", "namePrefix", "path", "description"],
  jsonInputs: ["policy"],
  required: ["policy"],
  defaults: { path: "/" },
  autoName: { property: "name", maxLength: 128 },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const path = str(inputs["path"]) || "/";
    const arn = `arn:aws:iam::${ctx.scope.accountId}:policy${path}${name}`;
    if (recordsOf(ctx, POLICY).some((r) => str(r.properties["name"]).toLowerCase() === name.toLowerCase()))
      refuse(creating(policy, name), "EntityAlreadyExists", `A policy called ${name} already exists. Duplicate names are not allowed.`, 409);
    // The real provider's id for a managed policy is its ARN.
    return { id: arn, properties: withTags({ ...inputs, arn, policyId: iamUniqueId("ANPA"), attachmentCount: 0 }) };
  },
  delete(ctx, record) {
    if (recordsOf(ctx, ATTACHMENT).some((r) => r.properties["policyArn"] === record.id) || recordsOf(ctx, ROLE).some((r) => r.properties["permissionsBoundary"] === record.id))
      refuse(deleting(policy, record.id, "DeletePolicy"), "DeleteConflict", "Cannot delete a policy attached to entities.", 409);
    removeRecord(ctx.state, record);
  },
  read(ctx, record) {
    const attachments = recordsOf(ctx, ATTACHMENT).filter((r) => r.properties["policyArn"] === record.id).length;
    return { ...record.properties, attachmentCount: attachments };
  },
};

export const rolePolicy: ResourceType = {
  token: ROLE_POLICY,
  api: { service: "IAM", noun: "IAM Role Policy", create: "PutRolePolicy", update: "PutRolePolicy" },
  regional: false,
  inputs: ["role", "name", "namePrefix", "policy"],
  forceNew: ["role", "name", "namePrefix"],
  jsonInputs: ["policy"],
  required: ["role", "policy"],
  autoName: { property: "name", maxLength: 128 },
  create(ctx, inputs) {
    const roleName = str(inputs["role"]);
    const name = str(inputs["name"]);
    if (!findRole(ctx, roleName)) refuse(creating(rolePolicy, `${roleName}:${name}`), "NoSuchEntity", `The role with name ${roleName} cannot be found.`, 404);
    // PutRolePolicy overwrites a policy of the same name: the record is found again by id.
    const id = `${roleName}:${name}`;
    const existing = recordsOf(ctx, ROLE_POLICY).find((r) => r.id === id);
    if (existing) removeRecord(ctx.state, existing);
    return { id, properties: { ...inputs } };
  },
};

export const rolePolicyAttachment: ResourceType = {
  token: ATTACHMENT,
  api: { service: "IAM", noun: "IAM Role Policy Attachment", create: "AttachRolePolicy", update: "AttachRolePolicy" },
  regional: false,
  inputs: ["role", "policyArn"],
  forceNew: ["role", "policyArn"],
  required: ["role", "policyArn"],
  create(ctx, inputs) {
    const roleName = str(inputs["role"]);
    const arn = str(inputs["policyArn"]);
    const call = creating(rolePolicyAttachment, `${roleName}/${arn}`);
    if (!findRole(ctx, roleName)) refuse(call, "NoSuchEntity", `The role with name ${roleName} cannot be found.`, 404);
    if (!policyExists(ctx, arn)) refuse(call, "NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
    const attached = recordsOf(ctx, ATTACHMENT).filter((r) => r.properties["role"] === roleName);
    // IAM's default quota of managed policies per role.
    if (attached.length >= 10 && !attached.some((r) => r.properties["policyArn"] === arn))
      refuse(call, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10", 409);
    return { id: `${roleName}/${arn}`, properties: { ...inputs } };
  },
};

export const organizationsFeatures: ResourceType = {
  token: "aws:iam/organizationsFeatures:OrganizationsFeatures",
  api: { service: "IAM", noun: "IAM Organizations Features", create: "EnableOrganizationsRootCredentialsManagement", update: "EnableOrganizationsRootSessions" },
  regional: false,
  inputs: ["enabledFeatures"],
  forceNew: [],
  required: ["enabledFeatures"],
  create(ctx, inputs) {
    const org = ctx.state.resources.find((r) => r.type === "aws:organizations/organization:Organization" && r.account === ctx.scope.accountId);
    if (!org) refuse(creating(organizationsFeatures, ctx.scope.accountId), "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
    const principals = (org.properties["awsServiceAccessPrincipals"] as unknown[] | undefined) ?? [];
    if (!principals.includes("iam.amazonaws.com"))
      refuse(creating(organizationsFeatures, org.id), "ServiceAccessNotEnabledException", "The request failed because trusted access isn't enabled for AWS Organizations in your account.");
    return { id: org.id, properties: { ...inputs } as Props };
  },
};
