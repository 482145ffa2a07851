/**
 * What the operator does about each reason AWS Organizations gives for refusing a transfer
 * invitation or withdrawal (HandshakeConstraintViolationException, ConstraintViolationException
 * and InvalidInputException reasons; see the Billing user guide, orgs_transfer_billing*.html).
 * A reason not listed here is shown as AWS worded it.
 */
const ACTIONS: Readonly<Record<string, string>> = {
  LEGACY_PERMISSIONS_STILL_IN_USE:
    "the customer's organization still uses the retired aws-portal:* billing permissions: the customer replaces them with the fine-grained billing actions (bootstrap's checklist), then run up again",
  UNUSED_PREPAYMENT_BALANCE: "the customer's organization has an unused prepayment (advance pay) balance: the customer uses it up or asks AWS to refund it, then run up again",
  ORGANIZATION_FROM_DIFFERENT_SELLER_OF_RECORD:
    "the customer's organization buys from another AWS seller of record (e.g. AWS Europe, AWS India) than the bill-transfer account: use a bill-transfer account of the same seller of record",
  MANAGEMENT_ACCOUNT_EMAIL_NOT_VERIFIED: "the customer's management account has not verified its root e-mail address: the customer verifies it in the console, then run up again",
  RESPONSIBILITY_TRANSFER_ALREADY_EXISTS:
    "the customer's organization already transfers its bill, to this or another account: find it with audit; a transfer to someone else must be withdrawn by its parties first",
  SOURCE_AND_TARGET_CANNOT_MATCH: "the customer's management account is the bill-transfer account itself: correct managementAccountId or billTransferAccount",
  HANDSHAKE_RATE_LIMIT_EXCEEDED: "AWS's daily limit of handshakes was reached (AWS does not publish it): run up again tomorrow",
  ORGANIZATION_NOT_IN_ALL_FEATURES_MODE: "the customer's organization does not have all features enabled: the customer enables all features, then run up again",
  ACCOUNT_NOT_ACTIVE_FOR_TRANSFER_RESPONSIBILITY: "the customer's management account is not active (suspended or closed): it cannot transfer its bill",
  ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS: "another transfer of this organization is in progress: wait for it to be accepted, declined or cancelled",
  RESPONSIBILITY_TRANSFER_MAX_INBOUND_QUOTA_VIOLATION:
    "the bill-transfer account has no inbound billing transfers left (Service Quotas, us-east-1; the default is 0): request an increase, or move the partner to another bill-transfer account",
  RESPONSIBILITY_TRANSFER_MAX_LEVEL_VIOLATION:
    "the transfer would make a chain longer than the bill-transfer account's quota (default 1, at most 2): the customer's organization already pays for another's bill, or this account transfers its own",
  RESPONSIBILITY_TRANSFER_MAX_OUTBOUND_QUOTA_VIOLATION: "the customer's organization already transfers its bill (an organization has at most one outbound transfer)",
  RESPONSIBILITY_TRANSFER_MAX_TRANSFERS_QUOTA_VIOLATION:
    "the aggregate limit of 1,000 inbound transfers is reached: move partners to another bill-transfer account",
  UNSUPPORTED_PRICING: "AWS does not support this pricing for billing transfer: choose basic, passthrough or a custom plan Billing Conductor supports",
  TRANSFER_RESPONSIBILITY_SOURCE_DELETION_IN_PROGRESS: "the customer's organization is being deleted",
  TRANSFER_RESPONSIBILITY_TARGET_DELETION_IN_PROGRESS: "the bill-transfer account's organization is being deleted",
  START_DATE_NOT_BEGINNING_OF_MONTH: "a transfer starts at 00:00 UTC on the first day of a month: this is a defect of payerfleet, please report it",
  START_DATE_NOT_BEGINNING_OF_DAY: "a transfer starts at 00:00 UTC on the first day of a month: this is a defect of payerfleet, please report it",
  START_DATE_TOO_EARLY: "the start month is too close for the customer to accept: set a later startMonth",
  START_DATE_TOO_LATE: "AWS does not take invitations that far ahead: set an earlier startMonth, or invite later",
  END_DATE_NOT_END_OF_MONTH: "a withdrawal ends at 23:59:59.999 UTC on the last day of a month: this is a defect of payerfleet, please report it",
  END_DATE_TOO_EARLY: "the withdrawal cannot end that soon: choose a later month",
  END_DATE_TOO_LATE: "the withdrawal cannot end that late: choose an earlier month",
  INVALID_END_DATE:
    "the withdrawal does not meet the terms of the partner agreement: a Partner Central service period (minimum notice or fixed commitment) forbids ending then; choose a month the service period allows",
};

/** The operator's next move for `reason`, or undefined when payerfleet knows no better than AWS's words. */
export function reasonAction(reason: string | undefined): string | undefined {
  return reason === undefined ? undefined : ACTIONS[reason];
}
