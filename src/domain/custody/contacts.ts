/**
 * How payerfleet compares contact details: the inventory's as people write them against AWS's
 * as AWS stores them. One set of rules for `preview` and `audit`, so the two never disagree
 * about whether a phone or an e-mail is the one recorded.
 */

/** Phone numbers as AWS stores them differ from how people write them: only `+` and digits count. */
export function samePhone(a: string, b: string): boolean {
  const digits = (p: string) => p.replace(/[^+0-9]/g, "");
  return digits(a) === digits(b);
}

/** E-mail addresses are compared case-insensitively, as the mail systems AWS uses treat them. */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Names people type: surrounding spaces do not make another name. */
export function sameName(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/**
 * An address is on a domain when it is that domain or a subdomain of it. `endsWith` on the
 * whole address, not a sliced domain: `validate` runs this once per account of fleets of 100,000.
 */
export function onDomains(email: string, domains: readonly string[]): boolean {
  const address = email.toLowerCase();
  return domains.some((d) => address.endsWith(`@${d}`) || address.endsWith(`.${d}`));
}
