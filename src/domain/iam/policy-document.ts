/** IAM policy documents as plain JSON, so they can be rendered, diffed and evaluated in tests. */

export type StringOrList = string | readonly string[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: { readonly AWS?: StringOrList; readonly Service?: StringOrList } | "*";
  readonly Action?: StringOrList;
  readonly NotAction?: StringOrList;
  readonly Resource?: StringOrList;
  readonly NotResource?: StringOrList;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, StringOrList | boolean>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** IAM's quota on a managed policy document, a permissions boundary included. */
export const MANAGED_POLICY_SIZE_QUOTA = 6144;

/** The size IAM counts against {@link MANAGED_POLICY_SIZE_QUOTA}: characters, whitespace excluded. */
export function managedPolicySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}

export function policyDocument(statements: readonly (PolicyStatement | undefined)[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements.filter((s): s is PolicyStatement => s !== undefined) };
}

/** A trust policy letting the given principals assume the role, with session tags. */
export function assumeRoleTrust(principals: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "TrustedPrincipals",
      Effect: "Allow",
      Principal: { AWS: [...principals] },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ]);
}
