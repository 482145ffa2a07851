/**
 * The inventory's source schema. The TypeScript types below are inferred from it and
 * `schema/inventory.schema.json` is generated from it (`npm run schema`), so editors, the
 * loader and the code all agree. Messages given here are shown to users verbatim, after the
 * field path: they say what is allowed.
 */
import { z } from "zod";

const ACCOUNT_ID = /^\d{12}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]{1,512}|user\/[\w+=,.@/-]{1,512})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** Pulumi's own rule for stack names. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const OU_PATH = /^[^/\s][^/]{0,127}(\/[^/\s][^/]{0,127})*$/;
/** S3 bucket names, with `*` allowed so that a family of buckets can be fenced at once. */
const BUCKET_PATTERN = /^[a-z0-9*][a-z0-9.*-]{1,62}$/;
const PHONE = /^\+[0-9][0-9 ().-]{5,30}$/;
/** What the Account API takes for an alternate contact's phone (PutAlternateContact): 1-25 of these. */
const CONTACT_PHONE = /^\+[0-9][0-9 ()+-]{5,23}$/;
/** What Organizations takes for an account name (CreateAccount AccountName): printable ASCII. */
const ACCOUNT_NAME = /^[\u0020-\u007E]{1,50}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const OU_ID = /^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

const AccountId = z
  .string()
  .regex(ACCOUNT_ID, "must be an AWS account id: exactly 12 digits, quoted")
  .describe("AWS account id: exactly 12 digits, written as a quoted string");

const Email = z.email("must be an e-mail address").describe("E-mail address");
/** An AWS account's root e-mail as Organizations takes it (CreateAccount Email): 6-64 characters. */
const AccountEmail = z.email("must be an e-mail address").min(6).max(64);

const PrincipalArn = z
  .string()
  .regex(PRINCIPAL_ARN, "must be an IAM principal ARN: arn:aws:iam::<12 digits>:role/NAME, user/NAME or root")
  .describe("IAM principal ARN (role, user or account root) in the aws partition");

