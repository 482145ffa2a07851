/**
 * Facts of a payer's organization that payerfleet relies on, whoever declares the resources.
 */

/** Services whose trusted access payerfleet's custody and monitoring depend on. */
export const TRUSTED_SERVICES = ["account.amazonaws.com", "cloudtrail.amazonaws.com", "iam.amazonaws.com"] as const;

/** Every OU the paths declare, parents included: `a/b` declares `a` and `a/b`. */
export function declaredOus(paths: readonly string[]): Set<string> {
  const all = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/");
    for (let n = 1; n <= parts.length; n++) all.add(parts.slice(0, n).join("/"));
  }
  return all;
}
