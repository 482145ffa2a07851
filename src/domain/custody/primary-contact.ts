/**
 * Custody checks that need no AWS call, shared by the components and `plan`. The customer owns
 * the payer's primary contact (its phone resets the root MFA): payerfleet compares, never
 * writes.
 */
import { sameName, samePhone } from "./contacts.ts";

/** The primary contact as the distributor recorded it with the customer. */
export interface PrimaryContact {
  readonly phoneNumber: string;
  readonly fullName?: string;
  readonly companyName?: string;
}

/** The primary contact as AWS reports it; undefined fields were not read. */
export interface PrimaryContactRead {
  readonly phoneNumber?: string;
  readonly fullName?: string;
  readonly companyName?: string;
}

export function primaryContactWarnings(expected: PrimaryContact | undefined, actual: PrimaryContactRead): string[] {
  if (expected === undefined) {
    return ["primary contact: none in the inventory, so the customer's phone (which resets the root MFA) is not verified"];
  }
  if (actual.phoneNumber === undefined) {
    return ["primary contact: not read from AWS in an offline plan; preview and up compare it with the inventory"];
  }
  const warnings: string[] = [];
  if (!samePhone(actual.phoneNumber, expected.phoneNumber)) {
    warnings.push(
      `primary contact: the phone in AWS (${actual.phoneNumber}) is not the inventory's (${expected.phoneNumber}); ` +
        "the customer owns it, so payerfleet will not overwrite it: confirm with the customer and correct whichever is wrong",
    );
  }
  for (const field of ["fullName", "companyName"] as const) {
    const want = expected[field];
    const got = actual[field];
    if (want !== undefined && got !== undefined && !sameName(want, got)) {
      warnings.push(`primary contact: ${field} in AWS (${got}) is not the inventory's (${want})`);
    }
  }
  return warnings;
}
