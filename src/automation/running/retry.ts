/**
 * Bounded retry of a stack operation while its stack is locked. The file and S3 backends lock
 * per stack and Pulumi Cloud answers 409 while another update runs: the SDK raises
 * `ConcurrentUpdateError` for both, and it is the one error worth waiting out; so is its file
 * backend twin, a checkpoint read while the update holding the lock writes it ("failed to load
 * checkpoint: EOF", met on the real engine by two ups of one stack). Any other `CommandError`
 * (a provider error, a bad program) fails at once.
 */
import { CommandError, ConcurrentUpdateError } from "@pulumi/pulumi/automation/index.js";

/** A checkpoint caught half-written by the update that holds the stack's lock. */
const CHECKPOINT_IN_FLIGHT = /failed to load checkpoint: (EOF|unexpected end of JSON input)/;

function anotherUpdate(err: unknown): boolean {
  return err instanceof ConcurrentUpdateError || (err instanceof CommandError && CHECKPOINT_IN_FLIGHT.test(err.message));
}

export interface RetryPolicy {
  /** Tries in all, the first included. Default 5. */
  readonly tries: number;
  /** Wait before the second try, in ms; doubled before each further try. Default 2000. */
  readonly baseDelayMs: number;
}

/** Resolves after `ms`, or at once when the signal aborts (without rejecting). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs `attempt(n)` until it succeeds, fails with anything but a lock, the tries run out, or
 * the signal aborts; the last error is thrown. Waits grow exponentially with up to 50% jitter,
 * so shards that met on one lock do not meet again.
 */
export async function withLockRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal,
  attempt: (n: number) => Promise<T>,
  onRetry?: (n: number, delayMs: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!anotherUpdate(err) || n >= policy.tries || signal.aborted) throw err;
      const delay = Math.round(policy.baseDelayMs * 2 ** (n - 1) * (1 + Math.random() * 0.5));
      onRetry?.(n, delay);
      await sleep(delay, signal);
      if (signal.aborted) throw err;
    }
  }
}