const RoleName = z
  .string()
  .regex(ROLE_NAME, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-")
  .describe("IAM role name");

const Phone = z
  .string()
  .regex(PHONE, "must be a phone number in international format, starting with + and the country code")
  .describe("Phone number in international format, e.g. +44 20 7946 0000");

const Holder = z.enum(["customer", "distributor"]);

export const AlternateContact = z
  .strictObject({
    name: z.string().min(1).max(64).describe("Contact's full name"),
    title: z.string().min(1).max(50).describe("Contact's title or role"),
    emailAddress: Email.max(254),
    phoneNumber: z
      .string()
      .regex(CONTACT_PHONE, "must be a phone number in international format of at most 25 characters: +, digits, spaces, ( ) and - (AWS's alternate contacts take no dots)")
      .describe("Phone number in international format, e.g. +44 20 7946 0000: at most 25 characters of digits, spaces, ( ) + -"),
    owner: Holder.optional().describe(
      "Who owns this contact; the other party's admins may not overwrite it. Default: distributor for billing, customer for operations and security",
    ),
  })
  .describe("An alternate contact of the payer account (aws.account.AlternativeContact)");

/** The alternate contact types the Account API has, in the order payerfleet lists them. */
const AlternateContacts = z.strictObject({
  billing: AlternateContact.optional(),
  operations: AlternateContact.optional(),
  security: AlternateContact.optional(),
});

export const PrimaryContact = z
  .strictObject({
    fullName: z.string().min(1).max(50).optional().describe("Full name as registered with AWS"),
    companyName: z.string().min(1).max(50).optional().describe("Company name as registered with AWS"),
    phoneNumber: Phone.describe("The customer's phone, used to reset the root MFA"),
  })
  .describe("The payer's primary contact as the customer registered it: compared with AWS, never written");

const Custody = z
  .strictObject({
    mfaHolder: Holder.describe("Who holds the root user's MFA device(s): must be the customer"),
    primaryPhoneHolder: Holder.describe("Who owns the primary contact phone that resets the MFA: must be the customer"),
  })
  .describe("Split custody of the payer's root user: the distributor holds e-mail and password");

const Payer = z
  .strictObject({
    accountId: AccountId.describe("The payer (management) account id"),
    organizationId: z
      .string()
      .regex(ORGANIZATION_ID, "must be an AWS Organizations id such as o-a1b2c3d4e5")
      .optional()
      .describe("The partner's existing organization, adopted with pulumi import. Default: a new organization is created"),
    rootEmail: Email.describe("The root user's e-mail: on one of the distributor's e-mail domains"),
    custody: Custody,
    primaryContact: PrimaryContact.optional(),
    alternateContacts: AlternateContacts.optional()
      .describe("Alternate contacts to set on the payer; absent types are left as they are"),
  })
  .describe("The distributor-owned payer (management) account of the partner's organization");

export const LinkedAccount = z
  .strictObject({
    name: z.string().regex(ACCOUNT_NAME, "must be 1-50 printable ASCII characters, as AWS Organizations takes an account name").describe("Account name: 1-50 printable ASCII characters"),
    email: AccountEmail.describe("Root e-mail of the linked account: on the customer's domain, never the distributor's; 6-64 characters"),
    ou: z
      .string()
      .regex(OU_PATH, "must be an OU path such as Workloads/Prod")
      .optional()
      .describe("Path of the OU the account sits in, one of the partner's organizationalUnits. Default: the root"),
    accountId: AccountId.optional().describe(
      "An existing account to adopt (pulumi import). Default: the account is created",
    ),
  })
  .describe("A customer-owned linked (member) account under the End Customer Account Model");

const Features = z
  .strictObject({
    rootActivityMonitor: z.boolean().default(true).describe("Root-activity rules in the payer, reporting to the hub. Default: true"),
    organizationTrail: z.boolean().default(true).describe("A multi-region organization trail in the payer. Default: true"),
    centralizedRootAccess: z
      .boolean()
      .default(false)
      .describe("Centralized root access for member accounts (aws.iam.OrganizationsFeatures). Default: false"),
  })
  .describe("Feature switches for one partner");

/** A month written YYYY-MM; the calendar's rules live in src/domain/billing-transfer/calendar.ts. */
const MONTH = /^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;
/** Billing Conductor's pricing plan names (CreatePricingPlan Name). */
const PRICING_PLAN = /^[a-zA-Z0-9_+=.@-]{1,128}$/;
/** How the inventory names a bill-transfer account: referenced by partners. */
const BILL_TRANSFER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The billing model of a partner that the distributor holds the payer of. */
const CustodyBilling = z
  .strictObject({
    model: z.literal("custody").describe("The distributor owns the partner's payer account (AWS calls it a legacy channel account)"),
  })
  .describe("Custody: the distributor owns the payer; the default when a partner has no billing block");

export const Relationship = z
  .strictObject({
    sector: z.enum(["COMMERCIAL", "GOVERNMENT", "GOVERNMENT_EXCEPTION"]).describe("The end customer's sector (Partner Central CreateRelationship sector)"),
    supportPlan: z
      .enum(["partnerLedSupport", "resoldEnterprise", "resoldUnifiedOperations"])
      .optional()
      .describe("The support plan the distributor provides or resells. Default: none"),
    coverage: z
      .enum(["ENTIRE_ORGANIZATION", "MANAGEMENT_ACCOUNT_ONLY"])
      .default("ENTIRE_ORGANIZATION")
      .describe("What the support plan covers. Default: ENTIRE_ORGANIZATION"),
    tamLocation: z.string().min(1).max(64).optional().describe("Where the technical account manager sits, as Partner Central takes it; required with a support plan"),
    resaleAccountModel: z
      .enum(["DISTRIBUTOR", "END_CUSTOMER", "SOLUTION_PROVIDER"])
      .default("END_CUSTOMER")
      .describe("Who the account is resold to. Default: END_CUSTOMER"),
  })
  .describe("The Partner Central relationship recorded for the end customer: partner discounts follow it");

export const ServicePeriod = z
  .strictObject({
    type: z.enum(["MINIMUM_NOTICE_PERIOD", "FIXED_COMMITMENT_PERIOD"]).describe("A notice period, or a commitment until a date"),
    minimumNoticeDays: z.number().int().min(1).max(365).optional().describe("Days of notice before either side may withdraw (MINIMUM_NOTICE_PERIOD)"),
    endMonth: z
      .string()
      .regex(MONTH, "must be a month written YYYY-MM, such as 2028-12")
      .optional()
      .describe("The last month of a fixed commitment (FIXED_COMMITMENT_PERIOD)"),
  })
  .describe("A Partner Central service period proposed to the customer; once accepted it blocks an early withdrawal");

export const TransferBilling = z
  .strictObject({
    model: z.literal("transfer").describe("The customer keeps its management account; a distributor account pays its bill"),
    billTransferAccount: z.string().regex(BILL_TRANSFER_ID, "must be the id of one of distributor.billTransferAccounts").describe("Which of the distributor's bill-transfer accounts pays, by its id"),
    managementAccountId: AccountId.describe("The customer's own management account: the bill source"),
    startMonth: z
      .string()
      .regex(MONTH, "must be a month written YYYY-MM, such as 2027-01: a transfer starts at 00:00 UTC on the first day of a month")
      .describe("The first month the distributor pays"),
    pricingPlan: z
      .string()
      .regex(PRICING_PLAN, "must be basic, passthrough, or the name of a Billing Conductor pricing plan: 1-128 of letters, digits and _+=.@-")
      .default("basic")
      .describe("basic (public prices), passthrough, or the name of a custom Billing Conductor pricing plan. Default: basic"),
    relationship: Relationship.optional().describe("The Partner Central relationship. Default: none recorded"),
    servicePeriod: ServicePeriod.optional().describe("A service period to propose once the transfer is accepted. Default: none"),
    monthlyBudget: z.number().positive().optional().describe("A monthly cost budget, in USD, on the partner's billing view. Default: none"),
    accountCount: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("How many accounts the customer's organization holds, when known: plan estimates Billing Conductor's charge from it. Default: unknown"),
  })
  .describe("Billing transfer: the distributor's bill-transfer account pays and manages the customer's bill");

const Billing = z.discriminatedUnion("model", [CustodyBilling, TransferBilling], { error: "must be custody (the default) or transfer" });

export const Partner = z
  .strictObject({
    id: z
      .string()
      .regex(STACK_NAME, "must be a valid Pulumi stack name: 1-100 of letters, digits, '-', '_' and '.'")
      // The id names the stack's workspace folder and state file: . and .. would name another.
      .refine((id) => id !== "." && id !== "..", "must not be . or ..: the id also names the stack's folder and state file")
      .describe("Stable partner id; also the Pulumi stack name"),
    name: z.string().min(1).max(128).describe("Display name"),
    billing: Billing.optional().describe("How the distributor bills this partner. Default: custody"),
    payer: Payer.optional().describe("The distributor-owned payer: required for custody partners, absent for transfer partners"),
    partnerAdmins: z
      .array(PrincipalArn)
      .default([])
      .describe("Principals that may assume the partner-admin role, fenced by a permissions boundary. Default: none"),
    organizationalUnits: z
      .array(z.string().regex(OU_PATH, "must be an OU path such as Workloads/Prod"))
      .default([])
      .describe("OU paths to manage in the partner's organization; parents are implied. Default: none"),
    existingOrganizationalUnits: z
      .record(z.string(), z.string().regex(OU_ID, "must be an OU id such as ou-ab12-cd34ef56"))
      .default({})
      .describe("OUs that exist already, by path, adopted with pulumi import instead of created. Default: none"),
    linkedAccounts: z.array(LinkedAccount).default([]).describe("Customer-owned linked accounts. Default: none"),
    features: Features.default({ rootActivityMonitor: true, organizationTrail: true, centralizedRootAccess: false }),
  })
  .describe("One partner organization: one Pulumi stack. Its payer, partner admins, linked accounts, OUs and features are custody-only");

const AlertSubscription = z
  .strictObject({
    protocol: z.enum(["email", "https", "sqs", "lambda"]).describe("SNS subscription protocol"),
    endpoint: z.string().min(1).describe("E-mail address, HTTPS URL, or queue/function ARN"),
  })
  .describe("An SNS subscription for root-activity alerts");

const Guardrails = z
  .strictObject({
    buckets: z
      .array(z.string().regex(BUCKET_PATTERN, "must be an S3 bucket name, optionally with * wildcards"))
      .default([])
      .describe("Distributor-only S3 buckets (e.g. billing exports) the partner admin may neither read nor change"),
    billingViews: z
      .array(z.string().regex(/^[\w+=,.@:-]{1,128}$/, "must be a billing view id, the last part of its ARN"))
      .default([])
      .describe(
        "Distributor-only billing views (Cost Explorer) the partner admin may not use or change, by id: the part after billingview/ in the view's ARN, not its display name",
      ),
    governanceRoles: z
      .array(RoleName)
      .default([])
      .describe("IAM roles of governance tooling the contract says the partner may not change or remove"),
    governanceStacks: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, "must be a CloudFormation stack name"))
      .default([])
      .describe("CloudFormation stacks of governance tooling the partner may not update or delete"),
  })
  .describe("What the partner admin is fenced away from inside the payer");

