/**
 * AWS Account Management: an account's alternate contacts. Global. The real provider's id is
 * the contact type, or `accountId,TYPE` when it sets another account's contact.
 */
import { recordsOf, removeRecord } from "../records.ts";
import type { ResourceType } from "../types.ts";
import { creating, refuse, str } from "./common.ts";

const TYPES = ["BILLING", "OPERATIONS", "SECURITY"];

export const alternativeContact: ResourceType = {
  token: "aws:account/alternativeContact:AlternativeContact",
  api: { service: "Account", noun: "Account Alternate Contact", create: "PutAlternateContact", update: "PutAlternateContact" },
  regional: false,
  inputs: ["accountId", "alternateContactType", "name", "title", "emailAddress", "phoneNumber"],
  forceNew: ["accountId", "alternateContactType"],
  required: ["alternateContactType", "name", "title", "emailAddress", "phoneNumber"],
  create(ctx, inputs) {
    const type = str(inputs["alternateContactType"]);
    const accountId = str(inputs["accountId"]);
    const id = accountId === "" ? type : `${accountId},${type}`;
    if (!TYPES.includes(type))
      refuse(
        creating(alternativeContact, id),
        "ValidationException",
        `1 validation error detected: Value '${type}' at 'alternateContactType' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(", ")}]`,
      );
    // PutAlternateContact replaces the contact of that type.
    const existing = recordsOf(ctx, alternativeContact.token).find((r) => r.id === id);
    if (existing) removeRecord(ctx.state, existing);
    return { id, properties: { ...inputs } };
  },
};
