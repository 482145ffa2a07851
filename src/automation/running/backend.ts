/**
 * Where stack state lives and how its secrets are encrypted. The default is an embedded file
 * backend under `.payerfleet/state`, so a first `preview` needs no account anywhere; CI shards
 * share one S3 bucket or Pulumi Cloud instead (`--backend URL` or `PULUMI_BACKEND_URL`).
 */
import { readFile, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { InputError } from "../../io/errors.ts";
import { makeDirectory } from "../../io/files.ts";
import { MIN_PASSPHRASE_LENGTH } from "../../io/redact.ts";

/** The default state directory, relative to the working directory; `.payerfleet/` is git-ignored. */
const DEFAULT_STATE_DIR = ".payerfleet/state";


export interface Backend {
  /** The backend URL the Pulumi CLI logs in to: `file://...`, `s3://...`, `https://api.pulumi.com`. */
  readonly url: string;
  /** The secrets provider new stacks get: `passphrase`, or a KMS URL; undefined on Pulumi Cloud. */
  readonly secretsProvider: string | undefined;
  /**
   * `PULUMI_CONFIG_PASSPHRASE_FILE`, absolute: the CLI runs in a workspace folder of its own and
   * would read a relative one from there.
   */
  readonly passphraseFile?: string;
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

/**
 * A `file://` URL with its directory made absolute against `cwd`: the CLI runs in a workspace
 * folder of its own, where a relative one would name another directory.
 */
function absoluteFileUrl(url: string, cwd: string): string {
  if (!url.startsWith("file://")) return url;
  const [path, query] = url.slice("file://".length).split(/(?=\?)/, 2) as [string, string | undefined];
  if (path === "" || path === "~" || path.startsWith("~/") || isAbsolute(path)) return url;
  return `file://${resolve(cwd, path)}${query ?? ""}`;
}

/** The backend from `--backend`, else `PULUMI_BACKEND_URL`, else the embedded default. Creates nothing. */
export function resolveBackend(options: { backend?: string | undefined; secretsProvider?: string | undefined; env: NodeJS.ProcessEnv; cwd: string }): Backend {
  const url = absoluteFileUrl(options.backend || options.env["PULUMI_BACKEND_URL"] || `file://${DEFAULT_STATE_DIR}`, options.cwd);
  const secretsProvider = options.secretsProvider || (isPulumiCloud(url) ? undefined : "passphrase");
  const file = options.env["PULUMI_CONFIG_PASSPHRASE_FILE"];
  return { url, secretsProvider, ...(file ? { passphraseFile: resolve(options.cwd, file) } : {}) };
}

/** The secrets providers the Pulumi CLI knows; anything else would fail every stack, one by one. */
const SECRETS_PROVIDERS = /^(passphrase|default|(awskms|azurekeyvault|gcpkms|hashivault):\/\/.+)$/;

export function secretsProviderProblem(backend: Backend): string | undefined {
  const provider = backend.secretsProvider;
  if (provider === undefined || SECRETS_PROVIDERS.test(provider)) return undefined;
  return `--secrets-provider ${provider} is not a secrets provider: use passphrase, default (Pulumi Cloud), or awskms://, azurekeyvault://, gcpkms://, hashivault:// with its key`;
}

/**
 * Creates a file backend's directory, as the Pulumi CLI refuses a missing one, and resolves to
 * the directories it created. Called once every other input has been checked.
 */
export async function prepareBackend(backend: Backend): Promise<string[]> {
  const dir = fileBackendDir(backend.url);
  if (dir === undefined) return [];
  try {
    return await makeDirectory(dir);
  } catch (err) {
    throw new InputError([`cannot use the state backend ${backend.url}: ${(err as Error).message}`]);
  }
}

/**
 * Why the operation cannot start for want of a usable passphrase, or undefined when it can.
 * The passphrase itself is read by the Pulumi CLI from the inherited environment: payerfleet
 * only checks it is there, long enough to be scrubbed from output, and readable. Creates nothing.
 */
export async function passphraseProblem(backend: Backend, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const tooShort = (where: string, length: number) =>
    `${where} is ${length} characters long; payerfleet needs at least ${MIN_PASSPHRASE_LENGTH}, because a shorter passphrase cannot be scrubbed from output without scrubbing ordinary words; nothing was run`;
  const direct = env["PULUMI_CONFIG_PASSPHRASE"];
  // Set, it reaches every CLI process (older stacks may still use it), whatever this backend uses.
  if (direct !== undefined && direct !== "" && direct.length < MIN_PASSPHRASE_LENGTH) return tooShort("PULUMI_CONFIG_PASSPHRASE", direct.length);
  if (backend.secretsProvider !== "passphrase") return undefined;
  if (direct !== undefined) return direct.length < MIN_PASSPHRASE_LENGTH ? tooShort("PULUMI_CONFIG_PASSPHRASE", direct.length) : undefined;
  const file = backend.passphraseFile;
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
