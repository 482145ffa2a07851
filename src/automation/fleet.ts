/**
 * `payerfleet preview | up | refresh | destroy`: checks the input (nothing runs while any of
 * it is wrong: exit 2), selects the stacks, runs the operation over them, and writes the
 * reports. Exit 0 when every stack succeeded, 1 when any failed or was cancelled.
 */
import { resolve } from "node:path";
import { HUB_STACK, type Inventory } from "../inventory/schema.ts";
import { programFor } from "../program.ts";
import { passphraseProblem, resolveBackend } from "./backend.ts";
import { changedSince, GitRefError, type ChangedSince } from "./changed.ts";
import { PulumiCliMissingError, findPulumi } from "./pulumi-cli.ts";
import { createProgress } from "./progress.ts";
import { passphraseRedactor, type Redact } from "./redact.ts";
import type { FleetReport, Operation, Orphan } from "./report.ts";
import { exitCodeOf } from "./report.ts";
import { writeReports } from "./write.ts";
import { runFleet } from "./runner.ts";
import { selectStacks } from "./selection.ts";
import { formatShard, parseShard, type Shard } from "./shard.ts";
import { renderTable } from "./table.ts";
import { collectStackWarnings } from "./warnings.ts";
import { DEFAULT_WORKSPACES_DIR, listBackendStacks, openStack, type WorkspaceContext } from "./workspace.ts";

/**
 * Two stacks at a time by default: each running stack is a Pulumi CLI process plus an AWS
 * provider process of ~300-430 MB, mostly CPU-bound while the program and diffs run, so a
 * 2-core CI runner is saturated by two. Raise it on bigger runners; the API calls themselves
 * are throttled per organization, so partners do not slow each other.
 */
export const DEFAULT_CONCURRENCY = 2;

export interface FleetOptions {
  readonly operation: Operation;
  readonly inventory: string;
  readonly partners: readonly string[];
  readonly changedSince?: string | undefined;
  readonly shard?: string | undefined;
  readonly concurrency: number;
  readonly backend?: string | undefined;
  readonly secretsProvider?: string | undefined;
  readonly pulumiRoot?: string | undefined;
  readonly json?: string | undefined;
  readonly markdown?: string | undefined;
  readonly expectNoChanges: boolean;
  readonly previewOnly: boolean;
  /** destroy only: the partner ids confirmed for destruction. */
  readonly confirmDestroy: readonly string[];
  readonly lockTries: number;
  readonly lockRetryDelayMs: number;
}

export interface FleetIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on SIGINT. */
  readonly signal: AbortSignal;
  /**
   * Whether aborting must be passed on to the running Pulumi CLIs. Not when a terminal's
   * Ctrl-C already reached them (one process group): a second SIGINT makes the CLI terminate
   * at once instead of cancelling cleanly. Default: true.
   */
  readonly forwardCancel?: boolean;
  readonly loadInventory: (file: string) => Promise<Inventory | undefined>;
}

/** Problems with the command line itself, before the inventory is read. */
export function optionProblems(o: FleetOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) problems.push(`--concurrency must be a whole number of at least 1 (got ${o.concurrency})`);
  if (!Number.isInteger(o.lockTries) || o.lockTries < 1) problems.push(`--lock-retries must be a whole number of at least 1 (got ${o.lockTries})`);
  if (!Number.isFinite(o.lockRetryDelayMs) || o.lockRetryDelayMs < 0) problems.push(`--lock-retry-delay must be a number of milliseconds (got ${o.lockRetryDelayMs})`);
  if (o.shard !== undefined) {
    const shard = parseShard(o.shard);
    if (typeof shard === "string") problems.push(shard);
  }
  if (o.operation === "destroy") {
    const unconfirmed = o.partners.filter((id) => !o.confirmDestroy.includes(id));
    const unnamed = o.confirmDestroy.filter((id) => !o.partners.includes(id));
    if (o.partners.length === 0) {
      problems.push("destroy deletes every resource of a stack, so it acts only on stacks named with --partner ID, each confirmed with --yes-destroy-partner ID");
    } else if (unconfirmed.length > 0) {
      problems.push(`destroy deletes every resource of a stack: confirm each one with --yes-destroy-partner ID; not confirmed: ${unconfirmed.join(", ")}`);
    }
    if (unnamed.length > 0) problems.push(`--yes-destroy-partner names ${unnamed.join(", ")}, which --partner does not: name and confirm the same stacks`);
  }
  return problems;
}

