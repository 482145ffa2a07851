/**
 * What Billing Conductor costs a bill-transfer account a month: it bills every account placed in
 * any of its billing groups, tiered across them all (AWS Billing Conductor pricing page, since
 * June 2023): the first 500 at $8.25, the next 1,500 at $6.75, every one beyond 2,000 at $5.25.
 * New users have 62 free days; whether transfer billing groups are charged at all is not
 * confirmed by AWS, so payerfleet calls this an estimate.
 */

export const CONDUCTOR_TIERS: readonly { readonly upTo: number; readonly usd: number }[] = [
  { upTo: 500, usd: 8.25 },
  { upTo: 2000, usd: 6.75 },
  { upTo: Infinity, usd: 5.25 },
];

/** The monthly charge, in USD, for `accounts` accounts in billing groups, to the cent. */
export function conductorMonthlyUsd(accounts: number): number {
  let cents = 0;
  let from = 0;
  for (const tier of CONDUCTOR_TIERS) {
    const inTier = Math.max(0, Math.min(accounts, tier.upTo) - from);
    cents += inTier * Math.round(tier.usd * 100);
    from = tier.upTo;
  }
  return cents / 100;
}
