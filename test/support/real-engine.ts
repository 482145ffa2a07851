/**
 * payerfleet against the real Pulumi CLI, built from the Go module proxy by
 * scripts/build-go-tools.sh, with the stand-in `aws` plugin keeping an emulated AWS in a file.
 * Every sandbox has its own PULUMI_HOME (the stand-in installed there), file backend, emulated
 * AWS and call log: never the user's ~/.pulumi.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Checkpoint } from "../../src/automation/running/workspace.ts";
import { custodyPartners, type Inventory } from "../../src/inventory/schema.ts";
import { readCallLog, type CallRecord } from "./aws-standin/calllog.ts";
import { installStandin } from "./aws-standin/install.ts";
import { readState, seedAccount, seedOrganization, writeState, type StandinState } from "./aws-standin/state.ts";
import { BIN, REPO, type Run } from "./cli.ts";

const exec = promisify(execFile);

/** Where scripts/build-go-tools.sh caches what it builds. */
export const TOOLS_CACHE = process.env["PAYERFLEET_TOOLS_CACHE"] ?? join(process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "payerfleet");
const VERSION = (JSON.parse(readFileSync(join(REPO, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
/** The CLI at the version of @pulumi/pulumi, and its install root (for --pulumi-root). */
export const PULUMI_ROOT = join(TOOLS_CACHE, "pulumi", `v${VERSION}`);
export const PULUMI_BIN = join(PULUMI_ROOT, "bin", "pulumi");
/** The Node.js language host, from sdk/v3 v3.68.0: only plain `pulumi up` through Pulumi.yaml needs it. */
export const LANGUAGE_HOST = join(TOOLS_CACHE, "pulumi-language-nodejs", "v3.68.0", "pulumi-language-nodejs");

export const PASSPHRASE = "real-engine-passphrase-3c1d";

/** Why the real engine cannot be used here, or undefined when it can. */
export function realEngineMissing(): string | undefined {
  return existsSync(PULUMI_BIN) ? undefined : `no Pulumi CLI at ${PULUMI_BIN}: build it with scripts/build-go-tools.sh pulumi (.ci/run does)`;
}

let sharedHome: Promise<string> | undefined;

/** One PULUMI_HOME with the stand-in installed, copied into each sandbox (installing takes a second). */
function standinHome(): Promise<string> {
  sharedHome ??= (async () => {
    const home = await mkdtemp(join(tmpdir(), "payerfleet-pulumi-home-"));
    await installStandin(home, PULUMI_BIN);
    process.once("exit", () => void rm(home, { recursive: true, force: true }));
    return home;
  })();
  return sharedHome;
}

export class EngineSandbox {
  private constructor(
    readonly dir: string,
    readonly home: string,
  ) {}

  static async create(): Promise<EngineSandbox> {
    const dir = await mkdtemp(join(tmpdir(), "payerfleet-engine-"));
    const home = join(dir, "pulumi-home");
    await cp(await standinHome(), home, { recursive: true });
    const box = new EngineSandbox(dir, home);
    await writeState(box.awsFile);
    await writeFile(box.callsFile, "");
    return box;
  }

  get awsFile(): string {
    return join(this.dir, "aws.json");
  }

  get callsFile(): string {
    return join(this.dir, "aws-calls.jsonl");
  }

  get backend(): string {
    return join(this.dir, ".payerfleet", "state");
  }

  /** The environment of every run: the sandbox's home, backend, emulated AWS, passphrase. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PULUMI_HOME: this.home,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_CONFIG_PASSPHRASE_FILE: undefined,
      PULUMI_BACKEND_URL: undefined,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PAYERFLEET_STANDIN_STATE: this.awsFile,
      PAYERFLEET_STANDIN_LOG: this.callsFile,
      PAYERFLEET_INVENTORY: undefined,
      ...extra,
    };
  }

  /** Writes the inventory and seeds the emulated AWS with what it says exists already. */
  async writeFleet(text: string, inventory: Inventory, file = "inventory.yaml"): Promise<string> {
    await writeFile(join(this.dir, file), text);
    await seedFleet(this.awsFile, inventory);
    return join(this.dir, file);
  }

  /** Starts payerfleet with the built CLI, in the sandbox; with `ownGroup`, in a process group of its own. */
  spawn(args: string[], env: NodeJS.ProcessEnv = {}, options: { ownGroup?: boolean } = {}): { child: ChildProcess; done: Promise<Run> } {
    const full = args.includes("--pulumi-root") || !["preview", "up", "refresh", "destroy"].includes(args[0]!) ? args : [...args, "--pulumi-root", PULUMI_ROOT];
    const merged: NodeJS.ProcessEnv = { ...process.env, ...this.env(env) };
    for (const [k, v] of Object.entries(this.env(env))) if (v === undefined) delete merged[k];
    const child = spawn(process.execPath, [BIN, ...full], { cwd: this.dir, env: merged, stdio: ["ignore", "pipe", "pipe"], detached: options.ownGroup === true });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d));
    child.stderr!.on("data", (d: Buffer) => (stderr += d));
    const done = new Promise<Run>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    return { child, done };
  }

  run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    return this.spawn(args, env).done;
  }

  /** Runs the built Pulumi CLI itself in `cwd` (default: the sandbox). */
  async pulumi(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ stdout: string; stderr: string; code: number }> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env({ PULUMI_BACKEND_URL: `file://${this.backend}`, ...options.env }) };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    try {
      const { stdout, stderr } = await exec(PULUMI_BIN, [...args, "--non-interactive"], { cwd: options.cwd ?? this.dir, env, maxBuffer: 256 * 1024 * 1024 });
      return { stdout, stderr, code: 0 };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; code?: number };
      return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
    }
  }

  /** The stack's checkpoint, or undefined when the backend has no such stack. */
  async checkpoint(stack: string): Promise<Checkpoint | undefined> {
    await mkdir(this.backend, { recursive: true });
    // Outside a project folder the CLI needs the stack fully qualified.
    const out = await this.pulumi(["stack", "export", "--stack", `organization/payerfleet/${stack}`]);
    return out.code === 0 ? (JSON.parse(out.stdout) as Checkpoint) : undefined;
  }

  /** The stack names in the backend. */
  async stacks(): Promise<string[]> {
    const dir = join(this.backend, ".pulumi", "stacks", "payerfleet");
    if (!existsSync(dir)) return [];
    const { readdir } = await import("node:fs/promises");
    return (await readdir(dir)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -".json".length)).sort();
  }

  /** The directory of a stack's locks in the file backend (project-scoped stacks, organization `organization`). */
  lockDir(stack: string): string {
    return join(this.backend, ".pulumi", "locks", "organization", "payerfleet", stack);
  }

  /** Locks held in the file backend, as `stack/lock-id.json`. */
  async locks(): Promise<string[]> {
    const root = join(this.backend, ".pulumi", "locks");
    if (!existsSync(root)) return [];
    const { readdir } = await import("node:fs/promises");
    const entries = await readdir(root, { recursive: true });
    // The backend writes a .attrs file beside each lock: the lock is the .json.
    return entries.filter((e) => e.endsWith(".json")).map((e) => e.split("/").slice(-2).join("/")).sort();
  }

  /**
   * Runs `up` of one stack with payerfleet's program for an inventory given as data, so that
   * validation is bypassed: what AWS (the stand-in) would make of what `validate` refuses.
   * Resolves to the CLI's error output, or "" when the update succeeded.
   */
  async upBypassingValidation(inventory: Inventory, stack: string): Promise<string> {
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation/index.js");
    const { findPulumi } = await import("../../src/automation/running/pulumi-cli.ts");
    const { programFor } = await import("../../src/programs/stack-program.ts");
    await mkdir(this.backend, { recursive: true });
    const env = Object.fromEntries(Object.entries(this.env({ PULUMI_BACKEND_URL: `file://${this.backend}` })).filter((e): e is [string, string] => e[1] !== undefined));
    const workDir = join(this.dir, "bypass", stack);
    await mkdir(workDir, { recursive: true });
    const ws = await LocalWorkspace.createOrSelectStack(
      { stackName: stack, projectName: "payerfleet", program: programFor(inventory, stack) },
      { workDir, pulumiCommand: await findPulumi(PULUMI_ROOT), envVars: env, projectSettings: { name: "payerfleet", runtime: "nodejs", backend: { url: `file://${this.backend}` } } },
    );
    try {
      await ws.up();
      return "";
    } catch (err) {
      return (err as Error).message;
    }
  }

  calls(): CallRecord[] {
    return readCallLog(this.callsFile);
  }

  async clearCalls(): Promise<void> {
    await writeFile(this.callsFile, "");
  }

  aws(): Promise<StandinState> {
    return readState(this.awsFile);
  }

  async read(file: string): Promise<string> {
    return readFile(join(this.dir, file), "utf8");
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * What the inventory says exists before payerfleet: every payer and the hub account, with the
 * primary contact the customer registered, and each organization the inventory adopts by id
 * with the accounts it adopts, at its root (payerfleet moves them to their OUs).
 */
export async function seedFleet(awsFile: string, inventory: Inventory): Promise<void> {
  await seedAccount(awsFile, inventory.distributor.hub.accountId, { name: "hub", email: "aws-hub@distributor.example" });
  for (const partner of custodyPartners(inventory)) {
    const contact = partner.payer.primaryContact;
    await seedAccount(awsFile, partner.payer.accountId, {
      name: `${partner.id} payer`,
      email: partner.payer.rootEmail,
      // AWS always holds a full name; the inventory records one only when it wants it compared.
      ...(contact === undefined
        ? {}
        : { primaryContact: { phoneNumber: contact.phoneNumber, fullName: contact.fullName ?? `${partner.name} contact`, ...(contact.companyName ? { companyName: contact.companyName } : {}) } }),
    });
    if (partner.payer.organizationId === undefined) continue;
    await seedOrganization(awsFile, {
      managementAccountId: partner.payer.accountId,
      id: partner.payer.organizationId,
      organizationalUnits: Object.entries(partner.existingOrganizationalUnits).map(([path, id]) => ({ name: path, id })),
      accounts: partner.linkedAccounts.filter((a) => a.accountId !== undefined).map((a) => ({ id: a.accountId!, name: a.name, email: a.email })),
    });
  }
}

