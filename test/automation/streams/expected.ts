/** What account-changes.ndjson (streams/) must fold into: its changed resources, in order. */
import type { ResourceChange } from "../../../src/automation/reports/report.ts";

const urn = (type: string, name: string) => `urn:pulumi:acme::payerfleet::${type}::${name}`;

export const ACCOUNT_CHANGES_RESOURCES: ResourceChange[] = [
  {
    urn: urn("aws:iam/role:Role", "payerfleet-billing-admin"),
    type: "aws:iam/role:Role",
    op: "update",
    diffs: [
      { path: "description", kind: "update", old: '"[secret]"', new: '"[secret]"' },
      { path: "maxSessionDuration", kind: "update", old: "3600", new: "7200" },
      { path: "tags.owner", kind: "update", old: '"billing"', new: '"finance"' },
    ],
  },
  {
    urn: urn("aws:organizations/account:Account", "acme-prod"),
    type: "aws:organizations/account:Account",
    op: "replace",
    diffs: [{ path: "email", kind: "update-replace", old: '"aws-prod@acme.example"', new: '"aws-production@acme.example"' }],
  },
  { urn: urn("aws:organizations/account:Account", "acme-sandbox"), type: "aws:organizations/account:Account", op: "delete", diffs: [] },
  { urn: urn("aws:account/alternativeContact:AlternativeContact", "billing"), type: "aws:account/alternativeContact:AlternativeContact", op: "create", diffs: [] },

];