export const BillTransferAccount = z
  .strictObject({
    id: z.string().regex(BILL_TRANSFER_ID, "must be 1-63 of lower-case letters, digits and -, starting with a letter or digit").describe("How partners refer to this account"),
    accountId: AccountId.describe("The bill-transfer (program management) account: a management account of the distributor"),
    program: z.enum(["DISTRIBUTION", "SOLUTION_PROVIDER", "DISTRIBUTION_SELLER"]).describe("The Partner Central program the account is registered in"),
    partnerCentralCatalog: z
      .enum(["AWS", "Sandbox"])
      .default("AWS")
      .describe("The Partner Central catalog the account's relationships are recorded in: Sandbox for non-production use. Default: AWS"),
    inboundTransferQuota: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe("The account's Service Quotas value for inbound billing transfers, when raised (default 0, at most 1,000); validate warns above it"),
  })
  .describe("A management account of the distributor that pays transfer partners' bills (a Partner Central program management account)");

export const Distributor = z
  .strictObject({
    name: z.string().min(1).max(128).describe("The distributor's name"),
    emailDomains: z
      .array(z.string().regex(DOMAIN, "must be a lower-case DNS domain such as payers.example.com"))
      .min(1)
      .describe("Domains that every payer root e-mail must use; AWS support cross-checks them"),
    hub: z
      .strictObject({
        accountId: AccountId.describe("The distributor's hub account, where root-activity alerts gather"),
        alertSubscriptions: z.array(AlertSubscription).default([]).describe("Who is alerted. Default: nobody"),
        eventBusPolicySizeLimit: z
          .number()
          .int()
          .min(10_240)
          .optional()
          .describe(
            "The EventBridge resource-policy size quota of the hub account, in characters, once raised through Service Quotas. Default: 10240, which admits about 650 payers",
          ),
      })
      .describe("The distributor's root-activity hub"),
    automation: z
      .strictObject({
        roleName: RoleName.default("payerfleet-automation").describe(
          "Role that payerfleet assumes in every payer. Default: payerfleet-automation",
        ),
        principals: z.array(PrincipalArn).min(1).describe("Principals that may assume the automation role"),
      })
      .describe("How payerfleet reaches each payer"),
    billingAdmins: z.array(PrincipalArn).min(1).describe("Principals that may assume the billing-admin role in every payer"),
    regions: z
      .array(z.string())
      .default([])
      .describe("Regions in use; us-east-1 is always added for root sign-in events. Default: none"),
    guardrails: Guardrails.default({ buckets: [], billingViews: [], governanceRoles: [], governanceStacks: [] }),
    billTransferAccounts: z.array(BillTransferAccount).default([]).describe("The distributor's bill-transfer accounts, for billing-transfer partners. Default: none"),
  })
  .describe("The distributor that owns every payer account");

