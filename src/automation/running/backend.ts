/**
 * Where stack state lives and how its secrets are encrypted. The default is an embedded file
 * backend under `.payerfleet/state`, so a first `preview` needs no account anywhere; CI shards
 * share one S3 bucket or Pulumi Cloud instead (`--backend URL` or `PULUMI_BACKEND_URL`).
 */
import { readFile, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { makeDirectory } from "../../io/files.ts";

/** The default state directory, relative to the working directory; `.payerfleet/` is git-ignored. */
const DEFAULT_STATE_DIR = ".payerfleet/state";

/** A passphrase shorter than this could not be scrubbed from output without scrubbing words. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface Backend {
  /** The backend URL the Pulumi CLI logs in to: `file://...`, `s3://...`, `https://api.pulumi.com`. */
  readonly url: string;
  /** The secrets provider new stacks get: `passphrase`, or a KMS URL; undefined on Pulumi Cloud. */
  readonly secretsProvider: string | undefined;
}

/** Pulumi Cloud (and self-hosted Pulumi Cloud) speaks HTTPS; it encrypts secrets itself by default. */
function isPulumiCloud(url: string): boolean {
  return /^https:\/\//i.test(url);
}

/**
 * What is wrong with a backend URL, or undefined: the schemes the Pulumi CLI logs in to
 * (https:// for Pulumi Cloud, file://, and the blob stores s3://, gs://, azblob://), each with
 * the part it cannot do without. Anything else would reach the CLI and fail there, per stack.
 */
export function backendUrlProblem(url: string): string | undefined {
  const allowed = "file://DIR, s3://BUCKET[/PREFIX], gs://BUCKET[/PREFIX], azblob://CONTAINER[/PREFIX] or https://HOST (Pulumi Cloud)";
  const m = /^([a-z0-9]+):\/\/(.*)$/i.exec(url);
  if (m === null) return `${url} is not a backend URL: use ${allowed}`;
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (scheme === "file") return rest.split("?")[0] === "" ? `${url} names no directory: use file://DIR` : undefined;
  if (scheme === "s3" || scheme === "gs" || scheme === "azblob") {
    const bucket = rest.split(/[/?]/)[0]!;
    return bucket === "" ? `${url} names no ${scheme === "azblob" ? "container" : "bucket"}: use ${scheme}://${scheme === "azblob" ? "CONTAINER" : "BUCKET"}[/PREFIX]` : undefined;
  }
  if (scheme === "https") {
    try {
      return new URL(url).hostname === "" ? `${url} names no host` : undefined;
    } catch {
      return `${url} is not a valid URL`;
    }
  }
  return `${url}: the ${scheme}:// scheme is not a Pulumi backend; use ${allowed}`;
}

/** The local directory of a `file://` backend: `file://~/x` is under the home directory. */
function fileBackendDir(url: string): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  const path = url.slice("file://".length).split("?")[0]!;
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : resolve(path);
}

/** The backend from `--backend`, else `PULUMI_BACKEND_URL`, else the embedded default. Creates nothing. */
export function resolveBackend(options: { backend?: string | undefined; secretsProvider?: string | undefined; env: NodeJS.ProcessEnv; cwd: string }): Backend {
  const url = options.backend || options.env["PULUMI_BACKEND_URL"] || `file://${resolve(options.cwd, DEFAULT_STATE_DIR)}`;
  const secretsProvider = options.secretsProvider || (isPulumiCloud(url) ? undefined : "passphrase");
  return { url, secretsProvider };
}

/**
 * Creates a file backend's directory, as the Pulumi CLI refuses a missing one. Called once
 * every input has been checked: the first thing payerfleet writes.
 */
export async function prepareBackend(backend: Backend): Promise<void> {
  const dir = fileBackendDir(backend.url);
  if (dir !== undefined) await makeDirectory(dir);
}

/**
 * Why the operation cannot start for want of a usable passphrase, or undefined when it can.
 * The passphrase itself is read by the Pulumi CLI from the inherited environment: payerfleet
 * only checks it is there, long enough to be scrubbed from output, and readable. Creates nothing.
 */
export async function passphraseProblem(backend: Backend, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (backend.secretsProvider !== "passphrase") return undefined;
  const tooShort = (where: string, length: number) =>
    `${where} is ${length} characters long; payerfleet needs at least ${MIN_PASSPHRASE_LENGTH}, because a shorter passphrase cannot be scrubbed from output without scrubbing ordinary words; nothing was run`;
  const direct = env["PULUMI_CONFIG_PASSPHRASE"];
  if (direct !== undefined) return direct.length < MIN_PASSPHRASE_LENGTH ? tooShort("PULUMI_CONFIG_PASSPHRASE", direct.length) : undefined;
  const file = env["PULUMI_CONFIG_PASSPHRASE_FILE"];
  if (file !== undefined) {
    try {
      if ((await stat(file)).isDirectory()) return `PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which is a directory, not a file holding the passphrase; nothing was run`;
      // The CLI reads the file's content as the passphrase, line break included.
      const text = await readFile(file, "utf8");
      return text.trim().length < MIN_PASSPHRASE_LENGTH ? tooShort(`the passphrase in ${file}`, text.trim().length) : undefined;
    } catch (err) {
      return `PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was run`;
    }
  }
  return [
    `the stacks' secrets are encrypted with a passphrase (backend ${backend.url}), and neither`,
    "PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE (a file holding it) is set; set one, or",
    "choose another provider with --secrets-provider (e.g. awskms://alias/payerfleet); nothing was run",
  ].join(" ");
}
