/**
 * The Pulumi CLI processes payerfleet has running, Pulumi-free, so that the process side of
 * the CLI can stop them on a second signal without loading the driver.
 */
import type { ChildProcess } from "node:child_process";

/** The event on an operation's signal that tells its CLI, already cancelling, to terminate. */
export const TERMINATE = "terminate";

const running = new Set<ChildProcess>();

export function track(child: ChildProcess): () => void {
  running.add(child);
  return () => running.delete(child);
}

/** Sends every running CLI a second SIGINT: the CLI then terminates at once, as it does on a second Ctrl-C. */
export function terminateRunningClis(): void {
  for (const child of running) child.kill("SIGINT");
}
