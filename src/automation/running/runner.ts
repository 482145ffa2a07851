/**
 * Runs one operation over the selected stacks: bounded concurrency, the hub before the
 * partners on `up` (their root-activity rules target its buses) and after them on `destroy`,
 * a bounded retry while a stack is locked, and one stack's failure never stopping the others.
 * Aborting the signal (SIGINT, SIGTERM) cancels every running operation through the Automation API's
 * own `signal` option, which interrupts the CLI so it releases its lock; stacks not yet started
 * are reported `skipped`.
 */
import { CommandError, StackNotFoundError, type EngineEvent, type Stack } from "@pulumi/pulumi/automation/index.js";
import { StackEvents, cleanMessage } from "../events/events.ts";
import { changeCounts, type ResourceChange, type StackReport } from "../reports/report.ts";
import { formatDuration, type Operation } from "../operations.ts";
import { refusals } from "./refusal.ts";
import { TERMINATE } from "./cli-processes.ts";
import { withLockRetry, type RetryPolicy } from "./retry.ts";
import type { StackTarget } from "./selection.ts";
import { mapLimit } from "../../io/map-limit.ts";
import { reviewItems } from "../reports/review.ts";
import type { LifecycleRun } from "./transfers.ts";

/** Watches the run: the live progress view and the CI log lines. */
export interface ProgressSink {
  started(target: StackTarget, events: StackEvents): void;
  retrying(target: StackTarget, attempt: number, delayMs: number): void;
  finished(report: StackReport, warnings: string[]): void;
}

export interface RunOptions {
  readonly operation: Operation;
  /** refresh only: compute drift without writing state (`refresh --preview-only`, no lock). */
  readonly previewOnly: boolean;
  /** A stack with any change fails: the drift check. */
  readonly expectNoChanges: boolean;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  /** Aborted on SIGINT or SIGTERM: each running CLI gets one SIGINT and cancels cleanly. */
  readonly signal: AbortSignal;
  /** Selects (or, when `create`, creates) the stack in its own workspace. */
  readonly open: (target: StackTarget, create: boolean) => Promise<Stack>;
  /** up: whether the stack's state holds protected resources (the customer's), checked by a preview first. */
  readonly holdsProtected: (target: StackTarget, stack: Stack) => Promise<boolean>;
  /** destroy: offboards the stack (offboarding.ts); resolves to what it released. */
  readonly offboard: (target: StackTarget, stack: Stack, common: OperationOptions) => Promise<ResourceChange[]>;
  /**
   * A billing-transfer partner's lifecycle, run after the stack is opened and before the Pulumi
   * operation (transfers.ts); resolves to undefined for other stacks. Default: none.
   */
  readonly lifecycle?: (target: StackTarget, stack: Stack) => Promise<LifecycleRun | undefined>;
  /** Each stack's time limit, all its tries included; past it the stack fails, cancelled. */
  readonly deadlineMs: number;
  /** How long a cancelled CLI may take to stop before it is told to terminate. */
  readonly deadlineGraceMs: number;
  readonly progress: ProgressSink;
}

/** What every operation is given: the event sink, the cancelling signal, plain output. */
export interface OperationOptions {
  readonly onEvent: (event: EngineEvent) => void;
  readonly signal: AbortSignal;
  readonly color: "never";
  readonly suppressProgress: boolean;
}

export interface StackRun {
  readonly report: StackReport;
  /** Engine warnings of the stack, for people; never in the JSON report. */
  readonly warnings: string[];
  /** What payerfleet says of the stack, for people; never in the JSON report. */
  readonly notes: string[];
}

const MAX_ERROR_CHARS = 2000;

/** The order stacks start in: phases run one after the other, stacks within one concurrently. */
function phases(operation: Operation, targets: readonly StackTarget[]): StackTarget[][] {
  const hub = targets.filter((t) => t.partner === null);
  const partners = targets.filter((t) => t.partner !== null);
  if (operation === "up") return [hub, partners].filter((p) => p.length > 0);
  if (operation === "destroy") return [partners, hub].filter((p) => p.length > 0);
  return [[...hub, ...partners]].filter((p) => p.length > 0);
}

export async function runFleet(targets: readonly StackTarget[], options: RunOptions): Promise<StackRun[]> {
  const runs: StackRun[] = [];
  for (const phase of phases(options.operation, targets)) {
    // runStack reports every failure in its StackRun: one stack's never stops the others.
    const results = await mapLimit(phase, options.concurrency, async (target) => {
      const run = options.signal.aborted ? skipped(target) : await runStack(target, options);
      if (run.report.result === "skipped") options.progress.finished(run.report, []);
      return run;
    });
    runs.push(...results);
  }
  return runs;
}

