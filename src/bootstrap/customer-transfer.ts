/**
 * The customer's side of a billing transfer: what the customer's administrator prepares and
 * checks before accepting, and, once invited, the AWS CLI commands that accept exactly that
 * invitation, with the IAM policy they need. payerfleet never runs these: the customer does, in
 * the management account the customer keeps. Every value goes through its format's quoting.
 */
import { acceptTransferPolicy } from "../domain/iam/accept-transfer.ts";
import { acceptanceDeadline, transferStart, utc, type Month } from "../domain/billing-transfer/calendar.ts";
import type { Inventory, TransferPartner } from "../inventory/schema.ts";
import { billTransferAccountOf } from "../inventory/stack-inputs.ts";
import { mdCode, mdInline, mdStrong } from "../text/markdown.ts";
import { shellQuote } from "../text/shell.ts";
import { sourceName } from "../domain/billing-transfer/lifecycle.ts";

export const CUSTOMER_CHECKLIST_FILE = "customer-checklist.md";
export const ACCEPT_SCRIPT_FILE = "accept-transfer.sh";
export const ACCEPT_POLICY_FILE = "accept-transfer-policy.json";

export function renderCustomerChecklist(inventory: Inventory, partner: TransferPartner, handshakeId: string | undefined): string {
  const account = billTransferAccountOf(inventory, partner);
  const month = partner.billing.startMonth as Month;
  const customer = mdCode(partner.billing.managementAccountId);
  const accept =
    handshakeId === undefined
      ? `- [ ] Once invited (\`payerfleet up --partner ${partner.id}\`; the report's \`transfer.handshakeId\`), the distributor runs ${mdCode(`npx payerfleet bootstrap --partner ${partner.id} --handshake h-...`)} and sends the customer \`${ACCEPT_SCRIPT_FILE}\` and \`${ACCEPT_POLICY_FILE}\`.`
      : `- [ ] With a principal that has ${mdCode(ACCEPT_POLICY_FILE)} (it may accept handshake ${mdCode(handshakeId)} and no other), run ${mdCode(`./${ACCEPT_SCRIPT_FILE}`)}: it checks the invitation is the one described here, then accepts it.`;
  return `# Billing transfer: ${mdInline(partner.name)} (${mdCode(partner.id)})

For the customer's administrator, in the customer's management account ${customer}, which the
customer keeps, root included. The distributor's bill-transfer account ${mdCode(account.accountId)}
(${mdInline(inventory.distributor.name)}) invites the organization to transfer its bill; once
accepted, the distributor pays and manages the bill from ${mdStrong(utc(transferStart(month)))}.

| | |
|---|---|
| invitation name | ${mdCode(sourceName(partner.id))} |
| from | bill-transfer account ${mdCode(account.accountId)} |
| to | management account ${customer} |
| the distributor pays from | ${mdCode(utc(transferStart(month)))} |
| accept before | ${mdCode(utc(acceptanceDeadline(month)))} (else the invitation expires and is sent again for a later month) |

## Before accepting

- [ ] All features are enabled in the organization (\`aws organizations describe-organization\` shows \`"FeatureSet": "ALL"\`).
- [ ] No policy still grants the retired \`aws-portal:*\` billing actions: replace them with the fine-grained billing actions (\`billing:*\`, \`payments:*\`, \`tax:*\`, \`invoicing:*\`, \`ce:*\`, \`cur:*\`, \`purchase-orders:*\`, \`account:*\`). AWS refuses the transfer otherwise (LEGACY_PERMISSIONS_STILL_IN_USE).
- [ ] No unused prepayment (advance pay) balance remains (UNUSED_PREPAYMENT_BALANCE).
- [ ] The management account's root e-mail is verified (MANAGEMENT_ACCOUNT_EMAIL_NOT_VERIFIED).
- [ ] **Back up first**: invoices and credit memos, Cost and Usage Report files, and Cost Explorer exports. After the transfer the organization sees pro forma figures only; its AWS-priced history and existing CUR reports become unavailable.

## Accepting

${accept}

## After the transfer starts

- [ ] Turn split cost allocation data off: it no longer applies to the transferred bill.
- [ ] The distributor proves the transfer with ${mdCode(`npx payerfleet audit --partner ${partner.id}`)} (\`billing-transfer\` passes once accepted).
`;
}

/** The AWS CLI commands that accept exactly this invitation, after checking it is the one expected. */
export function renderAcceptScript(inventory: Inventory, partner: TransferPartner, handshakeId: string): string {
  const account = billTransferAccountOf(inventory, partner);
  const q = shellQuote;
  return `#!/usr/bin/env bash
# Accepts billing-transfer invitation ${handshakeId.replace(/[^\w-]/g, "")} for partner ${partner.id.replace(/[^\w.-]/g, "")}.
# Run by the customer's administrator in the customer's management account; payerfleet never runs it.
set -euo pipefail

handshake=${q(handshakeId)}
management_account=${q(partner.billing.managementAccountId)}
bill_transfer_account=${q(account.accountId)}

caller=$(aws sts get-caller-identity --query Account --output text)
if [ "$caller" != "$management_account" ]; then
  echo "run this in management account $management_account, not $caller" >&2
  exit 1
fi
state=$(aws organizations describe-handshake --handshake-id "$handshake" --query 'Handshake.[Action, State]' --output text)
if [ "$state" != "TRANSFER_RESPONSIBILITY	OPEN" ] && [ "$state" != "TRANSFER_RESPONSIBILITY	REQUESTED" ]; then
  echo "handshake $handshake is not an open billing-transfer invitation: $state" >&2
  exit 1
fi
from=$(aws organizations describe-handshake --handshake-id "$handshake" --query "length(Handshake.Parties[?Id=='$bill_transfer_account'])" --output text)
if [ "$from" != "1" ]; then
  echo "handshake $handshake does not come from bill-transfer account $bill_transfer_account" >&2
  exit 1
fi
aws organizations accept-handshake --handshake-id "$handshake"
echo "accepted: the bill of management account $management_account transfers to $bill_transfer_account"
`;
}

export function acceptPolicyFile(partner: TransferPartner, handshakeId: string): string {
  return `${JSON.stringify(acceptTransferPolicy(partner.billing.managementAccountId, handshakeId), null, 2)}\n`;
}
