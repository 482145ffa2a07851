/**
 * The shapes of the emulated AWS (the JSON state file) and of a resource type's emulation.
 */
import type { Props } from "./util.ts";

/** The customer-owned primary contact of an account, as `aws.account.getPrimaryContact` reads it. */
export interface PrimaryContact {
  fullName: string;
  companyName?: string;
  phoneNumber: string;
  addressLine1?: string;
  city?: string;
  postalCode?: string;
  countryCode?: string;
  stateOrRegion?: string;
  websiteUrl?: string;
}

/** What the emulation knows about one AWS account, whoever manages it. */
export interface AccountInfo {
  name?: string;
  /** The root user's e-mail. */
  email?: string;
  primaryContact?: PrimaryContact;
  /** Closed by deleting its Account resource with closeOnDeletion. */
  closed?: boolean;
}

/** One resource in the emulated AWS. */
export interface ResourceRecord {
  /** The Pulumi type token, e.g. `aws:iam/role:Role`. */
  type: string;
  /** The id the provider reports (a role's name, an account's 12 digits...). */
  id: string;
  /** The account the resource lives in (for organizations, OUs and member accounts: the management account). */
  account: string;
  /** The region of a regional resource; null for global ones (IAM, Organizations, Account). */
  region: string | null;
  /** The resource's outputs, inputs included, as the provider returns them. */
  properties: Props;
}

/** The whole emulated AWS: the file named by PAYERFLEET_STANDIN_STATE. */
export interface StandinState {
  version: 1;
  /** The account that ambient credentials act in: used by a provider that assumes no role. */
  ambientAccountId?: string;
  accounts: Record<string, AccountInfo>;
  resources: ResourceRecord[];
}

/** Where a provider acts: the assumed role's account and the provider's region. */
export interface Scope {
  accountId: string;
  region: string;
}

/** What a resource type's handlers get: the state to read and change, and where they act. */
export interface OpContext {
  state: StandinState;
  scope: Scope;
  /** The resource's region: its `region` input, else the provider's. */
  region: string;
  /** The resource's name in the program (the URN's last part), for error messages. */
  name: string;
}

/** An AWS-side validation or quota rule (see limits.ts). */
export interface Limit {
  /** The property it reads, for check failures. */
  property: string;
  /**
   * `check`: the real provider's schema validates it at preview (check), so a preview fails;
   * `apply`: only the AWS API refuses it, when the resource is created or updated.
   */
  phase: "check" | "apply";
  /**
   * AWS's error (code and message), or undefined when the value passes. Unknown values are
   * never passed in; `ctx` is given at apply only (rules that look at other resources).
   */
  test: (value: unknown, inputs: Props, ctx?: OpContext) => { code: string; message: string } | undefined;
  /** Where the rule comes from. */
  source: string;
}

/** How the stand-in emulates one resource type. */
export interface ResourceType {
  token: string;
  /**
   * How the real provider names the AWS calls in its errors: the AWS SDK service, the noun of
   * its "creating NOUN (name)" prefix, and the create and update operations.
   */
  api: { service: string; noun: string; create: string; update: string };
  /** Regional resources accept a `region` input (pulumi-aws 7) and report it as an output. */
  regional: boolean;
  /** Input properties: what `read` hands back as inputs (import, refresh) and what diffs compare. */
  inputs: readonly string[];
  /** Inputs whose change makes the real provider replace the resource (ForceNew). */
  forceNew: readonly string[];
  /**
   * Optional inputs AWS computes when the program leaves them out (Terraform's Optional +
   * Computed): leaving one out keeps the current value rather than removing it.
   */
  optionalComputed?: readonly string[];
  /** Inputs compared as JSON documents rather than text. */
  jsonInputs?: readonly string[];
  /** Inputs the program must give. */
  required?: readonly string[];
  /** Defaults the real provider's schema fills in at check. */
  defaults?: Props;
  /** A name the provider generates from the resource's name when the program gives none. */
  autoName?: { property: string; maxLength: number; lowercase?: boolean };
  /** Creates the resource in the emulated AWS; throws an AwsError as AWS would refuse. */
  create(ctx: OpContext, inputs: Props): { id: string; properties: Props };
  /**
   * Validates an update and makes its side effects, before the new inputs replace the old
   * ones in the record's properties (which the provider does for every type).
   */
  update?(ctx: OpContext, record: ResourceRecord, news: Props): void;
  /** Removes the resource; default: the record is dropped. */
  delete?(ctx: OpContext, record: ResourceRecord): void;
  /** Outputs computed at read time from the rest of the state (an organization's accounts...). */
  read?(ctx: OpContext, record: ResourceRecord): Props;
}
