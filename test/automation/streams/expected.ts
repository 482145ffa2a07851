/** What account-changes.ndjson (streams/) must fold into: its changed resources, in order. */
import type { ResourceChange } from "../../../src/automation/reports/report.ts";

const urn = (type: string, name: string) => `urn:pulumi:acme::payerfleet::${type}::${name}`;

export const ACCOUNT_CHANGES_RESOURCES: ResourceChange[] = [
  {
    urn: urn("aws:iam/role:Role", "payerfleet-billing-admin"),
    type: "aws:iam/role:Role",
    op: "update",
    diffs: [
      { path: "description", kind: "update", old: '"[secret]"', before: "[secret]", new: '"[secret]"', after: "[secret]" },
      { path: "maxSessionDuration", kind: "update", old: "3600", before: 3600, new: "7200", after: 7200 },
      { path: "tags.owner", kind: "update", old: '"billing"', before: "billing", new: '"finance"', after: "finance" },
    ],
    properties: { id: "payerfleet-billing-admin-id", name: "payerfleet-billing-admin" },
  },
  {
    urn: urn("aws:organizations/account:Account", "acme-prod"),
    type: "aws:organizations/account:Account",
    op: "replace",
    diffs: [{ path: "email", kind: "update-replace", old: '"aws-prod@acme.example"', before: "aws-prod@acme.example", new: '"aws-production@acme.example"', after: "aws-production@acme.example" }],
    properties: { id: "acme-prod-id", name: "acme-prod", email: "aws-prod@acme.example", parentId: "ou-prod" },
  },
  {
    urn: urn("aws:organizations/account:Account", "acme-sandbox"),
    type: "aws:organizations/account:Account",
    op: "delete",
    diffs: [],
    properties: { id: "acme-sandbox-id", name: "acme-sandbox", email: "aws-sandbox@acme.example" },
  },
  {
    urn: urn("aws:account/alternativeContact:AlternativeContact", "billing"),
    type: "aws:account/alternativeContact:AlternativeContact",
    op: "create",
    diffs: [],
    properties: { alternateContactType: "BILLING", name: "Billing Team" },
  },

];
