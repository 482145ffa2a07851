/**
 * The fleet operations and their defaults, Pulumi-free: the CLI reads them to describe its
 * options without loading the driver, which reads them to run.
 */

/** The fleet operations; each runs the Automation API operation of the same name per stack. */
export const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Two stacks at a time by default: each running stack is a Pulumi CLI process plus an AWS
 * provider process of ~300-430 MB, mostly CPU-bound while the program and diffs run, so a
 * 2-core CI runner is saturated by two. Raise it on bigger runners; the API calls themselves
 * are throttled per organization, so partners do not slow each other.
 */
export const DEFAULT_CONCURRENCY = 2;

/**
 * Each stack's time limit when `--deadline` is not given: long enough for `up` to create a
 * partner's hundreds of accounts (AWS creates five at a time, minutes each), short enough that a
 * hung provider does not hold a CI job until the runner's own timeout kills it uncleanly.
 */
export const DEFAULT_DEADLINE_MS: Readonly<Record<Operation, number>> = { preview: 30 * 60_000, refresh: 30 * 60_000, up: 2 * 3_600_000, destroy: 2 * 3_600_000 };

/** How long a CLI cancelled at its deadline may take to stop before it is told to terminate. */
export const DEADLINE_GRACE_MS = 60_000;

/** `90s`, `30m`, `2h`: how durations are given and shown. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** `90s`, `30m`, `2h` in milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(s|m|h)\s*$/.exec(text);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n === 0 ? undefined : n * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
}
