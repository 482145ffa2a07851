/**
 * Sessions in one account through payerfleet's automation role there, shared by `audit` (in
 * payers) and the billing-transfer lifecycle (in bill-transfer accounts): the ambient
 * credentials assume the role, and every client retries in the SDK's standard mode and honours
 * `AWS_ENDPOINT_URL` like any SDK v3 client.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

/** IAM, Organizations and Account are global services served from us-east-1. */
export const GLOBAL_REGION = "us-east-1";
/** Re-assume this long before the session expires, so no call runs on dying credentials. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** The automation role's maximum session, as `bootstrap` creates it. */
const SESSION_SECONDS = 3600;

export interface AwsOptions {
  /** Attempts per call, first included, in the SDK's standard retry mode. */
  readonly maxAttempts: number;
  /** Region of the STS endpoint that assumes the payer roles. */
  readonly region: string;
  /** Endpoint for every client. Default: the SDK's (which honours `AWS_ENDPOINT_URL`). */
  readonly endpoint?: string;
  /** The STS client holding the ambient credentials. Default: one built from the options. */
  readonly sts?: STSClient;
  /** How often, and how far apart, to ask whether the credential report is ready. */
  readonly credentialReportPolls?: { readonly attempts: number; readonly delayMs: number };
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * Assumes the role once, now, so that a role that cannot be assumed fails here and is
 * reported as such; then re-assumes shortly before each session expires.
 */
export async function assumeRole(sts: STSClient, roleArn: string, name: string): Promise<() => Promise<Credentials>> {
  const assume = async (): Promise<Credentials> => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name, DurationSeconds: SESSION_SECONDS }));
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) throw new Error(`STS returned no credentials for ${roleArn}`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  let current = await assume();
  let pending: Promise<Credentials> | undefined;
  return async () => {
    const expires = current.expiration?.getTime();
    if (expires === undefined || expires - Date.now() > REFRESH_MARGIN_MS) return current;
    pending ??= assume().finally(() => (pending = undefined));
    current = await pending;
    return current;
  };
}

/** The STS client of the ambient credentials (environment, profile, SSO, instance role...). */
export function ambientSts(options: AwsOptions): STSClient {
  // The project supports Node 20; the SDK's notice about its own future Node 22 floor is noise.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  return options.sts ?? new STSClient(clientConfig(options, options.region));
}

/** The ambient STS region, as the AWS CLI reads it: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
export function ambientRegion(env: NodeJS.ProcessEnv): string {
  return env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? GLOBAL_REGION;
}

export function clientConfig(options: AwsOptions, region: string) {
  return {
    region,
    retryMode: "standard",
    maxAttempts: options.maxAttempts,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  };
}

