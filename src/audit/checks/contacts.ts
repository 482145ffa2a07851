/**
 * The payer's contacts against the inventory. The primary contact's phone resets the root MFA,
 * so under split custody it must be the customer's: it is compared, never written. Alternate
 * contacts are checked for the types the inventory declares; others are left as they are.
 */
import { sameEmail, sameName, samePhone } from "../../domain/custody/contacts.ts";
import { CONTACT_TYPES, type AlternateContact, type ContactType } from "../../inventory/schema.ts";
import type { AlternateContactType } from "../payer-api.ts";
import { couldNotCheck, fail, pass } from "../report.ts";
import type { CheckContext, CheckGroup } from "./group.ts";

const PRIMARY = "primary-contact";

export function contactChecks(ctx: CheckContext): CheckGroup[] {
  const alternates = ctx.partner.payer.alternateContacts ?? {};
  return [primaryContact(ctx), ...CONTACT_TYPES.flatMap((type) => (alternates[type] === undefined ? [] : [alternateContact(type, alternates[type])]))];
}

function primaryContact(ctx: CheckContext): CheckGroup {
  return {
    ids: [PRIMARY],
    async run(api) {
      const expected = ctx.partner.payer.primaryContact;
      // Without a recorded phone there is nothing to prove the customer holds it.
      if (expected === undefined) {
        return [couldNotCheck(PRIMARY, "the inventory records no payer.primaryContact to compare with")];
      }
      const actual = await api.contactInformation();
      const differences = [
        samePhone(actual.phoneNumber ?? "", expected.phoneNumber) ? undefined : `phone is ${actual.phoneNumber ?? "not set"}, the inventory says ${expected.phoneNumber}`,
        expected.fullName === undefined || sameName(actual.fullName ?? "", expected.fullName) ? undefined : `full name is ${actual.fullName ?? "not set"}, the inventory says ${expected.fullName}`,
        expected.companyName === undefined || sameName(actual.companyName ?? "", expected.companyName)
          ? undefined
          : `company name is ${actual.companyName ?? "not set"}, the inventory says ${expected.companyName}`,
      ].filter((d) => d !== undefined);
      if (differences.length > 0) return [fail(PRIMARY, differences.join("; "))];
      return [pass(PRIMARY, `phone ${actual.phoneNumber} is the customer's, as the inventory records`)];
    },
  };
}

function alternateContact(type: ContactType, expected: AlternateContact): CheckGroup {
  const id = `alternate-contact:${type}`;
  return {
    ids: [id],
    async run(api) {
      const actual = await api.alternateContact(type.toUpperCase() as AlternateContactType);
      if (actual === undefined) return [fail(id, `no ${type} alternate contact is set`)];
      const differences = [
        sameName(actual.name, expected.name) ? undefined : `name is ${actual.name}, the inventory says ${expected.name}`,
        sameName(actual.title, expected.title) ? undefined : `title is ${actual.title}, the inventory says ${expected.title}`,
        sameEmail(actual.emailAddress, expected.emailAddress)
          ? undefined
          : `e-mail is ${actual.emailAddress}, the inventory says ${expected.emailAddress}`,
        samePhone(actual.phoneNumber, expected.phoneNumber) ? undefined : `phone is ${actual.phoneNumber}, the inventory says ${expected.phoneNumber}`,
      ].filter((d) => d !== undefined);
      if (differences.length > 0) return [fail(id, differences.join("; "))];
      return [pass(id, `${actual.name} <${actual.emailAddress}> as the inventory says`)];
    },
  };
}
