/**
 * Proves IAM documents by evaluating requests with an IAM policy evaluator
 * (@cloud-copilot/iam-simulate, AGPL: imported by tests only, never by src/).
 *
 * The evaluator fills no global condition key by itself, so every request here carries the
 * keys AWS would put in the request context of a role session (aws:PrincipalArn,
 * aws:PrincipalAccount, aws:PrincipalType, aws:ResourceAccount, ...). An attempt adds the
 * service-specific keys of the real API call. A key the evaluator drops as not applicable to
 * the action, and any input it rejects, fails the attempt: a decision reached without the
 * request's keys would prove nothing.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { ADMINISTRATOR_ACCESS } from "../../src/domain/iam/aws-managed-policies.ts";
import type { PolicyDocument } from "../../src/domain/iam/policy-document.ts";
import { PARTNER_ADMIN_ROLE, roleArn } from "../../src/domain/names.ts";

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** An AWS Organizations organization: its id and the accounts in it. */
export interface Organization {
  readonly id: string;
  readonly accounts: readonly string[];
}

/** A role session making requests: `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`. */
export interface RoleSession {
  /** The role's ARN, with its path. */
  readonly roleArn: string;
  readonly sessionName: string;
  /** The role's identity policies (managed and inline). */
  readonly identityPolicies: readonly PolicyDocument[];
  /** The role's permissions boundary. Default: none. */
  readonly permissionsBoundary?: PolicyDocument;
  /** The organization of the role's account. Default: none. */
  readonly organization?: Organization;
}

/** One API call, as IAM authorizes it. */
export interface Attempt {
  /** `service:Action`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  readonly resource: string;
  /** The account that owns the resource. Default: the ARN's account, else the caller's account. */
  readonly resourceAccount?: string;
  /** Default: the ARN's region, else us-east-1 (where global services such as IAM answer). */
  readonly region?: string;
  /** Service-specific condition keys the real request carries. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** The resource's own policy (a role's trust policy, a bucket policy). Default: none. */
  readonly resourcePolicy?: PolicyDocument;
}

const ARN = /^arn:aws:([^:]*):([^:]*):(\d{12})?:(.*)$/;
/** A fixed instant, so that time keys are realistic without making a test depend on the clock. */
const REQUEST_TIME = "2026-11-23T09:00:00Z";

function accountOf(arn: string): string {
  const account = ARN.exec(arn)?.[3];
  if (account === undefined) throw new Error(`not an ARN with an account: ${arn}`);
  return account;
}

function sessionArn(session: RoleSession): string {
  const name = session.roleArn.split("/").at(-1);
  return `arn:aws:sts::${accountOf(session.roleArn)}:assumed-role/${name}/${session.sessionName}`;
}

/** The global keys AWS puts in the request context of this session calling this resource. */
function globalContext(session: RoleSession, attempt: Attempt): Record<string, string> {
  const principalAccount = accountOf(session.roleArn);
  const parsed = ARN.exec(attempt.resource);
  const resourceAccount = attempt.resourceAccount ?? parsed?.[3] ?? principalAccount;
  const region = attempt.region ?? (parsed?.[2] || "us-east-1");
  const org = session.organization;
  const context: Record<string, string> = {
    "aws:PrincipalArn": session.roleArn,
    "aws:PrincipalAccount": principalAccount,
    "aws:PrincipalType": "AssumedRole",
    "aws:userid": `AROAEXAMPLEROLEID:${session.sessionName}`,
    "aws:PrincipalIsAWSService": "false",
    "aws:ViaAWSService": "false",
    "aws:SecureTransport": "true",
    "aws:SourceIp": "203.0.113.10",
    "aws:RequestedRegion": region,
    "aws:CurrentTime": REQUEST_TIME,
    "aws:EpochTime": String(Date.parse(REQUEST_TIME) / 1000),
    "aws:TokenIssueTime": "2026-11-23T08:45:00Z",
    "aws:ResourceAccount": resourceAccount,
  };
  if (org !== undefined) {
    context["aws:PrincipalOrgID"] = org.id;
    if (org.accounts.includes(resourceAccount)) context["aws:ResourceOrgID"] = org.id;
  }
  return context;
}

/** Evaluates one request by `session`; throws when the evaluator cannot evaluate it faithfully. */
export async function evaluate(session: RoleSession, attempt: Attempt): Promise<Decision> {
  const context = { ...globalContext(session, attempt), ...attempt.context };
  const simulation: Simulation = {
    request: {
      principal: sessionArn(session),
      action: attempt.action,
      resource: { resource: attempt.resource, accountId: context["aws:ResourceAccount"] as string },
      contextVariables: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, typeof v === "string" ? v : [...v]])),
    },
    identityPolicies: session.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(session.permissionsBoundary && { permissionBoundaryPolicies: [{ name: "boundary", policy: session.permissionsBoundary }] }),
    ...(attempt.resourcePolicy && { resourcePolicy: attempt.resourcePolicy }),
  };
  const result = await runSimulation(simulation, {});
  const what = `${attempt.action} on ${attempt.resource}`;
  if (result.resultType === "error") throw new Error(`evaluator rejected ${what}: ${JSON.stringify(result.errors)}`);
  const ignored = result.resultType === "single" ? (result.result.ignoredContextKeys ?? []) : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  if (ignored.length > 0) throw new Error(`evaluator ignored ${[...new Set(ignored)].join(", ")} for ${what}`);
  return result.overallResult;
}

/**
 * The partner-admin role session in a payer: AWS managed AdministratorAccess, fenced by
 * `boundary`.
 */
export function partnerAdminSession(payer: string, boundary: PolicyDocument, organization?: Organization): RoleSession {
  return {
    roleArn: roleArn(payer, PARTNER_ADMIN_ROLE),
    sessionName: "alice@fabrikam.example",
    identityPolicies: [ADMINISTRATOR_ACCESS.document],
    permissionsBoundary: boundary,
    ...(organization && { organization }),
  };
}
