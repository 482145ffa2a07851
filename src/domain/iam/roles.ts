/**
 * An IAM role as payerfleet defines it, described once: the components deploy this
 * description, `policies` shows it to security reviewers, and the automation role is granted
 * exactly what it takes to create it. A role's frame (name, path, boundary, which policies) does
 * not depend on the partner; its documents do.
 */
import { roleArn } from "../names.ts";
import type { PolicyDocument } from "./policy-document.ts";

/** A managed policy: the account's own (`arn:aws:iam::<account>:policy/...`) or AWS's. */
export interface ManagedPolicyFrame {
  readonly name: string;
  readonly arn: string;
  /** IAM's description of a policy the account owns; AWS's own policies have theirs. */
  readonly description?: string;
}

/** What a role is apart from its documents; the same in every account. */
export interface RoleFrame {
  readonly name: string;
  readonly path: string;
  readonly description: string;
  /** The managed policy the role, and whatever it creates, is bounded by; null: none. */
  readonly permissionsBoundary: ManagedPolicyFrame | null;
  /** The managed policies attached to the role. */
  readonly managedPolicies: readonly ManagedPolicyFrame[];
  /** The names of the role's inline policies. */
  readonly inlinePolicies: readonly string[];
}

/** A policy of a role: managed when it has an ARN, inline when it has none. */
export interface RolePolicy {
  readonly name: string;
  readonly arn?: string;
  readonly description?: string;
  readonly document: PolicyDocument;
}

/** A role, whole: its frame with every document. */
export interface RoleDescription {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string;
  readonly trustPolicy: PolicyDocument;
  readonly permissionsBoundary: (RolePolicy & { readonly arn: string }) | null;
  /** Managed policies first, in the frame's order, then inline ones. */
  readonly policies: readonly RolePolicy[];
}

/** A role's documents: its trust, its boundary's, and each policy's by name. */
export interface RoleDocuments {
  readonly trustPolicy: PolicyDocument;
  readonly permissionsBoundary?: PolicyDocument;
  readonly policies: Readonly<Record<string, PolicyDocument>>;
}

/** The role of `frame` in `accountId`; throws when a document the frame names is missing. */
export function describeRole(accountId: string, frame: RoleFrame, documents: RoleDocuments): RoleDescription {
  const documentOf = (name: string) => {
    const document = documents.policies[name];
    if (document === undefined) throw new Error(`role ${frame.name}: no document for its policy ${name}`);
    return document;
  };
  const boundary = frame.permissionsBoundary;
  if ((boundary === null) !== (documents.permissionsBoundary === undefined)) {
    throw new Error(`role ${frame.name}: its permissions boundary and the documents given disagree`);
  }
  return {
    name: frame.name,
    path: frame.path,
    arn: roleArn(accountId, frame.name, frame.path),
    description: frame.description,
    trustPolicy: documents.trustPolicy,
    permissionsBoundary: boundary === null ? null : { ...boundary, document: documents.permissionsBoundary! },
    policies: [
      ...frame.managedPolicies.map((p) => ({ ...p, document: documentOf(p.name) })),
      ...frame.inlinePolicies.map((name) => ({ name, document: documentOf(name) })),
    ],
  };
}
