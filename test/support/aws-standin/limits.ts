/**
 * AWS's validation rules and quotas for the fields payerfleet sets, in one table, with AWS's
 * own error texts, so that an inventory payerfleet's validator lets through but AWS would
 * refuse fails a test as it would fail a real run.
 *
 * Phase: `check` where the real provider's schema (Terraform's ValidateFunc) already refuses
 * the value, so `pulumi preview` fails; `apply` where only the AWS API refuses it, so the
 * preview passes and `up` fails. Either way the message is AWS's. (The real provider words
 * its plan-time failures as Terraform's validators do, e.g. `expected length of name to be in
 * the range (1 - 64)`; the stand-in keeps AWS's wording everywhere so tests match one text.)
 *
 * | type                 | property          | rule                                             | phase | source |
 * |----------------------|-------------------|--------------------------------------------------|-------|--------|
 * | iam Role             | name              | 1-64 of [\w+=,.@-]                                | check | IAM API CreateRole RoleName; TF iam validResourceName(64) |
 * | iam Role             | path              | 1-512, `/` or `/.../` of U+0021-U+007E            | apply | IAM API CreateRole Path |
 * | iam Role             | description       | at most 1,000                                    | check | IAM API CreateRole Description; TF role.go StringLenBetween(0, 1000) |
 * | iam Role             | assumeRolePolicy  | at most 2,048 non-whitespace characters          | apply | IAM quotas "Role trust policy length" (ACLSizePerRole), "IAM doesn't count white space" |
 * | iam Policy           | name              | 1-128 of [\w+=,.@-]                               | check | IAM API CreatePolicy PolicyName; TF validResourceName(128) |
 * | iam Policy           | path              | as a role's                                      | apply | IAM API CreatePolicy Path |
 * | iam Policy           | policy            | at most 6,144 non-whitespace characters          | apply | IAM quotas "Managed policy length" (PolicySize) |
 * | iam RolePolicy       | name              | 1-128 of [\w+=,.@-]                               | check | IAM API PutRolePolicy PolicyName |
 * | iam RolePolicy       | policy            | all of a role's inline policies: 10,240 non-ws   | apply | IAM quotas "Role policy size" (aggregate of inline policies) |
 * | events EventRule     | name              | 1-64 of [\.\-_A-Za-z0-9]                          | check | EventBridge API PutRule Name |
 * | events EventRule     | description       | at most 512                                      | check | EventBridge API PutRule Description |
 * | events EventRule     | eventPattern      | at most 2,048 characters                         | check | EventBridge quotas "Event pattern size"; TF rule.go ("event_pattern" cannot be longer than 2048 characters, terraform-provider-aws#33732) |
 * | events EventBus      | name              | 1-256 of [/\.\-_A-Za-z0-9]                        | check | EventBridge API CreateEventBus Name |
 * | events EventBus      | description       | at most 512                                      | check | EventBridge API CreateEventBus Description |
 * | events EventBusPolicy| policy            | at most 10,240 characters                        | apply | EventBridge quotas "Event bus policy size" |
 * | events EventTarget   | targetId          | 1-64 of [\.\-_A-Za-z0-9]                          | check | EventBridge API Target Id |
 * | events EventTarget   | inputTransformer  | template 1-8,192; at most 100 input paths        | check | EventBridge API InputTransformer |
 * | s3 Bucket            | bucket            | 3-63 of [a-z0-9.-], starts and ends alnum, no .. | apply | S3 "General purpose bucket naming rules" |
 * | organizations Account| name              | 1-50 printable ASCII [\u0020-\u007E]              | check | Organizations API CreateAccount AccountName; TF account.go StringLenBetween(1, 50) |
 * | organizations Account| email             | 6-64, an address                                 | check | Organizations API CreateAccount Email; TF account.go StringLenBetween(6, 64) |
 * | organizations OU     | name              | 1-128                                            | check | Organizations API CreateOrganizationalUnit Name; TF StringLenBetween(1, 128) |
 * | sns Topic            | name              | 1-256 of [A-Za-z0-9_-] (+ `.fifo`)               | apply | SNS API CreateTopic Name |
 * | cloudtrail Trail     | name              | 3-128 (check); starts alnum, of [A-Za-z0-9._-] (apply) | both | CloudTrail API CreateTrail Name; TF trail.go StringLenBetween(3, 128) |
 * | account AltContact   | name/title/phone/email | 1-64 / 1-50 / 1-25 of [\s0-9()+-] / 1-254   | check | Account Management API PutAlternateContact |
 * | sts (provider)       | assumeRoles[].sessionName | 2-64 of [\w+=,.@-]                       | configure | STS API AssumeRole RoleSessionName (config.ts) |
 *
 * AWS docs: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html,
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html,
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html,
 * https://docs.aws.amazon.com/accounts/latest/reference/API_PutAlternateContact.html.
 * The IAM quota messages (`Cannot exceed quota for ACLSizePerRole: 2048`, `... PolicySize:
 * 6144`, `Maximum policy size of 10240 bytes exceeded for role NAME`) are IAM's LimitExceeded
 * texts; the EventBridge bus policy one is PolicyLengthExceededException's documented text.
 */
