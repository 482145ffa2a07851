/**
 * Secret values in what payerfleet shows: the Pulumi engine and SDK mark a secret on the wire
 * with one signature key, and every report, plan and diff shows it as one marker.
 */

/** What a report shows in place of a secret value. */
export const SECRET_MASK = "[secret]";

/** The signature key and value Pulumi marks a secret with, in JSON state and on the wire. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether `value` is a Pulumi secret as the engine or the SDK serialises one. */
export function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** `value` with every secret in it replaced by {@link SECRET_MASK}, however deep. */
export function maskSecrets(value: unknown): unknown {
  if (isSecret(value)) return SECRET_MASK;
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v)]));
  return value;
}
