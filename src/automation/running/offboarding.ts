/**
 * `destroy` of a partner's stack is an offboarding: the distributor's own resources in the
 * payer are deleted; what belongs to the customer, and what must outlive payerfleet, is
 * released from the stack without a single call that changes it in AWS; then the empty stack
 * is removed. A plain destroy cannot work: the customer's organization, OUs and accounts are
 * protected, and the engine stops at them after deleting half of the distributor's resources.
 *
 * The steps, each safe to run again, so an interrupted offboarding resumes where it stopped:
 * 1. protect, in the stack's state only, whatever is released but not protected already;
 * 2. destroy with `excludeProtected`: the engine deletes every other resource;
 * 3. read the state: what is left is what was released;
 * 4. remove the stack with `--force`, which forgets those resources and touches none.
 */
import { contactOwner, custodyPartners, type ContactType, type Inventory } from "../../inventory/schema.ts";
import type { CheckpointResource } from "./workspace.ts";

const ORGANIZATION = "aws:organizations/organization:Organization";
const ORGANIZATIONAL_UNIT = "aws:organizations/organizationalUnit:OrganizationalUnit";
const ACCOUNT = "aws:organizations/account:Account";
const ORGANIZATIONS_FEATURES = "aws:iam/organizationsFeatures:OrganizationsFeatures";
const ALTERNATE_CONTACT = "aws:account/alternativeContact:AlternativeContact";
const BUCKET = "aws:s3/bucket:Bucket";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

/** Why a resource is released rather than deleted, or undefined when offboarding deletes it. */
function releaseReason(resource: CheckpointResource, customerContacts: ReadonlySet<string>): string | undefined {
  switch (resource.type) {
    case ORGANIZATION:
    case ORGANIZATIONAL_UNIT:
    case ACCOUNT:
      return "the customer's: left as it is in AWS";
    case ORGANIZATIONS_FEATURES:
      // Disabling centralized root access would change the customer's member accounts.
      return "a setting of the customer's organization: left as it is in AWS";
    case ALTERNATE_CONTACT:
      return customerContacts.has(String(resource.inputs?.["alternateContactType"] ?? "").toUpperCase()) ? "a contact the customer owns: left as it is in AWS" : undefined;
    case BUCKET:
    case PUBLIC_ACCESS_BLOCK:
      // The organization trail's logs are audit evidence: never emptied, never deleted with the stack.
      return "the organization trail's log bucket, kept with its logs";
    default:
      return resource.protect ? "protected: left as it is in AWS" : undefined;
  }
}

/** The alternate contact types of the partner that the customer owns, as AWS names them. */
export function customerContactTypes(inventory: Inventory, partnerId: string | null): Set<string> {
  const partner = custodyPartners(inventory).find((p) => p.id === partnerId);
  const contacts = partner?.payer.alternateContacts ?? {};
  return new Set(
    (Object.entries(contacts) as [ContactType, NonNullable<(typeof contacts)[ContactType]>][])
      .filter(([type, contact]) => contactOwner(type, contact) === "customer")
      .map(([type]) => type.toUpperCase()),
  );
}

/** What offboarding will release from the stack's resources, with why; providers and components left out. */
export function releasePlan(resources: readonly CheckpointResource[], customerContacts: ReadonlySet<string>): { resource: CheckpointResource; reason: string }[] {
  return resources.flatMap((resource) => {
    if (resource.custom === false || resource.type.startsWith("pulumi:")) return [];
    const reason = releaseReason(resource, customerContacts);
    return reason === undefined ? [] : [{ resource, reason }];
  });
}
