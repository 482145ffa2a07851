/**
 * What a person sees while the fleet runs, on stderr (stdout keeps the final table): on a
 * terminal, finished stacks scroll by above a status line redrawn in place; in CI (no TTY),
 * one plain line per event worth logging, so the job log reads top to bottom.
 */
import type { StackEvents } from "../events/events.ts";
import type { Operation } from "../operations.ts";
import { changeCounts, type StackReport } from "./report.ts";
import type { ProgressSink } from "../running/runner.ts";
import type { StackTarget } from "../running/selection.ts";
import { visible } from "../../text/characters.ts";
import { plural } from "../../text/plural.ts";

export interface Progress extends ProgressSink {
  /** Stops redrawing and clears the status line. */
  close(): void;
}

interface Running {
  readonly since: number;
  readonly events: StackEvents;
}

/**
 * `create 1, update 2` or `no changes`. A stack that failed or was cancelled before the
 * engine's summary may have counted no step while its changed resources were seen: those are
 * counted instead, so that a report never says "no changes" above a list of changes.
 */
export function describeChanges(report: StackReport): string {
  let counts = changeCounts(report.changes);
  if (counts.length === 0 && report.resources.length > 0) {
    const byOp: Record<string, number> = {};
    for (const r of report.resources) byOp[r.op] = (byOp[r.op] ?? 0) + 1;
    counts = changeCounts(byOp);
  }
  const changes = counts.length === 0 ? "no changes" : counts.map(([op, n]) => `${op} ${n}`).join(", ");
  return report.transfer === undefined ? changes : `${changes}; billing transfer ${report.transfer.stage}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function createProgress(options: {
  readonly operation: Operation;
  readonly total: number;
  readonly write: (text: string) => void;
  readonly tty: boolean;
  /** Redacts what must never be printed. */
  readonly redact: (text: string) => string;
}): Progress {
  const { total, tty, redact } = options;
  const running = new Map<string, Running>();
  let done = 0;
  let statusShown = false;
  const width = String(total).length;
  const write = (text: string) => options.write(redact(text));

  const clearStatus = () => {
    if (statusShown) write("\r\u001b[2K");
    statusShown = false;
  };
  const drawStatus = () => {
    if (!tty || running.size === 0) return clearStatus();
    const now = Date.now();
    const stacks = [...running.entries()]
      .slice(0, 6)
      .map(([stack, r]) => `${stack} ${seconds(now - r.since)} (${r.events.events} events)`)
      .join(" · ");
    const more = running.size > 6 ? ` · +${running.size - 6} more` : "";
    const columns = process.stderr.columns || 120;
    const line = `${options.operation}: ${done}/${total} done, running ${stacks}${more}`;
    write(`\r\u001b[2K${line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line}`);
    statusShown = true;
  };
  const log = (line: string) => {
    clearStatus();
    write(`${line}\n`);
    drawStatus();
  };
  const timer = tty ? setInterval(drawStatus, 250) : undefined;
  timer?.unref();

  return {
    started(target: StackTarget, events: StackEvents) {
      if (!running.has(target.stack) && !tty) log(`${options.operation} ${target.stack}: started`);
      running.set(target.stack, { since: running.get(target.stack)?.since ?? Date.now(), events });
    },
    retrying(target: StackTarget, attempt: number, delayMs: number) {
      log(`${options.operation} ${target.stack}: the stack is locked by another update; try ${attempt + 1} in ${seconds(delayMs)}`);
    },
    finished(report: StackReport, warnings: string[]) {
      const since = running.get(report.stack)?.since;
      running.delete(report.stack);
      done++;
      const took = since === undefined ? "" : ` (${seconds(Date.now() - since)})`;
      // The engine's text is data: one line, its control characters shown, never run by the terminal.
      const what = report.result === "succeeded" ? describeChanges(report) : visible((report.error ?? "").split(/\r?\n/)[0]!);
      const warned = warnings.length > 0 ? `, ${plural(warnings.length, "warning")}` : "";
      log(`[${String(done).padStart(width)}/${total}] ${report.stack}: ${report.result}: ${what}${warned}${took}`);
    },
    close() {
      if (timer) clearInterval(timer);
      clearStatus();
    },
  };
}
