/**
 * The process side of the fleet commands: real stdout/stderr, the environment, and SIGINT.
 * The first Ctrl-C aborts every running operation cleanly (the CLI releases its locks) and the
 * report is still written; a second one stops payerfleet at once.
 */
import { loadOrReport } from "../cli/inventory-option.ts";
import type { FleetArgs } from "../cli/fleet-op.ts";
import { runFleetCommand } from "./fleet.ts";
import type { Operation } from "./report.ts";

export async function runFleetFromCli(operation: Operation, args: FleetArgs): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.off("SIGINT", onSigint);
      process.kill(process.pid, "SIGINT");
      return;
    }
    process.stderr.write(`\npayerfleet ${operation}: cancelling the running operations (Ctrl-C again to stop at once, which may leave stacks locked)\n`);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    return await runFleetCommand(
      {
        operation,
        inventory: args.inventory,
        partners: args.partner,
        changedSince: args.changedSince,
        shard: args.shard,
        concurrency: args.concurrency,
        backend: args.backend,
        secretsProvider: args.secretsProvider,
        pulumiRoot: args.pulumiRoot,
        json: args.json,
        markdown: args.markdown,
        expectNoChanges: args.expectNoChanges ?? false,
        previewOnly: args.previewOnly ?? false,
        confirmDestroy: args.yesDestroyPartner ?? [],
        lockTries: args.lockRetries,
        lockRetryDelayMs: args.lockRetryDelay,
      },
      {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        stderrIsTTY: process.stderr.isTTY === true,
        env: process.env,
        cwd: process.cwd(),
        signal: controller.signal,
        // From a terminal, Ctrl-C reaches the Pulumi CLIs (same process group) by itself.
        forwardCancel: process.stdin.isTTY !== true,
        loadInventory: loadOrReport,
      },
    );
  } finally {
    process.off("SIGINT", onSigint);
  }
}
