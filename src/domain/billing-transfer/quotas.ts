/**
 * Billing transfer's quotas (Billing user guide, orgs_transfer_billing-quotas.html; Service
 * Quotas, us-east-1), and how many more invitations a bill-transfer account can send.
 */

/** AWS's hard limit of inbound billing transfers per bill-transfer account. */
export const MAX_INBOUND_TRANSFERS = 1000;

/** The default inbound quota of an account that has not asked for more. */
export const DEFAULT_INBOUND_TRANSFERS = 0;

/** What Service Quotas says of one bill-transfer account; undefined where it could not be read. */
export interface TransferQuotas {
  readonly inbound?: number;
  readonly chainLength?: number;
}

/**
 * How many more invitations fit: a sent invitation counts against the inbound quota until it
 * ends, so `live` counts invited, accepted and active transfers alike.
 */
export function invitationsThatFit(quotas: TransferQuotas, live: number): number {
  const limit = Math.min(quotas.inbound ?? DEFAULT_INBOUND_TRANSFERS, MAX_INBOUND_TRANSFERS);
  return Math.max(0, limit - live);
}
