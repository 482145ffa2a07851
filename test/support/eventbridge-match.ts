/**
 * EventBridge pattern matching by an independent implementation: moto's (Python), run in a
 * child process. Patterns are passed as the JSON text the rules are given.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./eventbridge-match.py", import.meta.url));

/** For each event, the names of the patterns that match it, sorted. */
export function matchEvents(patterns: Readonly<Record<string, string>>, events: Readonly<Record<string, unknown>>): Record<string, string[]> {
  const run = spawnSync("python3", [SCRIPT], { input: JSON.stringify({ patterns, events }), encoding: "utf8" });
  if (run.error !== undefined) throw new Error(`cannot run python3 with moto: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`moto's EventBridge matcher failed (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string[]>;
}
