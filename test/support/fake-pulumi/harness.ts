/**
 * Runs the real `payerfleet` bin against the fake Pulumi CLI (./bin/pulumi), in a scratch
 * directory with its own file backend, as CI would run it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BIN, REPO, type Run } from "../cli.ts";

/** The fake's install root: pass as `--pulumi-root`, or put its `bin/` on PATH. */
export const FAKE_ROOT = fileURLToPath(new URL(".", import.meta.url));
/** Engine event streams the Pulumi project recorded for its own tests (streams/pulumi-display/README.md). */
export const RECORDED = fileURLToPath(new URL("../../automation/streams/pulumi-display/", import.meta.url));
/** Synthetic streams written for these tests. */
export const SYNTHETIC = fileURLToPath(new URL("../../automation/streams/", import.meta.url));
/** A passphrase the tests look for in every output: it must never appear. */
export const PASSPHRASE = "correct-horse-battery-staple-9f3e";

export interface FakeStep {
  stream?: string;
  events?: number;
  resources?: number;
  exitCode?: number;
  stderr?: string;
  locked?: number;
  delayMs?: number;
  hang?: boolean;
}

export type FakeScript = { defaults?: FakeStep; stacks?: Record<string, FakeStep & Partial<Record<"preview" | "up" | "refresh" | "destroy", FakeStep>>> };

/** A fleet of `n` partners, `p01`..., valid for the inventory loader. */
export function inventoryYaml(ids: readonly string[]): string {
  const lines = [
    "distributor:",
    "  name: Test Distribution",
    "  emailDomains: [payers.distributor.example]",
    "  hub: { accountId: \"999999999999\" }",
    "  automation: { principals: [\"arn:aws:iam::999999999999:role/ci\"] }",
    "  billingAdmins: [\"arn:aws:iam::999999999999:role/billing\"]",
    "partners:",
  ];
  ids.forEach((id, i) => {
    const account = String(100000000000 + i).padStart(12, "0");
    lines.push(
      `  - id: ${id}`,
      `    name: Partner ${id}`,
      "    payer:",
      `      accountId: "${account}"`,
      `      rootEmail: aws+${id}@payers.distributor.example`,
      "      custody: { mfaHolder: customer, primaryPhoneHolder: customer }",
      '      primaryContact: { phoneNumber: "+44 20 7946 0000" }',
      `    partnerAdmins: ["arn:aws:iam::${account}:role/admins"]`,
    );
  });
  return `${lines.join("\n")}\n`;
}

export class Sandbox {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Sandbox> {
    return new Sandbox(await mkdtemp(join(tmpdir(), "payerfleet-fleet-")));
  }

  get log(): string {
    return join(this.dir, "fake-pulumi.log");
  }

  async writeInventory(ids: readonly string[]): Promise<string> {
    const file = join(this.dir, "inventory.yaml");
    await writeFile(file, inventoryYaml(ids));
    return file;
  }

  async script(script: FakeScript): Promise<void> {
    await writeFile(join(this.dir, "script.json"), JSON.stringify(script));
  }

  /** The fake's log: one entry per operation start, end, failure, lock or cancel. */
  async events(): Promise<{ stack: string; operation: string; event: string }[]> {
    if (!existsSync(this.log)) return [];
    return (await readFile(this.log, "utf8")).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      FAKE_PULUMI_SCRIPT: join(this.dir, "script.json"),
      FAKE_PULUMI_LOG: this.log,
      PULUMI_BACKEND_URL: undefined,
      ...extra,
    };
  }

  /** Starts payerfleet; `--pulumi-root` is the fake unless `args` says otherwise. */
  /**
   * Starts payerfleet; with `ownGroup` it leads a process group of its own, so that a test can
   * signal the whole group as a CI runner does when it cancels a job.
   */
  spawn(args: string[], env: NodeJS.ProcessEnv = this.env(), options: { ownGroup?: boolean } = {}): { child: ChildProcess; done: Promise<Run> } {
    const full = args.includes("--pulumi-root") || env["NO_PULUMI_ROOT"] ? args : [...args, "--pulumi-root", FAKE_ROOT];
    const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
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

  run(args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
    return this.spawn(args, env).done;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
