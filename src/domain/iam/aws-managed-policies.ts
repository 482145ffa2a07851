/**
 * The AWS managed policies payerfleet attaches, written out in full so that `policies` renders
 * every document a role gets and tests can evaluate them. AdministratorAccess has had this
 * single statement since it was published.
 */
import type { PolicyDocument } from "./policy-document.ts";

export interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly document: PolicyDocument;
}

export const ADMINISTRATOR_ACCESS: ManagedPolicy = {
  name: "AdministratorAccess",
  arn: "arn:aws:iam::aws:policy/AdministratorAccess",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};