export async function runFleetCommand(o: FleetOptions, io: FleetIo): Promise<number> {
  const redact = passphraseRedactor(io.env);
  const fail = (lines: string[]): number => {
    for (const line of lines) io.stderr(redact(`payerfleet ${o.operation}: ${line}\n`));
    return 2;
  };
  const problems = optionProblems(o);
  if (problems.length > 0) return fail(problems);
  const inventory = await io.loadInventory(o.inventory);
  if (inventory === undefined) return 2;

  let changed: ChangedSince | undefined;
  if (o.changedSince !== undefined) {
    try {
      changed = await changedSince(o.inventory, inventory, o.changedSince);
    } catch (err) {
      if (err instanceof GitRefError) return fail([err.message]);
      throw err;
    }
  }
  const shard = o.shard === undefined ? undefined : (parseShard(o.shard) as Shard);
  const selection = selectStacks(inventory, { partners: o.partners, ...(changed ? { changed } : {}), ...(shard ? { shard } : {}) });
  if (selection.problems.length > 0) return fail(selection.problems);

  let backend;
  try {
    backend = await resolveBackend({ backend: o.backend, secretsProvider: o.secretsProvider, env: io.env, cwd: io.cwd });
  } catch (err) {
    // A file backend whose directory cannot be made is bad input: nothing has run yet.
    return fail([`cannot use the state backend: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const passphrase = await passphraseProblem(backend, io.env);
  if (passphrase !== undefined) return fail([passphrase]);
  let pulumi;
  try {
    pulumi = await findPulumi(o.pulumiRoot === undefined ? undefined : resolve(io.cwd, o.pulumiRoot));
  } catch (err) {
    if (err instanceof PulumiCliMissingError) return fail([err.message]);
    throw err;
  }

  const ctx: WorkspaceContext = { pulumi, backend, inventory, root: resolve(io.cwd, DEFAULT_WORKSPACES_DIR), programFor };
  const notes: string[] = [];
  if (changed?.all) notes.push(`every stack is selected: ${changed.reason}`);
  if (selection.targets.length === 0) notes.push("no stack is selected: nothing to do");
  const orphans = await findOrphans(ctx, inventory, changed, shard, notes);

  const progress = createProgress({ operation: o.operation, total: selection.targets.length, write: io.stderr, tty: io.stderrIsTTY, redact });
  let runs;
  try {
    runs = await runFleet(selection.targets, {
      operation: o.operation,
      previewOnly: o.previewOnly,
      expectNoChanges: o.expectNoChanges,
      concurrency: o.concurrency,
      retry: { tries: o.lockTries, baseDelayMs: o.lockRetryDelayMs },
      signal: io.signal,
      forwardCancel: io.forwardCancel ?? true,
      open: (target, create) => openStack(ctx, target.stack, create),
      progress,
    });
  } finally {
    progress.close();
  }
  if (io.signal.aborted) notes.push("the run was cancelled (SIGINT): running operations were interrupted, stacks not yet started were skipped");

  const report: FleetReport = { operation: o.operation, stacks: runs.map((r) => r.report), orphans };
  const warnings = new Map(runs.map((r) => [r.report.stack, collectStackWarnings(r.report, r.warnings)]));
  const scope = [
    ...(shard ? [`shard ${formatShard(shard)}`] : []),
    ...(changed ? [`changed since ${changed.ref}`] : []),
    ...(o.previewOnly ? ["preview only"] : []),
  ];
  let reportsWritten = true;
  try {
    await writeReports({ report, warnings, notes, scope, json: o.json, markdown: o.markdown, redact, log: (t) => io.stderr(redact(t)) });
  } catch (err) {
    // The stacks have run: their table and exit code must still come out.
    reportsWritten = false;
    io.stderr(redact(`payerfleet ${o.operation}: the reports could not be written: ${err instanceof Error ? err.message : String(err)}\n`));
  }
  io.stdout(redact(renderTable(report, warnings, notes)));
  return reportsWritten ? exitCodeOf(report) : Math.max(exitCodeOf(report), 1);
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