/**
 * The SDK listens for `abort` only once the CLI process is spawned, and an AbortSignal that
 * aborted before that never fires again: a Ctrl-C between selecting the stack and spawning the
 * CLI would let the update run to the end. This view of the signal fires late listeners at once.
 */
function eagerSignal(signal: AbortSignal): AbortSignal {
  const view = {
    get aborted() {
      return signal.aborted;
    },
    addEventListener(type: string, listener: () => void, opts?: { once?: boolean }) {
      if (type === "abort" && signal.aborted) queueMicrotask(listener);
      else signal.addEventListener(type, listener, opts);
    },
    removeEventListener(type: string, listener: () => void) {
      signal.removeEventListener(type, listener);
    },
  };
  return view as unknown as AbortSignal;
}

function skipped(target: StackTarget): StackRun {
  const report: StackReport = { stack: target.stack, partner: target.partner, result: "skipped", changes: {}, resources: [], error: "not started: the run was cancelled" };
  return { report, warnings: [], notes: [] };
}

async function runStack(target: StackTarget, options: RunOptions): Promise<StackRun> {
  const { operation, signal } = options;
  let events = new StackEvents();
  let released: ResourceChange[] = [];
  let lifecycle: LifecycleRun | undefined;
  const notes: string[] = [];
  const base = { stack: target.stack, partner: target.partner };
  // The stack's deadline covers every try; past it, its CLI is cancelled like on a signal.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(DEADLINE), options.deadlineMs);
  timer.unref();
  try {
    await withLockRetry(
      options.retry,
      anySignal(signal, deadline.signal),
      async () => {
        // A fresh record per try: a try that met a lock reported nothing worth keeping.
        events = new StackEvents();
        options.progress.started(target, events);
        let stack: Stack;
        try {
          stack = await options.open(target, operation === "preview" || operation === "up");
        } catch (err) {
          // A stack already removed is an offboarding already done: resuming it is a success.
          if (operation === "destroy" && err instanceof StackNotFoundError) {
            notes.push(`no stack ${target.stack} in the backend: already offboarded, nothing to do`);
            return;
          }
          throw err;
        }
        // The transfer's step comes first: its ids are what the program outputs. Once per stack:
        // a try that met a lock must not send the invitation the first try sent.
        if (lifecycle === undefined) lifecycle = await options.lifecycle?.(target, stack);
        // The SDK adds an abort listener per operation and never removes it: give it a signal
        // of this try's own, linked to the run's, so listeners and their processes go with it.
        const tryController = new AbortController();
        const stopTry = () => tryController.abort();
        // A CLI that does not stop within the grace period after its deadline is told to
        // terminate (a second SIGINT): a hung provider must not hold the fleet forever.
        let grace: NodeJS.Timeout | undefined;
        const terminate = () => {
          grace = setTimeout(() => tryController.signal.dispatchEvent(new Event(TERMINATE)), options.deadlineGraceMs);
          grace.unref();
        };
        for (const s of [signal, deadline.signal]) {
          if (s.aborted) tryController.abort();
          else s.addEventListener("abort", stopTry, { once: true });
        }
        if (deadline.signal.aborted) terminate();
        else deadline.signal.addEventListener("abort", terminate, { once: true });
        try {
          const common = {
            onEvent: events.onEvent,
            signal: eagerSignal(tryController.signal),
            color: "never" as const,
            suppressProgress: true,
          };
          if (operation === "preview") await stack.preview(common);
          else if (operation === "up") {
            // The engine may create resources before it meets a protected one it must not
            // replace or delete: a stack holding protected resources is previewed first, and
            // updated only if the preview passes (refusal.ts).
            if (await options.holdsProtected(target, stack)) {
              await stack.preview(common);
              events = new StackEvents();
              options.progress.started(target, events);
            }
            await stack.up({ ...common, onEvent: events.onEvent });
          }
          else if (operation === "refresh") await (options.previewOnly ? stack.previewRefresh(common) : stack.refresh(common));
          else released = await options.offboard(target, stack, common);
        } finally {
          for (const s of [signal, deadline.signal]) s.removeEventListener("abort", stopTry);
          deadline.signal.removeEventListener("abort", terminate);
          if (grace) clearTimeout(grace);
        }
      },
      (n, delay) => options.progress.retrying(target, n, delay),
    );
  } catch (err) {
    const error = signal.aborted
      ? `cancelled: the operation was interrupted (${abortReason(signal)})`
      : deadline.signal.aborted
        ? `exceeded its deadline of ${formatDuration(options.deadlineMs)}: the operation was cancelled`
        : describeFailure(err, events, target, operation);
    const transfer = lifecycle === undefined ? {} : { transfer: lifecycle.transfer };
    return finish(options, { ...base, result: signal.aborted ? "cancelled" : "failed", changes: withLifecycle(events.changes(), lifecycle), resources: [...(lifecycle?.resources ?? []), ...events.changedResources()], error, ...transfer }, events, notes);
  } finally {
    clearTimeout(timer);
  }
  const transfer = lifecycle === undefined ? {} : { transfer: lifecycle.transfer };
  const changes = withLifecycle(withReleased(events.changes(), released), lifecycle);
  const drifted = [...(lifecycle?.resources ?? []), ...events.changedResources()];
  const resources = [...drifted, ...released];
  const found = changeCounts(changes);
  if (options.expectNoChanges && (found.length > 0 || drifted.length > 0)) {
    const what = found.length > 0 ? found.map(([op, n]) => `${op} ${n}`).join(", ") : `${drifted.length} resources drifted`;
    return finish(options, { ...base, result: "failed", changes, resources, error: `expected no changes, found: ${what}`, ...transfer }, events, notes);
  }
  return finish(options, { ...base, result: "succeeded", changes, resources, error: null, ...transfer }, events, notes);
}

