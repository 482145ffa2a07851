import { expect } from "chai";
import { createRequire } from "node:module";
import { withLockRetry } from "../../../src/automation/running/retry.ts";

// The SDK's own (untyped, internal) constructors, so that each error is classified as the SDK does.
const sdk = createRequire(import.meta.url);
const { CommandResult } = sdk("@pulumi/pulumi/automation/cmd.js") as { CommandResult: new (stdout: string, stderr: string, code: number) => unknown };
const { createCommandError } = sdk("@pulumi/pulumi/automation/errors.js") as { createCommandError: (result: unknown) => Error };

/** An error as the Automation API raises it from the CLI's stderr. */
const failure = (stderr: string) => createCommandError(new CommandResult("", stderr, 255));
const policy = { tries: 3, baseDelayMs: 1 };

/** Tries `attempt` under the retry, failing with `errors` in turn; resolves to the tries made and how it ended. */
async function tries(errors: Error[]): Promise<[number, string]> {
  let n = 0;
  try {
    await withLockRetry(policy, new AbortController().signal, async () => {
      const err = errors[n++];
      if (err !== undefined) throw err;
      return "done";
    });
    return [n, "succeeded"];
  } catch (err) {
    return [n, (err as Error).constructor.name];
  }
}

describe("the retry of a locked stack", () => {
  it("waits out another update's lock, and its half-written checkpoint, and nothing else", async () => {
    const locked = failure("error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.");
    const inFlight = failure("error: failed to load checkpoint: EOF");
    expect(await tries([locked, inFlight])).to.deep.equal([3, "succeeded"]);
    expect(await tries([locked, locked, locked])).to.deep.equal([3, "ConcurrentUpdateError"]);
    expect(await tries([failure("error: aws:iam/role:Role resource 'x': AccessDenied")])).to.deep.equal([1, "CommandError"]);
    expect(await tries([failure("error: failed to load checkpoint: invalid character 'x' looking for beginning of value")])).to.deep.equal([1, "CommandError"]);
  });
});
