/**
 * `payerfleet preview | up | refresh | destroy`: checks the input (nothing runs while any of
 * it is wrong: exit 2), selects the stacks, runs the operation over them, and writes the
 * reports. Exit 0 when every stack succeeded, 1 when any failed or was cancelled.
 */
import { resolve } from "node:path";
import { EXIT, type ExitCode } from "../io/exit-codes.ts";
import { InputError, Problems } from "../io/errors.ts";
import { removeDirectories } from "../io/files.ts";
import { prepareOutputs } from "../io/outputs.ts";
import { custodyPartners, HUB_STACK, isTransfer, type Inventory } from "../inventory/schema.ts";
import { ambientRegion } from "../aws/sessions.ts";
import { transferLifecycle } from "./running/transfers.ts";
import { programFor } from "../programs/stack-program.ts";
import { backendUrlProblem, passphraseProblem, prepareBackend, resolveBackend, secretsProviderProblem } from "./running/backend.ts";
import { changedSince, type ChangedSince } from "./running/changed.ts";
import { findPulumi } from "./running/pulumi-cli.ts";
import { createProgress } from "./reports/progress.ts";
import { passphraseRedactor } from "../io/redact.ts";
import type { FleetReport, Orphan, ResourceChange, StackReport } from "./reports/report.ts";
import { exitCodeOf } from "./reports/report.ts";
import { writeReports } from "./reports/write.ts";
import { customerContactTypes, releasePlan } from "./running/offboarding.ts";
import { abortReason, runFleet, type OperationOptions } from "./running/runner.ts";
import { DEADLINE_GRACE_MS, type Operation } from "./operations.ts";
import { selectStacks, type StackTarget } from "./running/selection.ts";
import { formatShard, type Shard } from "./running/shard.ts";
import { fleetTable } from "./reports/table.ts";
import { collectStackWarnings } from "./reports/warnings.ts";
import { DEFAULT_WORKSPACES_DIR, exportStack, listBackendStacks, openStack, runCli, type WorkspaceContext } from "./running/workspace.ts";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation/index.js";

/** A fleet command's options, read and checked once from the command line. */
export interface FleetOptions {
  readonly operation: Operation;
  readonly inventory: string;
  readonly partners: readonly string[];
  readonly changedSince?: string | undefined;
  readonly shard?: Shard | undefined;
  readonly concurrency: number;
  readonly backend?: string | undefined;
  readonly secretsProvider?: string | undefined;
  readonly pulumiRoot?: string | undefined;
  /** The JSON report's file; `-` for standard output. */
  readonly json?: string | undefined;
  /** The Markdown report's first part; `-` for standard output. */
  readonly markdown?: string | undefined;
  readonly expectNoChanges: boolean;
  readonly previewOnly: boolean;
  /** destroy only: the partner ids confirmed for destruction. */
  readonly confirmDestroy: readonly string[];
  readonly lockTries: number;
  readonly lockRetryDelayMs: number;
  /** Each stack's time limit; past it the stack fails, its operation cancelled. */
  readonly deadlineMs: number;
}

export interface FleetIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on SIGINT or SIGTERM: running operations are cancelled, the rest skipped. */
  readonly signal: AbortSignal;
  /** The valid inventory; throws an InputError (with every problem) for an invalid one. */
  readonly loadInventory: (file: string) => Promise<Inventory>;
  /** The clock of the billing-transfer calendar. Default: the system's. */
  readonly now?: () => Date;
}

/** Attempts per AWS call of the billing-transfer lifecycle, first included (SDK standard retry mode). */
const AWS_MAX_ATTEMPTS = 5;

/**
 * Runs the operation over the selected stacks and writes the reports. Every input is checked
 * first, all of it, and any problem is thrown as one {@link InputError}: the inventory, the
 * stacks named, the git ref, the backend, the passphrase, the Pulumi CLI, and the report files.
 * Only then is anything created: the reports' folders and a file backend's directory.
 */
