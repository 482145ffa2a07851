/**
 * Small helpers shared by the stand-in's modules: URNs, the engine's unknown sentinel, value
 * comparison and id generation.
 */
import { randomBytes, randomInt } from "node:crypto";

export type Props = Record<string, unknown>;

/**
 * The string the engine sends for a value not known yet (a preview of a resource whose input
 * is another resource's output). The engine only sends it during previews.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value is, or contains, an unknown: nothing can be validated or compared yet. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}

/**
 * The resource type of a URN (`urn:pulumi:stack::project::parent$type::name`): the qualified
 * type is the third `::` part, and a child's type is the last `$` segment of it.
 */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

/** The resource's name in the program: everything after the third `::`. */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** Deep equality of JSON values, ignoring object key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Props)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Props)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual((a as Props)[k], (b as Props)[k]));
  }
  return false;
}

/**
 * Two policy documents (or event patterns) compare as JSON, not as text: the real provider
 * suppresses diffs between equivalent documents, so reformatting one must not show a change.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") {
    try {
      return deepEqual(JSON.parse(a), JSON.parse(b));
    } catch {
      return a === b;
    }
  }
  return deepEqual(a, b);
}

/** Characters other than whitespace, as IAM counts a policy against its quotas. */
export function nonWhitespaceLength(text: string): number {
  return text.replace(/\s/g, "").length;
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `n` random characters of [a-z0-9], as AWS's generated ids use. */
export function randomLowerAlnum(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += LOWER_ALNUM[randomInt(LOWER_ALNUM.length)];
  return out;
}

/** `n` random digits. */
export function randomDigits(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

/** An IAM unique id (`AROA...`, `ANPA...`): a prefix and 17 upper-case alphanumerics. */
export function iamUniqueId(prefix: string): string {
  const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let out = prefix;
  for (let i = 0; i < 17; i++) out += upper[randomInt(upper.length)];
  return out;
}

/** A request id as AWS SDK errors show them. */
export function requestId(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Parses a value that may have reached the plugin JSON-encoded (provider configuration). */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
