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
import { LocalWorkspace, Stack, StackAlreadyExistsError, type PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { custodyPartners, type Inventory } from "../../inventory/schema.ts";
import type { StackContext, StackProgram, TransferRecord } from "../../programs/stack-context.ts";
import type { AcceptedTransfer } from "../../components/billing/transfer-partner.ts";
import type { Backend } from "./backend.ts";

const exec = promisify(execFile);

/** The Pulumi project of every payerfleet stack; Pulumi.yaml names it too. */
const PROJECT = "payerfleet";
export const DEFAULT_WORKSPACES_DIR = ".payerfleet/workspaces";

export interface WorkspaceContext {
  readonly pulumi: PulumiCommand;
  readonly backend: Backend;
  readonly inventory: Inventory;
  /** Root of the per-stack workspace directories. */
  readonly root: string;
  readonly programFor: (inventory: Inventory, stack: string, context: StackContext) => StackProgram;
  /** What the billing-transfer lifecycle knows of each transfer partner's transfer (transfers.ts). */
  readonly transferRecords?: ReadonlyMap<string, TransferRecord>;
  /** Accepted transfers and their managed views, for the partners' billing views (transfers.ts). */
  readonly acceptedTransfers?: ReadonlyMap<string, AcceptedTransfer>;
}

function envVars(backend: Backend): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: backend.url,
    // The CLI would otherwise look for a newer version of itself on every call.
    PULUMI_SKIP_UPDATE_CHECK: "true",
    ...(backend.passphraseFile === undefined ? {} : { PULUMI_CONFIG_PASSPHRASE_FILE: backend.passphraseFile }),
  };
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

/** The parts of a stack's checkpoint (`pulumi stack export`) the driver reads. */
export interface Checkpoint {
  readonly deployment?: {
    readonly secrets_providers?: { readonly type?: string; readonly state?: { readonly salt?: string } };
    readonly resources?: readonly CheckpointResource[];
  };
}

export interface CheckpointResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly protect?: boolean;
  readonly custom?: boolean;
  readonly inputs?: Record<string, unknown>;
}

/**
 * The stack, selected, or created when `create` is set and it does not exist yet (preview and
 * up of a new partner). Refresh and destroy never create: a missing stack is their failure.
 * Its program learns which ids the stack's state already holds, from the checkpoint.
 */
export async function openStack(ctx: WorkspaceContext, name: string, create: boolean): Promise<Stack> {
  let managed = new Set<string>();
  const ws = await workspace(ctx, join(ctx.root, "stacks", name), ctx.programFor(ctx.inventory, name, { managedIds: () => managed, transferRecord: () => ctx.transferRecords?.get(name), acceptedTransfer: () => ctx.acceptedTransfers?.get(name) }));
  const stack = create ? await createOrSelect(name, ws) : await Stack.select(name, ws);
  // One CLI call per stack, and only for a stack that adopts resources or lacks its salt.
  const needsSalt = ctx.backend.secretsProvider === "passphrase" && !(await stackSettings(ws, name)).encryptionSalt;
  if (needsSalt || adoptsResources(ctx.inventory, name)) {
    const checkpoint = await exportStack(ctx, ws, name);
    if (needsSalt) await restoreSalt(ws, name, checkpoint);
    managed = new Set((checkpoint.deployment?.resources ?? []).flatMap((r) => (r.id ? [r.id] : [])));
  }
  return stack;
}

/**
 * The stack, created if need be. Two runs that find it missing at once both create it, and
 * the slower one's `stack init` fails: the stack is there now, so it selects it instead.
 */
async function createOrSelect(name: string, ws: LocalWorkspace): Promise<Stack> {
  try {
    return await Stack.createOrSelect(name, ws);
  } catch (err) {
    if (err instanceof StackAlreadyExistsError) return Stack.select(name, ws);
    throw err;
  }
}

/** Whether the inventory gives the partner existing resources to adopt by id. */
function adoptsResources(inventory: Inventory, stack: string): boolean {
  const partner = custodyPartners(inventory).find((p) => p.id === stack);
  if (partner === undefined) return false;
  return partner.payer.organizationId !== undefined || Object.keys(partner.existingOrganizationalUnits).length > 0 || partner.linkedAccounts.some((a) => a.accountId !== undefined);
}

async function stackSettings(ws: LocalWorkspace, name: string): Promise<Awaited<ReturnType<LocalWorkspace["stackSettings"]>>> {
  try {
    return await ws.stackSettings(name);
  } catch {
    // No settings file yet: a fresh workspace.
    return {};
  }
}

/**
 * The stack's checkpoint as plain `stack export` gives it: no `--show-secrets`, so secrets stay
 * ciphertext and no passphrase is needed to read it.
 */
export async function exportStack(ctx: WorkspaceContext, ws: LocalWorkspace, name: string): Promise<Checkpoint> {
  // An export takes no lock: while another update writes the checkpoint of a file or blob
  // backend, a read can find it empty ("failed to load checkpoint: EOF"). Read again.
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await exec(ctx.pulumi.command, ["stack", "export", "--stack", name, "--non-interactive"], {
        cwd: ws.workDir,
        env: { ...process.env, ...envVars(ctx.backend) },
        maxBuffer: 1024 * 1024 * 1024,
      });
      return JSON.parse(stdout) as Checkpoint;
    } catch (err) {
      if (attempt >= CHECKPOINT_READS || !/failed to load checkpoint/.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** Reads of a checkpoint that another update may be writing. */
const CHECKPOINT_READS = 5;

/**
 * A fresh checkout (a CI runner) has no `Pulumi.<stack>.yaml`, and so no passphrase salt for
 * a stack made elsewhere; without it the CLI cannot decrypt the stack's secrets. The salt is
 * also in the stack's checkpoint: copy it back into the workspace's stack settings.
 */
async function restoreSalt(ws: LocalWorkspace, name: string, checkpoint: Checkpoint): Promise<void> {
  const settings = await stackSettings(ws, name);
  const salt = checkpoint.deployment?.secrets_providers;
  if (salt?.type === "passphrase" && salt.state?.salt) await ws.saveStackSettings(name, { ...settings, encryptionSalt: salt.state.salt });
}

/** Runs a CLI command in the stack's workspace (one the Automation API has no call for). */
export async function runCli(ctx: WorkspaceContext, ws: LocalWorkspace, args: string[], signal?: AbortSignal): Promise<void> {
  const run = (ctx.pulumi as unknown as { run: (a: string[], cwd: string, env: Record<string, string>, o?: unknown, e?: unknown, s?: AbortSignal) => Promise<unknown> }).run;
  await run.call(ctx.pulumi, args, ws.workDir, envVars(ctx.backend), undefined, undefined, signal);
}

/** The stacks of the project in the backend, by plain stack name. */
export async function listBackendStacks(ctx: WorkspaceContext): Promise<string[]> {
  const ws = await workspace(ctx, join(ctx.root, "list"));
  const stacks = await ws.listStacks();
  // Pulumi Cloud names stacks org/project/stack; the file and S3 backends, just stack.
  return stacks.map((s) => s.name.split("/").at(-1) ?? s.name);
}