export async function runFleetCommand(o: FleetOptions, io: FleetIo): Promise<ExitCode> {
  const redact = passphraseRedactor(io.env, io.cwd);
  const inventory = await io.loadInventory(o.inventory);
  const problems = new Problems();
  const changed = o.changedSince === undefined ? undefined : await problems.check(() => changedSince(resolve(io.cwd, o.inventory), inventory, o.changedSince!));
  const selection = await problems.check(() => selectStacks(inventory, { partners: o.partners, ...(changed ? { changed } : {}), ...(o.shard ? { shard: o.shard } : {}) }));
  const backend = resolveBackend({ backend: o.backend, secretsProvider: o.secretsProvider, env: io.env, cwd: io.cwd });
  const badUrl = backendUrlProblem(backend.url);
  if (badUrl !== undefined) problems.add(o.backend ? badUrl : `PULUMI_BACKEND_URL: ${badUrl}`);
  const badProvider = secretsProviderProblem(backend);
  if (badProvider !== undefined) problems.add(badProvider);
  const passphrase = await passphraseProblem(backend, io.env);
  if (passphrase !== undefined) problems.add(passphrase);
  const pulumi = await problems.check(() => findPulumi(o.pulumiRoot === undefined ? undefined : resolve(io.cwd, o.pulumiRoot)));
  // Made only now, with every other check done; undone, like the reports' folders, on any problem.
  const outputs = [...(o.json === undefined ? [] : [{ flag: "json", path: o.json }]), ...(o.markdown === undefined ? [] : [{ flag: "markdown", path: o.markdown }])];
  const kept = backend.passphraseFile === undefined ? [] : [{ what: "the passphrase file (PULUMI_CONFIG_PASSPHRASE_FILE)", path: backend.passphraseFile }];
  const undoOutputs = await problems.check(() => prepareOutputs(io, outputs, { inventory: o.inventory, kept }));
  const backendDirs = badUrl !== undefined ? [] : await problems.check(() => prepareBackend(backend));
  if (problems.any) {
    await removeDirectories(backendDirs ?? []);
    await undoOutputs?.();
    throw new InputError(problems.list.map(redact));
  }

  // Only a run over billing-transfer partners talks to AWS itself (transfers.ts); destroy never does.
  const transfers = o.operation !== "destroy" && selection!.targets.some((t) => inventory.partners.some((p) => p.id === t.partner && isTransfer(p)))
    ? transferLifecycle(inventory, { operation: o.operation, aws: { region: ambientRegion(io.env), maxAttempts: AWS_MAX_ATTEMPTS }, now: io.now ?? (() => new Date()), env: io.env })
    : undefined;
  const ctx: WorkspaceContext = { pulumi: pulumi!, backend, inventory, root: resolve(io.cwd, DEFAULT_WORKSPACES_DIR), programFor, ...(transfers ? { transferRecords: transfers.records, acceptedTransfers: transfers.accepted } : {}) };
  const notes: string[] = [];
  if (changed?.all) notes.push(`every stack is selected: ${changed.reason}`);
  if (selection!.targets.length === 0) notes.push("no stack is selected: nothing to do");
  const orphans = await findOrphans(ctx, inventory, changed, o.shard, notes);
  if (transfers !== undefined && (o.operation === "preview" || o.operation === "up")) notes.push(...(await transfers.preflight(selection!.targets)));

  const progress = createProgress({ operation: o.operation, total: selection!.targets.length, write: io.stderr, tty: io.stderrIsTTY, redact });
  let runs;
  try {
    runs = await runFleet(selection!.targets, {
      operation: o.operation,
      previewOnly: o.previewOnly,
      expectNoChanges: o.expectNoChanges,
      concurrency: o.concurrency,
      retry: { tries: o.lockTries, baseDelayMs: o.lockRetryDelayMs },
      signal: io.signal,
      open: (target, create) => openStack(ctx, target.stack, create),
      ...(transfers ? { lifecycle: (target: StackTarget, stack: Stack) => transfers.forStack(target, stack) } : {}),
      offboard: (target, stack, common) => offboard(ctx, target, stack, common),
      holdsProtected: async (target, stack) =>
        ((await exportStack(ctx, stack.workspace as LocalWorkspace, target.stack)).deployment?.resources ?? []).some((r) => r.protect === true),
      deadlineMs: o.deadlineMs,
      deadlineGraceMs: DEADLINE_GRACE_MS,
      progress,
    });
  } finally {
    progress.close();
    transfers?.close();
  }
  if (io.signal.aborted) notes.push(`the run was cancelled (${abortReason(io.signal)}): running operations were interrupted, stacks not yet started were skipped`);

  const report: FleetReport = { operation: o.operation, stacks: runs.map((r) => r.report), orphans };
  const warnings = new Map(runs.map((r) => [r.report.stack, collectStackWarnings(r.report, r.warnings, r.notes)]));
  if (o.operation === "destroy") notes.push(...hubStillAdmits(inventory, runs.map((r) => r.report)));
  const scope = [
    ...(o.shard ? [`shard ${formatShard(o.shard)}`] : []),
    ...(changed ? [`changed since ${changed.ref}`] : []),
    ...(o.previewOnly ? ["preview only"] : []),
  ];
  let reportsWritten = true;
  let onStdout = false;
  try {
    onStdout = await writeReports({ report, warnings, notes, scope, json: o.json, markdown: o.markdown, cwd: io.cwd, stdout: io.stdout, redact, log: (t) => io.stderr(redact(t)) });
  } catch (err) {
    // The stacks have run: their table and exit code must still come out.
    reportsWritten = false;
    io.stderr(redact(`payerfleet ${o.operation}: the reports could not be written: ${err instanceof Error ? err.message : String(err)}\n`));
  }
  // A report on standard output takes the table's place there; the table goes to stderr.
  (onStdout ? io.stderr : io.stdout)(redact(fleetTable(report, warnings, notes)));
  // Reports a CI step reads that did not come out are a failure, whatever the stacks did.
  return reportsWritten ? exitCodeOf(report) : EXIT.failed;
}

