import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlternateContact, ContactType, PrimaryContact } from "../../inventory/schema.ts";
import { primaryContactWarnings } from "../../domain/custody/primary-contact.ts";

export interface CustodyContactsArgs {
  /** Alternate contacts to set on the payer. Default: none are set, existing ones are left alone. */
  readonly alternateContacts?: Readonly<Partial<Record<ContactType, AlternateContact>>>;
  /** The customer's primary contact as the inventory records it: compared, never written. Default: not compared. */
  readonly primaryContact?: PrimaryContact;
}

/**
 * The payer's contacts: alternate contacts as the inventory says (set from inside the payer,
 * so without `accountId`), and the customer-owned primary contact read and compared.
 */
export class CustodyContacts extends pulumi.ComponentResource {
  readonly alternateContacts: Readonly<Partial<Record<ContactType, aws.account.AlternativeContact>>>;
  /** Mismatches between AWS and the inventory, for people to act on. */
  readonly warnings: pulumi.Output<string[]>;

  constructor(name: string, args: CustodyContactsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:account:CustodyContacts", name, {}, opts);
    const contacts: Partial<Record<ContactType, aws.account.AlternativeContact>> = {};
    for (const type of ["billing", "operations", "security"] as const) {
      const contact = args.alternateContacts?.[type];
      if (contact === undefined) continue;
      contacts[type] = new aws.account.AlternativeContact(
        `${name}-${type}`,
        {
          alternateContactType: type.toUpperCase(),
          name: contact.name,
          title: contact.title,
          emailAddress: contact.emailAddress,
          phoneNumber: contact.phoneNumber,
        },
        { parent: this },
      );
    }
    this.alternateContacts = contacts;
    const primary = aws.account.getPrimaryContactOutput({}, { parent: this });
    this.warnings = primary.apply((read) =>
      primaryContactWarnings(args.primaryContact, {
        ...(read.phoneNumber ? { phoneNumber: read.phoneNumber } : {}),
        ...(read.fullName ? { fullName: read.fullName } : {}),
        ...(read.companyName ? { companyName: read.companyName } : {}),
      }),
    );
    this.registerOutputs({ alternateContacts: this.alternateContacts, warnings: this.warnings });
  }
}
