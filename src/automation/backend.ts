/**
 * Where stack state lives and how its secrets are encrypted. The default is an embedded file
 * backend under `.payerfleet/state`, so a first `preview` needs no account anywhere; CI shards
 * share one S3 bucket or Pulumi Cloud instead (`--backend URL` or `PULUMI_BACKEND_URL`).
 */
import { access, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The default state directory, relative to the working directory; `.payerfleet/` is git-ignored. */
export const DEFAULT_STATE_DIR = ".payerfleet/state";

export interface Backend {
  /** The backend URL the Pulumi CLI logs in to: `file://...`, `s3://...`, `https://api.pulumi.com`. */
  readonly url: string;
  /** The secrets provider new stacks get: `passphrase`, or a KMS URL; undefined on Pulumi Cloud. */
  readonly secretsProvider: string | undefined;
}

/** Pulumi Cloud (and self-hosted Pulumi Cloud) speaks HTTP; it encrypts secrets itself by default. */
export function isPulumiCloud(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The local directory of a `file://` backend: `file://~/x` is under the home directory. */
export function fileBackendDir(url: string): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  const path = url.slice("file://".length);
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : resolve(path);
}

/**
 * The backend from `--backend`, else `PULUMI_BACKEND_URL`, else the embedded default; a file
 * backend's directory is created on first use, as the Pulumi CLI would refuse a missing one.
 */
export async function resolveBackend(options: {
  backend?: string | undefined;
  secretsProvider?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<Backend> {
  const url = options.backend || options.env["PULUMI_BACKEND_URL"] || `file://${resolve(options.cwd, DEFAULT_STATE_DIR)}`;
  const dir = fileBackendDir(url);
  if (dir !== undefined) await mkdir(dir, { recursive: true });
  const secretsProvider = options.secretsProvider || (isPulumiCloud(url) ? undefined : "passphrase");
  return { url, secretsProvider };
}

/**
 * Why the operation cannot start for want of a passphrase, or undefined when it can. The
 * passphrase itself is read by the Pulumi CLI from the inherited environment: payerfleet never
 * holds it in its own data, so no report can carry it.
 */
export async function passphraseProblem(backend: Backend, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (backend.secretsProvider !== "passphrase") return undefined;
  // An empty passphrase is a passphrase to the Pulumi CLI: presence is what counts.
  if (env["PULUMI_CONFIG_PASSPHRASE"] !== undefined) return undefined;
  const file = env["PULUMI_CONFIG_PASSPHRASE_FILE"];
  if (file !== undefined) {
    try {
      await access(file);
      return undefined;
    } catch {
      return `PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which cannot be read; nothing was run`;
    }
  }
  return [
    `the stacks' secrets are encrypted with a passphrase (backend ${backend.url}), and neither`,
    "PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE (a file holding it) is set; set one, or",
    "choose another provider with --secrets-provider (e.g. awskms://alias/payerfleet); nothing was run",
  ].join(" ");
}