import { lengthAtLeast, lengthAtMost, patternMismatch } from "./errors.ts";
import type { Limit, OpContext } from "./types.ts";
import { nonWhitespaceLength, type Props } from "./util.ts";

type Failure = { code: string; message: string } | undefined;

/** A name-like field: length bounds and an AWS pattern, worded as AWS's request validation. */
function field(opts: {
  property: string;
  /** The field's name in AWS's API, as its validation message says it. */
  apiField: string;
  min: number;
  max: number;
  /** The pattern AWS's message quotes; `regex` is what it means. */
  pattern?: string;
  regex?: RegExp;
  code?: string;
  phase: Limit["phase"];
  source: string;
}): Limit {
  const code = opts.code ?? "ValidationException";
  return {
    property: opts.property,
    phase: opts.phase,
    source: opts.source,
    test: (value): Failure => {
      if (typeof value !== "string") return undefined;
      if (value.length > opts.max) return { code, message: lengthAtMost(opts.apiField, value, opts.max) };
      if (value.length < opts.min) return { code, message: lengthAtLeast(opts.apiField, value, opts.min) };
      if (opts.regex && !opts.regex.test(value)) return { code, message: patternMismatch(opts.apiField, value, opts.pattern ?? String(opts.regex)) };
      return undefined;
    },
  };
}

/** A policy document against an IAM size quota, counted without whitespace as IAM does. */
function iamDocumentSize(property: string, max: number, message: string, source: string): Limit {
  return {
    property,
    phase: "apply",
    source,
    test: (value): Failure => (typeof value === "string" && nonWhitespaceLength(value) > max ? { code: "LimitExceeded", message } : undefined),
  };
}

const IAM_NAME = { pattern: "[\\w+=,.@-]+", regex: /^[\w+=,.@-]+$/ };
const IAM_PATH = { pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)", regex: /^(\/|\/[\u0021-\u007E]+\/)$/ };
const EVENTS_NAME = { pattern: "[\\.\\-_A-Za-z0-9]+", regex: /^[.\-_A-Za-z0-9]+$/ };

/** IAM's aggregate quota on a role's inline policies: the new one plus the role's others. */
const inlinePoliciesOfRole: Limit = {
  property: "policy",
  phase: "apply",
  source: "IAM quotas: Role policy size, the aggregate of a role's inline policies, 10,240 characters without whitespace",
  test: (value: unknown, inputs: Props, ctx?: OpContext): Failure => {
    if (typeof value !== "string" || ctx === undefined) return undefined;
    const role = String(inputs["role"]);
    const name = String(inputs["name"]);
    const others = ctx.state.resources
      .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.account === ctx.scope.accountId)
      .filter((r) => r.properties["role"] === role && r.properties["name"] !== name)
      .reduce((sum, r) => sum + nonWhitespaceLength(String(r.properties["policy"] ?? "")), 0);
    return others + nonWhitespaceLength(value) > 10_240
      ? { code: "LimitExceeded", message: `Maximum policy size of 10240 bytes exceeded for role ${role}` }
      : undefined;
  },
};

const bucketName: Limit = {
  property: "bucket",
  phase: "apply",
  source: "S3 general purpose bucket naming rules",
  test: (value): Failure => {
    if (typeof value !== "string") return undefined;
    const ok =
      value.length >= 3 &&
      value.length <= 63 &&
      /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(value) &&
      !value.includes("..") &&
      !/^\d+\.\d+\.\d+\.\d+$/.test(value) &&
      !value.startsWith("xn--") &&
      !value.endsWith("-s3alias");
    return ok ? undefined : { code: "InvalidBucketName", message: "The specified bucket is not valid." };
  },
};

const topicName: Limit = {
  property: "name",
  phase: "apply",
  source: "SNS API CreateTopic: up to 256 alphanumerics, hyphens and underscores (a FIFO topic ends in .fifo)",
  test: (value): Failure =>
    typeof value === "string" && !/^[A-Za-z0-9_-]{1,256}$/.test(value.replace(/\.fifo$/, ""))
      ? { code: "InvalidParameter", message: "Invalid parameter: Topic Name" }
      : undefined,
};

