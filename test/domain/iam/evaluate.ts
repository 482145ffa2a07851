/**
 * Thin wrappers over the IAM evaluator. It does not derive global condition keys from the
 * principal, so every request states `aws:PrincipalArn` and `aws:PrincipalAccount` itself.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../../src/domain/iam/policy-document.ts";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

async function decide(simulation: Simulation): Promise<Decision> {
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`the evaluator rejected the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

/** A principal calling `sts:AssumeRole` (or another trust action) on a role with `trust`. */
export interface Caller {
  /** The request's principal: an assumed-role session, an IAM user, a root, or `anonymous`. */
  readonly principal: string | "anonymous";
  /** What IAM puts in `aws:PrincipalArn`: for a role session, the role's ARN. */
  readonly principalArn?: string;
}

/**
 * Whether `caller` may perform `action` on `roleArn` with `trust` as its trust policy. The
 * caller's own identity policy allows every STS action, so the trust alone decides.
 */
export function assume(trust: PolicyDocument, roleArn: string, caller: Caller, action = "sts:AssumeRole"): Promise<Decision> {
  const accountId = roleArn.split(":")[4]!;
  const anonymous = caller.principal === "anonymous";
  const account = caller.principalArn?.split(":")[4];
  return decide({
    request: {
      principal: anonymous ? anonymousPrincipal : caller.principal,
      action,
      resource: { resource: roleArn, accountId },
      contextVariables:
        caller.principalArn === undefined ? {} : { "aws:PrincipalArn": caller.principalArn, "aws:PrincipalAccount": account! },
    },
    identityPolicies: anonymous ? [] : [{ name: "caller", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:*", Resource: "*" }] } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: trust,
  });
}

/** Whether the automation role's session in `payer`, holding `permissions`, may do `action`. */
export function allowedFor(permissions: PolicyDocument, payer: string, roleName: string, action: string, resource: string, context: Record<string, string> = {}): Promise<Decision> {
  return decide({
    request: {
      principal: `arn:aws:sts::${payer}:assumed-role/${roleName}/payerfleet`,
      action,
      resource: { resource, accountId: payer },
      contextVariables: { "aws:PrincipalArn": `arn:aws:iam::${payer}:role/${roleName}`, "aws:PrincipalAccount": payer, ...context },
    },
    identityPolicies: [{ name: roleName, policy: permissions }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
}
