/**
 * The passphrase is never printed: payerfleet leaves it to the Pulumi CLI, which reads it from
 * the environment, and scrubs it from everything it writes anyway, in case a CLI or provider
 * error ever echoes it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const REDACTED = "[redacted]";
/** Shorter values would scrub ordinary words out of the reports; shorter passphrases are refused. */
export const MIN_PASSPHRASE_LENGTH = 8;
/** The shortest prefix of a secret, cut by a bound, that is still scrubbed before the `…`. */
const MIN_CUT_PREFIX = 4;

export type Redact = (text: string) => string;

/** JSON's escaping of a string, without the quotes. */
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
/** Go's encoding/json (the Pulumi CLI's) also escapes `<`, `>` and `&`, for HTML's sake. */
const goJsonEscaped = (s: string) => jsonEscaped(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
/** JSON written ASCII-only: every other character as a `\uXXXX` escape. */
const asciiJsonEscaped = (s: string) => goJsonEscaped(s).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * A redactor for the passphrase of `env` (directly or through its file, named relative to
 * `cwd`). A message can carry the passphrase escaped, so each form is scrubbed like the
 * passphrase itself: inside JSON (the reports, the engine's events, escaped once or twice, the
 * Go way or ASCII-only), quoted for a shell, or in a YAML single-quoted scalar.
 */
export function passphraseRedactor(env: NodeJS.ProcessEnv, cwd = process.cwd()): Redact {
  const secrets: string[] = [];
  const direct = env["PULUMI_CONFIG_PASSPHRASE"];
  if (direct) secrets.push(direct);
  const file = env["PULUMI_CONFIG_PASSPHRASE_FILE"];
  if (file) {
    try {
      const text = readFileSync(resolve(cwd, file), "utf8");
      secrets.push(text, text.trim());
    } catch {
      // Unreadable: reported before anything runs.
    }
  }
  const forms = secrets.flatMap((s) => [
    s,
    jsonEscaped(s),
    jsonEscaped(jsonEscaped(s)),
    goJsonEscaped(s),
    asciiJsonEscaped(s),
    s.replace(/'/g, `'\\''`),
    s.replace(/'/g, "''"),
  ]);
  const scrub = [...new Set(forms.filter((s) => s.length >= MIN_PASSPHRASE_LENGTH))].sort((a, b) => b.length - a.length);
  if (scrub.length === 0) return (text) => text;
  return (text) => scrubCutSecrets(scrub.reduce((out, secret) => out.split(secret).join(REDACTED), text), scrub);
}

/**
 * Messages and values are cut to a bound with a trailing `…` before they reach the redactor: a
 * secret cut there survives as a prefix, which whole-secret scrubbing cannot see.
 */
function scrubCutSecrets(text: string, secrets: readonly string[]): string {
  if (!text.includes("…")) return text;
  return text.replace(/([^…]*)…/g, (match, before: string) => {
    for (const secret of secrets) {
      for (let n = Math.min(before.length, secret.length - 1); n >= MIN_CUT_PREFIX; n--) {
        if (secret.startsWith(before.slice(-n))) return `${before.slice(0, -n)}${REDACTED}…`;
      }
    }
    return match;
  });
}

/** A copy of a value with every string (keys included) redacted; Maps keep their type. */
export function redactDeep<T>(value: T, redact: Redact): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return new Map([...v.entries()].map(([k, x]) => [walk(k), walk(x)]));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
