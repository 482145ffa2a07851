/**
 * The process side of the fleet commands: real stdout/stderr, the environment, and signals.
 * SIGINT (Ctrl-C) and SIGTERM (a CI runner cancelling a job) both cancel every running
 * operation cleanly: each Pulumi CLI, in a process group of its own, gets one SIGINT and
 * releases its lock; stacks not yet started are skipped and the reports are still written. A
 * second signal stops at once: the CLIs are told to terminate, which may leave stacks locked.
 *
 * The handlers are installed before the driver (and Pulumi with it) is loaded, so that a signal
 * while it loads cancels the run too rather than killing payerfleet unannounced.
 */
import type { FleetOptions } from "../../automation/fleet.ts";
import { terminateRunningClis } from "../../automation/running/cli-processes.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

export async function runFleetFromCli(options: FleetOptions, io: CommandIo): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      terminateRunningClis();
      for (const s of SIGNALS) process.off(s, onSignal);
      process.kill(process.pid, signal);
      return;
    }
    io.stderr(`\npayerfleet ${options.operation}: ${signal}: cancelling the running operations (a second signal stops at once, which may leave stacks locked)\n`);
    controller.abort(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    const { runFleetCommand } = await import("../../automation/fleet.ts");
    return await runFleetCommand(options, { ...io, signal: controller.signal, loadInventory: async (file) => (await loadOrThrow(io, file)).inventory });
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}