const trailNameLength: Limit = {
  property: "name",
  phase: "check",
  source: "CloudTrail API CreateTrail Name: 3-128 characters; TF trail.go StringLenBetween(3, 128)",
  test: (value): Failure => {
    if (typeof value !== "string") return undefined;
    const code = "InvalidTrailNameException";
    if (value.length < 3) return { code, message: `Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${value.length} characters.` };
    if (value.length > 128) return { code, message: `Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${value.length} characters.` };
    return undefined;
  },
};

const trailNamePattern: Limit = {
  property: "name",
  phase: "apply",
  source: "CloudTrail API CreateTrail Name: starts with a letter or number; letters, numbers, periods, hyphens, underscores",
  test: (value): Failure => {
    if (typeof value !== "string") return undefined;
    const code = "InvalidTrailNameException";
    if (!/^[A-Za-z0-9]/.test(value)) return { code, message: "Trail name must starts with a letter or number." };
    if (!/^[A-Za-z0-9._-]+$/.test(value))
      return { code, message: "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)." };
    return undefined;
  },
};

const eventPattern: Limit = {
  property: "eventPattern",
  phase: "check",
  source: "EventBridge quotas: Event pattern size, 2,048 characters by default; the real provider refuses it at plan (terraform-provider-aws#33732)",
  // AWS's own text for this quota is not documented: this is what the real provider says.
  test: (value): Failure =>
    typeof value === "string" && value.length > 2048 ? { code: "ValidationException", message: `"event_pattern" cannot be longer than 2048 characters` } : undefined,
};

const busPolicy: Limit = {
  property: "policy",
  phase: "apply",
  source: "EventBridge quotas: Event bus policy size, 10,240 characters (adjustable)",
  test: (value): Failure =>
    typeof value === "string" && value.length > 10_240
      ? { code: "PolicyLengthExceededException", message: "The event bus policy is too long. For more information, see the limits." }
      : undefined,
};

const inputTransformer: Limit = {
  property: "inputTransformer",
  phase: "check",
  source: "EventBridge API InputTransformer: InputTemplate 1-8,192 characters, at most 100 InputPathsMap entries",
  test: (value): Failure => {
    if (value === null || typeof value !== "object") return undefined;
    const t = value as { inputTemplate?: unknown; inputPaths?: unknown };
    if (typeof t.inputTemplate === "string" && t.inputTemplate.length > 8192)
      return { code: "ValidationException", message: lengthAtMost("targets.1.member.inputTransformer.inputTemplate", t.inputTemplate, 8192) };
    const paths = t.inputPaths !== null && typeof t.inputPaths === "object" ? Object.keys(t.inputPaths) : [];
    if (paths.length > 100)
      return { code: "ValidationException", message: `1 validation error detected: Value at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100` };
    return undefined;
  },
};

const accountEmail: Limit = {
  property: "email",
  phase: "check",
  source: "Organizations API CreateAccount Email: 6-64 characters; TF account.go StringLenBetween(6, 64) and an address pattern",
  test: (value): Failure => {
    if (typeof value !== "string") return undefined;
    if (value.length > 64) return { code: "ValidationException", message: lengthAtMost("email", value, 64) };
    if (value.length < 6) return { code: "ValidationException", message: lengthAtLeast("email", value, 6) };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { code: "ConstraintViolationException", message: "You specified an invalid email address." };
    return undefined;
  },
};