/**
 * Offboards one stack (offboarding.ts): protects in the state what is released, destroys the
 * rest, reads what is left, and removes the stack. Resolves to the released resources.
 */
async function offboard(ctx: WorkspaceContext, target: StackTarget, stack: Stack, common: OperationOptions): Promise<ResourceChange[]> {
  const ws = stack.workspace as LocalWorkspace;
  const before = await exportStack(ctx, ws, target.stack);
  const plan = releasePlan(before.deployment?.resources ?? [], customerContactTypes(ctx.inventory, target.partner));
  const reasons = new Map(plan.map((p) => [p.resource.urn, p.reason]));
  const unprotected = plan.filter((p) => !p.resource.protect).map((p) => p.resource.urn);
  if (unprotected.length > 0) await runCli(ctx, ws, ["state", "protect", "--stack", target.stack, "--yes", ...unprotected], common.signal);
  await stack.destroy({ ...common, excludeProtected: true });
  const after = await exportStack(ctx, ws, target.stack);
  const released = (after.deployment?.resources ?? [])
    .filter((r) => r.custom !== false && !r.type.startsWith("pulumi:"))
    .map((r): ResourceChange => ({ urn: r.urn, type: r.type, op: "release", diffs: [], ...(reasons.has(r.urn) ? { detail: reasons.get(r.urn)! } : {}) }));
  await ws.removeStack(target.stack, { force: true });
  return released;
}

/** After offboarding a partner, the hub keeps admitting its payer until the inventory drops it. */
function hubStillAdmits(inventory: Inventory, reports: readonly StackReport[]): string[] {
  return reports
    .filter((r) => r.partner !== null && r.result === "succeeded")
    .flatMap((r) => {
      const partner = custodyPartners(inventory).find((p) => p.id === r.partner);
      return partner?.features.rootActivityMonitor
        ? [`the hub still admits the payer of ${partner.id} (${partner.payer.accountId}): remove ${partner.id} from the inventory, then run payerfleet up --partner hub`]
        : [];
    });
}

/**
 * Stacks in the backend that the inventory does not name, and partners removed since the
 * `--changed-since` ref. Listed in shard 1 only (like the hub), so a sharded run reports them
 * once. A backend that cannot be listed is a note, not a failure.
 */
async function findOrphans(ctx: WorkspaceContext, inventory: Inventory, changed: ChangedSince | undefined, shard: Shard | undefined, notes: string[]): Promise<Orphan[]> {
  if (shard !== undefined && shard.index !== 1) return [];
  const known = new Set([HUB_STACK, ...inventory.partners.map((p) => p.id)]);
  const sources = new Map<string, Set<"backend" | "changed-since">>();
  const add = (stack: string, source: "backend" | "changed-since") => sources.set(stack, (sources.get(stack) ?? new Set()).add(source));
  try {
    for (const stack of await listBackendStacks(ctx)) if (!known.has(stack)) add(stack, "backend");
  } catch (err) {
    notes.push(`the backend's stacks could not be listed, so orphans may be missing: ${(err instanceof Error ? err.message : String(err)).split("\n").find((l) => /error/i.test(l))?.trim() ?? "unknown error"}`);
  }
  for (const stack of changed?.removed ?? []) if (!known.has(stack)) add(stack, "changed-since");
  return [...sources.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stack, seen]) => ({ stack, sources: (["backend", "changed-since"] as const).filter((s) => seen.has(s)) }));
}
