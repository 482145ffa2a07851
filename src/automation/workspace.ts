/**
 * One LocalWorkspace per stack, each in its own directory: the Automation API forbids
 * selecting or creating stacks concurrently in one workspace, since `stack select` writes the
 * workspace's current stack. The directories live under `.payerfleet/workspaces/` and keep
 * each stack's `Pulumi.<stack>.yaml` (its passphrase salt) between runs.
 */
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, Stack, type PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import type { Inventory } from "../inventory/schema.ts";
import type { StackProgram } from "../program.ts";
import type { Backend } from "./backend.ts";

const exec = promisify(execFile);

/** The Pulumi project of every payerfleet stack; Pulumi.yaml names it too. */
export const PROJECT = "payerfleet";
export const DEFAULT_WORKSPACES_DIR = ".payerfleet/workspaces";

export interface WorkspaceContext {
  readonly pulumi: PulumiCommand;
  readonly backend: Backend;
  readonly inventory: Inventory;
  /** Root of the per-stack workspace directories. */
  readonly root: string;
  readonly programFor: (inventory: Inventory, stack: string) => StackProgram;
}

function envVars(backend: Backend): Record<string, string> {
  // The CLI would otherwise look for a newer version of itself on every call.
  return { PULUMI_BACKEND_URL: backend.url, PULUMI_SKIP_UPDATE_CHECK: "true" };
}

async function workspace(ctx: WorkspaceContext, dir: string, program?: StackProgram): Promise<LocalWorkspace> {
  await mkdir(dir, { recursive: true });
  return LocalWorkspace.create({
    workDir: dir,
    pulumiCommand: ctx.pulumi,
    ...(program === undefined ? {} : { program }),
    projectSettings: { name: PROJECT, runtime: "nodejs", backend: { url: ctx.backend.url } },
    ...(ctx.backend.secretsProvider === undefined ? {} : { secretsProvider: ctx.backend.secretsProvider }),
    envVars: envVars(ctx.backend),
  });
}

/**
 * The stack, selected, or created when `create` is set and it does not exist yet (preview and
 * up of a new partner). Refresh and destroy never create: a missing stack is their failure.
 */
export async function openStack(ctx: WorkspaceContext, name: string, create: boolean): Promise<Stack> {
  const ws = await workspace(ctx, join(ctx.root, "stacks", name), ctx.programFor(ctx.inventory, name));
  if (create) {
    const stack = await Stack.createOrSelect(name, ws);
    await restoreSalt(ctx, ws, name);
    return stack;
  }
  const stack = await Stack.select(name, ws);
  await restoreSalt(ctx, ws, name);
  return stack;
}

/**
 * A fresh checkout (a CI runner) has no `Pulumi.<stack>.yaml`, and so no passphrase salt for
 * a stack made elsewhere; without it the CLI cannot decrypt the stack's secrets. The salt is
 * also in the stack's checkpoint, which plain `stack export` (no `--show-secrets`, so no
 * decryption) returns: copy it back into the workspace's stack settings.
 */
async function restoreSalt(ctx: WorkspaceContext, ws: LocalWorkspace, name: string): Promise<void> {
  if (ctx.backend.secretsProvider !== "passphrase") return;
  let settings: Awaited<ReturnType<LocalWorkspace["stackSettings"]>> = {};
  try {
    settings = await ws.stackSettings(name);
  } catch {
    // No settings file yet: a fresh workspace.
  }
  if (settings.encryptionSalt) return;
  const { stdout } = await exec(ctx.pulumi.command, ["stack", "export", "--stack", name, "--non-interactive"], {
    cwd: ws.workDir,
    env: { ...process.env, ...envVars(ctx.backend) },
    maxBuffer: 1024 * 1024 * 1024,
  });
  const salt = (JSON.parse(stdout) as { deployment?: { secrets_providers?: { type?: string; state?: { salt?: string } } } })
    .deployment?.secrets_providers;
  if (salt?.type === "passphrase" && salt.state?.salt) await ws.saveStackSettings(name, { ...settings, encryptionSalt: salt.state.salt });
}

/** The stacks of the project in the backend, by plain stack name. */
export async function listBackendStacks(ctx: WorkspaceContext): Promise<string[]> {
  const ws = await workspace(ctx, join(ctx.root, "list"));
  const stacks = await ws.listStacks();
  // Pulumi Cloud names stacks org/project/stack; the file and S3 backends, just stack.
  return stacks.map((s) => s.name.split("/").at(-1) ?? s.name);
}