/** Every rule, by resource type token. */
export const LIMITS: Readonly<Record<string, readonly Limit[]>> = {
  "aws:iam/role:Role": [
    field({ property: "name", apiField: "roleName", min: 1, max: 64, ...IAM_NAME, code: "ValidationError", phase: "check", source: "IAM API CreateRole RoleName" }),
    field({ property: "path", apiField: "path", min: 1, max: 512, ...IAM_PATH, code: "ValidationError", phase: "apply", source: "IAM API CreateRole Path" }),
    field({ property: "description", apiField: "description", min: 0, max: 1000, code: "ValidationError", phase: "check", source: "IAM API CreateRole Description" }),
    iamDocumentSize("assumeRolePolicy", 2048, "Cannot exceed quota for ACLSizePerRole: 2048", "IAM quotas: Role trust policy length, 2,048 characters without whitespace"),
  ],
  "aws:iam/policy:Policy": [
    field({ property: "name", apiField: "policyName", min: 1, max: 128, ...IAM_NAME, code: "ValidationError", phase: "check", source: "IAM API CreatePolicy PolicyName" }),
    field({ property: "path", apiField: "path", min: 1, max: 512, ...IAM_PATH, code: "ValidationError", phase: "apply", source: "IAM API CreatePolicy Path" }),
    field({ property: "description", apiField: "description", min: 0, max: 1000, code: "ValidationError", phase: "apply", source: "IAM API CreatePolicy Description" }),
    iamDocumentSize("policy", 6144, "Cannot exceed quota for PolicySize: 6144", "IAM quotas: Managed policy length, 6,144 characters without whitespace"),
  ],
  "aws:iam/rolePolicy:RolePolicy": [
    field({ property: "name", apiField: "policyName", min: 1, max: 128, ...IAM_NAME, code: "ValidationError", phase: "check", source: "IAM API PutRolePolicy PolicyName" }),
    inlinePoliciesOfRole,
  ],
  "aws:cloudwatch/eventRule:EventRule": [
    field({ property: "name", apiField: "name", min: 1, max: 64, ...EVENTS_NAME, phase: "check", source: "EventBridge API PutRule Name" }),
    field({ property: "description", apiField: "description", min: 0, max: 512, phase: "check", source: "EventBridge API PutRule Description" }),
    eventPattern,
  ],
  "aws:cloudwatch/eventBus:EventBus": [
    field({ property: "name", apiField: "name", min: 1, max: 256, pattern: "[/\\.\\-_A-Za-z0-9]+", regex: /^[/.\-_A-Za-z0-9]+$/, phase: "check", source: "EventBridge API CreateEventBus Name" }),
    field({ property: "description", apiField: "description", min: 0, max: 512, phase: "check", source: "EventBridge API CreateEventBus Description" }),
  ],
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": [busPolicy],
  "aws:cloudwatch/eventTarget:EventTarget": [
    field({ property: "targetId", apiField: "targets.1.member.id", min: 1, max: 64, ...EVENTS_NAME, phase: "check", source: "EventBridge API Target Id" }),
    inputTransformer,
  ],
  "aws:s3/bucket:Bucket": [bucketName],
  "aws:organizations/account:Account": [
    field({ property: "name", apiField: "accountName", min: 1, max: 50, pattern: "[\\u0020-\\u007E]+", regex: /^[\u0020-\u007E]+$/, phase: "check", source: "Organizations API CreateAccount AccountName" }),
    accountEmail,
  ],
  "aws:organizations/organizationalUnit:OrganizationalUnit": [
    field({ property: "name", apiField: "name", min: 1, max: 128, pattern: "[\\s\\S]*", phase: "check", source: "Organizations API CreateOrganizationalUnit Name" }),
  ],
  "aws:sns/topic:Topic": [topicName],
  "aws:cloudtrail/trail:Trail": [trailNameLength, trailNamePattern],
  "aws:account/alternativeContact:AlternativeContact": [
    field({ property: "name", apiField: "name", min: 1, max: 64, phase: "check", source: "Account API PutAlternateContact Name" }),
    field({ property: "title", apiField: "title", min: 1, max: 50, phase: "check", source: "Account API PutAlternateContact Title" }),
    field({ property: "phoneNumber", apiField: "phoneNumber", min: 1, max: 25, pattern: "[\\s0-9()+-]+", regex: /^[\s0-9()+-]+$/, phase: "check", source: "Account API PutAlternateContact PhoneNumber" }),
    field({ property: "emailAddress", apiField: "emailAddress", min: 1, max: 254, pattern: "[\\s]*[\\w+=.#|!&-]+@[\\w.-]+\\.[\\w]+[\\s]*", regex: /^\s*[\w+=.#|!&-]+@[\w.-]+\.\w+\s*$/, phase: "check", source: "Account API PutAlternateContact EmailAddress" }),
  ],
};

/** The first rule of `type` in `phase` that `inputs` break, with AWS's error. Unknown values pass. */
export function firstViolation(
  type: string,
  phase: Limit["phase"],
  inputs: Props,
  isUnknown: (v: unknown) => boolean,
  ctx?: OpContext,
): { property: string; code: string; message: string } | undefined {
  for (const limit of LIMITS[type] ?? []) {
    if (limit.phase !== phase) continue;
    const value = inputs[limit.property];
    if (value === undefined || value === null || isUnknown(value)) continue;
    const failure = limit.test(value, inputs, ctx);
    if (failure) return { property: limit.property, ...failure };
  }
  return undefined;
}

/** Every check-phase violation, for a check's failures. */
export function checkViolations(type: string, inputs: Props, isUnknown: (v: unknown) => boolean): { property: string; reason: string }[] {
  const out: { property: string; reason: string }[] = [];
  for (const limit of LIMITS[type] ?? []) {
    if (limit.phase !== "check") continue;
    const value = inputs[limit.property];
    if (value === undefined || value === null || isUnknown(value)) continue;
    const failure = limit.test(value, inputs);
    if (failure) out.push({ property: limit.property, reason: `${failure.code}: ${failure.message}` });
  }
  return out;
}
