/**
 * A provider's configuration, and where it acts. The real provider assumes each role of
 * `assumeRoles` in turn (STS AssumeRole) and then refuses to work when the resulting account
 * is not in `allowedAccountIds` (or is in `forbiddenAccountIds`): the stand-in acts in the
 * account of the last role's ARN, with STS's validation of the session name and the real
 * provider's refusal text. With no role to assume it acts in the state's ambient account.
 *
 * Configuration reaches the plugin as the engine sends it: `args` (typed values) and the legacy
 * `variables` (`aws:config:KEY`, JSON-encoded when not strings); @pulumi/aws also JSON-encodes
 * its non-string inputs itself, so every value may be a JSON string.
 */
import { lengthAtLeast, lengthAtMost, patternMismatch } from "./errors.ts";
import type { Scope, StandinState } from "./types.ts";
import { parseMaybeJson, requestId, type Props } from "./util.ts";

export interface AssumeRole {
  roleArn?: string;
  sessionName?: string;
}

export interface ProviderConfig {
  region?: string;
  allowedAccountIds?: string[];
  forbiddenAccountIds?: string[];
  assumeRoles?: AssumeRole[];
}

/** The configuration from the engine's `args` and `variables`, keyed as the provider's inputs. */
export function readConfig(args: Props, variables: Record<string, string>): ProviderConfig {
  const value = (key: string): unknown => parseMaybeJson(args[key] ?? variables[`aws:config:${key}`] ?? variables[`aws:${key}`]);
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
  const roles = value("assumeRoles") ?? (value("assumeRole") === undefined ? undefined : [value("assumeRole")]);
  const region = value("region");
  const config: ProviderConfig = {};
  if (typeof region === "string" && region !== "") config.region = region;
  const allowed = list(value("allowedAccountIds"));
  if (allowed) config.allowedAccountIds = allowed;
  const forbidden = list(value("forbiddenAccountIds"));
  if (forbidden) config.forbiddenAccountIds = forbidden;
  if (Array.isArray(roles)) config.assumeRoles = roles.filter((r): r is AssumeRole => r !== null && typeof r === "object");
  return config;
}

/** STS's validation of RoleSessionName: 2-64 of [\w+=,.@-]. */
function sessionNameError(name: string): string | undefined {
  if (name.length > 64) return lengthAtMost("roleSessionName", name, 64);
  if (name.length < 2) return lengthAtLeast("roleSessionName", name, 2);
  if (!/^[\w+=,.@-]*$/.test(name)) return patternMismatch("roleSessionName", name, "[\\w+=,.@-]*");
  return undefined;
}

/** How the real provider reports a failed AssumeRole while configuring. */
function assumeRoleFailure(roleArn: string, code: string, message: string): Error {
  return new Error(
    `configuring Terraform AWS Provider: validating provider credentials: retrieving caller identity from STS: ` +
      `operation error STS: GetCallerIdentity, failed to refresh cached credentials, operation error STS: AssumeRole, ` +
      `https response error StatusCode: 400, RequestID: ${requestId()}, api error ${code}: ${message} (role ${roleArn})`,
  );
}

/** Where a provider with this configuration acts, or the error the real provider fails with. */
export function resolveScope(config: ProviderConfig, state: StandinState): Scope {
  const region = config.region ?? process.env["AWS_REGION"] ?? process.env["AWS_DEFAULT_REGION"];
  if (region === undefined)
    throw new Error(
      `missing required configuration key "aws:region": The region where AWS operations will take place. Examples are us-east-1, us-west-2, etc.\n` +
        "Set a value using the command `pulumi config set aws:region <value>`.",
    );
  let accountId = state.ambientAccountId;
  for (const role of config.assumeRoles ?? []) {
    const arn = role.roleArn ?? "";
    const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/.exec(arn);
    if (!match) throw assumeRoleFailure(arn, "ValidationError", `${arn} is not a valid role ARN`);
    if (role.sessionName !== undefined) {
      const error = sessionNameError(role.sessionName);
      if (error) throw assumeRoleFailure(arn, "ValidationError", error);
    }
    accountId = match[1]!;
  }
  if (accountId === undefined)
    throw new Error(
      "No valid credential sources found.\n\nPlease see https://www.pulumi.com/registry/packages/aws/installation-configuration/ " +
        "for more information about providing credentials. (aws stand-in: the state has no ambientAccountId and the provider assumes no role)",
    );
  if (config.allowedAccountIds && config.allowedAccountIds.length > 0 && !config.allowedAccountIds.includes(accountId))
    throw new Error(`AWS account ID not allowed: ${accountId}`);
  if (config.forbiddenAccountIds?.includes(accountId)) throw new Error(`AWS account ID not allowed: ${accountId}`);
  return { accountId, region };
}