/** Counts with the transfer step the lifecycle planned or took; a refresh's drift is not a step. */
function withLifecycle(changes: Record<string, number>, lifecycle: LifecycleRun | undefined): Record<string, number> {
  const steps = (lifecycle?.resources ?? []).filter((r) => r.op === "create" || r.op === "replace");
  if (steps.length === 0) return changes;
  const counted = { ...changes };
  for (const r of steps) counted[r.op] = (counted[r.op] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counted).sort(([a], [b]) => a.localeCompare(b)));
}

const DEADLINE = "deadline";

/** Counts with `release` for the resources offboarding released from the stack. */
function withReleased(changes: Record<string, number>, released: readonly ResourceChange[]): Record<string, number> {
  return released.length === 0 ? changes : Object.fromEntries(Object.entries({ ...changes, release: released.length }).sort(([a], [b]) => a.localeCompare(b)));
}

/** A signal aborted when either is, with the reason of the first. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  return AbortSignal.any([a, b]);
}

function finish(options: RunOptions, stackReport: StackReport, events: StackEvents, notes: readonly string[]): StackRun {
  const report = { ...stackReport, review: reviewItems(stackReport.stack, stackReport.resources, events.organization()) };
  const run = { report, warnings: [...events.warnings], notes: [...notes] };
  options.progress.finished(report, run.warnings);
  return run;
}

/** What went wrong, in the engine's words when it said anything, else the CLI's `error:` lines. */
function describeFailure(err: unknown, events: StackEvents, target: StackTarget, operation: Operation): string {
  if (err instanceof StackNotFoundError) {
    return `no stack ${target.stack} in the backend: nothing to ${operation}${operation === "refresh" ? "; run payerfleet up first" : ""}`;
  }
  // payerfleet's own words first: what a refused change would do in AWS, and what to do instead.
  const lines: string[] = [...refusals(events.changedResources()), ...events.errors];
  if (err instanceof CommandError) {
    for (const line of err.message.split("\n")) {
      const clean = cleanMessage(line);
      if (/^error:/i.test(clean) && !lines.some((l) => l.includes(clean.replace(/^error:\s*/i, "")))) lines.push(clean);
    }
    if (lines.length === 0) lines.push(lastWords(err.message));
  } else if (lines.length === 0) {
    lines.push(err instanceof Error ? cleanMessage(err.message) : String(err));
  }
  const text = lines.join("\n");
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/** The last meaningful lines of a CommandError's stderr. */
function lastWords(message: string): string {
  const stderr = /stderr:([\s\S]*?)(?:\n\s*err\?:|$)/.exec(message)?.[1] ?? message;
  const lines = stderr.split("\n").map(cleanMessage).filter((l) => l !== "" && !l.startsWith("Command failed"));
  return lines.slice(-3).join("\n") || "the Pulumi CLI failed without a message";
}

/** The signal's reason as the process adapter gave it (`SIGINT`, `SIGTERM`), for reports. */
export function abortReason(signal: AbortSignal): string {
  return typeof signal.reason === "string" ? signal.reason : "aborted";
}
