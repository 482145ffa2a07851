/**
 * Making an operation hang, so that tests can exercise a per-stack deadline and cancellation:
 * PAYERFLEET_STANDIN_HANG is a comma-separated list of `TYPE:METHOD` or `TYPE:METHOD@MS`,
 * e.g. `aws:organizations/organization:Organization:create` (forever) or
 * `aws:iam/role:Role:read@5000` (five seconds); TYPE `*` matches every type. A hang happens
 * before the operation touches the emulated AWS and never holds its lock, so other stacks go
 * on; the engine's cancellation (the provider's Cancel) ends every hang with an error.
 */
import { setTimeout as sleep } from "node:timers/promises";

interface Hang {
  type: string;
  method: string;
  ms?: number;
}

function parse(spec: string | undefined): Hang[] {
  return (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const [target, ms] = s.split("@");
      const cut = target!.lastIndexOf(":");
      return { type: target!.slice(0, cut), method: target!.slice(cut + 1), ...(ms === undefined ? {} : { ms: Number(ms) }) };
    });
}

const cancelled = new AbortController();

/** How long `method` on `type` must hang: undefined for not at all, Infinity for ever. */
export function hangFor(type: string, method: string): number | undefined {
  const hang = parse(process.env["PAYERFLEET_STANDIN_HANG"]).find((h) => (h.type === "*" || h.type === type) && h.method === method);
  return hang === undefined ? undefined : (hang.ms ?? Infinity);
}

/** Waits out a hang; rejects when the engine cancels. */
export async function hang(ms: number): Promise<void> {
  const forever = 2 ** 31 - 1;
  try {
    if (ms === Infinity) {
      // Re-armed in slices: a timer longer than 2^31-1 ms fires at once.
      for (;;) await sleep(forever, undefined, { signal: cancelled.signal });
    }
    await sleep(ms, undefined, { signal: cancelled.signal });
  } catch {
    throw new Error("aws stand-in: operation cancelled while it hung (the engine signalled cancellation)");
  }
}

/** The engine's Cancel: every hang, current and future, ends. */
export function cancelHangs(): void {
  cancelled.abort();
}
