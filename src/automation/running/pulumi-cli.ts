/**
 * Finds the Pulumi CLI that the Automation API drives: `--pulumi-root DIR` (an install root,
 * holding `bin/pulumi`, as the SDK's `PulumiCommand.get` expects) or `pulumi` on PATH. Found
 * once and shared by every workspace, so the fleet runs `pulumi version` once, not per stack.
 *
 * Every CLI process runs in a process group of its own. A CI runner cancelling a job signals
 * the whole group (SIGTERM); a terminal's Ctrl-C sends SIGINT to the foreground group. Either
 * reaching the CLI directly would stop it the wrong way: SIGTERM kills it at once, leaving its
 * stack locked and its provider plugins running; a second SIGINT (the CLI's own, plus the one
 * the driver sends to cancel) makes it terminate instead of cancel. Out of the group, the CLI
 * hears only payerfleet: one SIGINT to cancel cleanly, as the CLI cancels itself, and a second
 * only when the user insists.
 */
import { spawn } from "node:child_process";
import { TERMINATE, track } from "./cli-processes.ts";
import { createRequire } from "node:module";
import { delimiter, dirname, isAbsolute, join } from "node:path";
import { PulumiCommand, type CommandError } from "@pulumi/pulumi/automation/index.js";
import { InputError } from "../../io/errors.ts";

const INSTALL_URL = "https://www.pulumi.com/docs/install/";

{ TERMINATE };

/** The CLI could not be found or run: bad input for payerfleet, exit 2, nothing run. */
/** No usable Pulumi CLI: bad input, reported with the rest. */
export class PulumiCliMissingError extends InputError {
  override name = "PulumiCliMissingError";
  constructor(message: string) {
    super([message]);
  }
}

/** What the SDK's `PulumiCommand.run` resolves to (internal to the SDK, so not in its types). */
interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

// The SDK's own result type, and its mapping of a failed command to its typed errors
// (ConcurrentUpdateError, StackNotFoundError, ...), which the driver catches by class.
const sdk = createRequire(import.meta.url);
const { CommandResult: SdkCommandResult } = sdk("@pulumi/pulumi/automation/cmd.js") as {
  CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => CommandResult;
};
const { createCommandError } = sdk("@pulumi/pulumi/automation/errors.js") as { createCommandError: (result: CommandResult) => CommandError };

/** The SDK's internal `PulumiCommand.run`, which every workspace and stack operation calls. */
type Run = (
  args: string[],
  cwd: string,
  additionalEnv: Record<string, string>,
  onOutput?: (data: string) => void,
  onError?: (data: string) => void,
  signal?: AbortSignal,
) => Promise<CommandResult>;

/**
 * The SDK's `run`, with the CLI in its own process group. Same contract: output streamed to
 * `onOutput`/`onError`, `--non-interactive` added, the CLI's folder first on PATH (for its
 * bundled plugins), a failure thrown as the SDK's typed error; an abort sends one SIGINT.
 */
function detachedRun(command: string): Run {
  return async (args, cwd, additionalEnv, onOutput, onError, signal) => {
    if (!args.includes("--non-interactive")) args.push("--non-interactive");
    const env: Record<string, string | undefined> = { ...process.env, ...additionalEnv, PULUMI_AUTOMATION_API: "true" };
    if (isAbsolute(command)) env["PATH"] = `${dirname(command)}${delimiter}${additionalEnv["PATH"] ?? process.env["PATH"] ?? ""}`;
    return new Promise<CommandResult>((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      const untrack = track(child);
      const abort = () => child.kill("SIGINT");
      // A second SIGINT, for a CLI that did not stop in time after the first: it terminates.
      const terminate = () => child.kill("SIGINT");
      if (signal?.aborted) abort();
      else signal?.addEventListener("abort", abort, { once: true });
      signal?.addEventListener(TERMINATE, terminate, { once: true });
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        onOutput?.(d);
      });
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        onError?.(d);
      });
      const settle = (result: CommandResult) => {
        untrack();
        signal?.removeEventListener("abort", abort);
        signal?.removeEventListener(TERMINATE, terminate);
        if (result.code === 0) resolve(result);
        else reject(createCommandError(result));
      };
      child.on("error", (err) => settle(new SdkCommandResult(stdout, `${stderr}${err.message}`, -2, err)));
      child.on("close", (code, killedBy) => settle(new SdkCommandResult(stdout, stderr, code ?? (killedBy === null ? -2 : 128 + signalNumber(killedBy)))));
    });
  };
}

function signalNumber(name: NodeJS.Signals): number {
  return { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[name as string] ?? 1;
}

export async function findPulumi(root: string | undefined): Promise<PulumiCommand> {
  let found: PulumiCommand;
  try {
    found = await PulumiCommand.get(root === undefined ? {} : { root });
  } catch (err) {
    const where = root === undefined ? "`pulumi` on PATH" : join(root, "bin", "pulumi");
    const reason = err instanceof Error && /ENOENT|not found|EACCES/.test(err.message) ? "" : ` (${firstLine(err)})`;
    throw new PulumiCliMissingError(
      [
        `the Pulumi CLI is needed for this command and was not found at ${where}${reason}.`,
        `Install it (${INSTALL_URL}), e.g. \`curl -fsSL https://get.pulumi.com | sh\`, or name an install root with --pulumi-root DIR.`,
        "To see the desired state of every stack without the Pulumi CLI or any cloud access, run `payerfleet plan`.",
      ].join("\n"),
    );
  }
  // The SDK's constructor is private: the same object, with `run` replaced.
  return Object.assign(Object.create(PulumiCommand.prototype) as PulumiCommand, { command: found.command, version: found.version, run: detachedRun(found.command) });
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split("\n").find((l) => /error|version/i.test(l)) ?? text.split("\n")[0] ?? "";
  return line.trim().slice(0, 300);
}