export const Inventory = z
  .strictObject({
    version: z.literal(1).default(1).describe("Inventory format version. Default: 1"),
    distributor: Distributor,
    partners: z.array(Partner).describe("Every partner organization the distributor bills"),
  })
  .describe("payerfleet inventory: the distributor and every partner it bills");

type ParsedPartner = z.infer<typeof Partner>;
export type Payer = z.infer<typeof Payer>;
export type TransferBilling = z.infer<typeof TransferBilling>;
export type RelationshipSettings = z.infer<typeof Relationship>;
export type ServicePeriodSettings = z.infer<typeof ServicePeriod>;
export type BillTransferAccount = z.infer<typeof BillTransferAccount>;
/** A partner whose payer the distributor owns: the loader guarantees its payer. */
export type CustodyPartner = ParsedPartner & { readonly payer: Payer; readonly billing?: { readonly model: "custody" } };
/** A partner that keeps its management account; the distributor pays its bill by billing transfer. */
export type TransferPartner = ParsedPartner & { readonly payer?: undefined; readonly billing: TransferBilling };
export type Partner = CustodyPartner | TransferPartner;
/** The inventory as the schema alone reads it; the loader's rules narrow it to {@link Inventory}. */
export type ParsedInventory = z.infer<typeof Inventory>;
export type Inventory = Omit<ParsedInventory, "partners"> & { partners: Partner[] };
export type Distributor = z.infer<typeof Distributor>;
export type LinkedAccount = z.infer<typeof LinkedAccount>;
export type AlternateContact = z.infer<typeof AlternateContact>;
export type PrimaryContact = z.infer<typeof PrimaryContact>;
export type Holder = z.infer<typeof Holder>;
export type ContactType = keyof z.infer<typeof AlternateContacts>;
export const CONTACT_TYPES: readonly ContactType[] = AlternateContacts.keyof().options;

export function isTransfer(partner: Partner): partner is TransferPartner {
  return partner.billing?.model === "transfer";
}

export function isCustody(partner: Partner): partner is CustodyPartner {
  return !isTransfer(partner);
}

/** The partners whose payer the distributor owns, in inventory order. */
export function custodyPartners(inventory: Inventory): CustodyPartner[] {
  return inventory.partners.filter(isCustody);
}

/** The partners billed by billing transfer, in inventory order. */
export function transferPartners(inventory: Inventory): TransferPartner[] {
  return inventory.partners.filter(isTransfer);
}

/** The reserved stack name of the distributor's root-activity hub. */
export const HUB_STACK = "hub";

/** Who owns an alternate contact when the inventory does not say. */
export function contactOwner(type: ContactType, contact: AlternateContact): Holder {
  return contact.owner ?? (type === "billing" ? "distributor" : "customer");
}

/** The JSON Schema for editors, generated from the source schema above. */
export function inventoryJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Inventory, { io: "input", target: "draft-2020-12" }),
    title: "payerfleet inventory",
  };
}
