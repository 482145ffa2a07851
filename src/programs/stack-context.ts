import type { AcceptedTransfer } from "../components/billing/transfer-partner.ts";

/** What a stack program is, and what the driver knows of a stack before its program runs. */

export type StackProgram = () => Promise<Record<string, unknown>>;

export interface StackContext {
  /**
   * Ids of the resources already in the stack's state. An existing organization, OU or account
   * is adopted with `import` until it is there, and not after: the engine refuses to replace a
   * resource that still declares an import, even to say it is protected. Default: none.
   */
  readonly managedIds?: () => ReadonlySet<string>;
  /** A billing-transfer partner's accepted transfer, as AWS reports it. Default: not accepted yet. */
  readonly acceptedTransfer?: () => AcceptedTransfer | undefined;
  /** What the driver's billing-transfer lifecycle knows of the partner's transfer, for the stack's outputs. */
  readonly transferRecord?: () => TransferRecord | undefined;
}

/** A billing transfer's ids and stage, kept in the stack's outputs where a later run finds them. */
export interface TransferRecord {
  /** planned, invited, accepted, active, withdrawing, ended, declined, cancelled, expired or withdrawn (domain/billing-transfer/lifecycle.ts). */
  readonly stage: string;
  /** The transfer's id (`rt-...`), once there is one. */
  readonly transferId: string | null;
  /** The open invitation's handshake id (`h-...`), while there is one. */
  readonly handshakeId: string | null;
  /** The month the distributor pays from, as AWS holds it (or as planned). */
  readonly startMonth: string;
  /** The transfer's Billing Conductor billing group, once made (after the customer accepted). */
  readonly billingGroupArn: string | null;
  /** The partner's Partner Central relationship, once recorded (when the inventory asks for one). */
  readonly relationshipId: string | null;
}
