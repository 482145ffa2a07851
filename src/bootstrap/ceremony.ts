/**
 * The custody ceremony checklist for one partner: how the payer's root credentials are split
 * between distributor and customer, and which `payerfleet audit` check proves each step
 * afterwards without anyone signing in as root. No API can set the root password or MFA, so
 * the split is a recorded fact (this document, signed) plus evidence (the audit).
 */
import type { CustodyPartner, Inventory } from "../inventory/schema.ts";
import { mdCell, mdCode, mdInline, mdStrong } from "../text/markdown.ts";
import { SCRIPT_FILE } from "./aws-cli-script.ts";
import { TEMPLATE_FILE } from "./template.ts";

export const CEREMONY_FILE = "custody-ceremony.md";
/** AWS allows up to 8 MFA devices on a root user. */
const MAX_ROOT_MFA_DEVICES = 8;

export function renderCeremony(inventory: Inventory, partner: CustodyPartner): string {
  // Every value from the inventory goes through the escaping of the place it stands in.
  const payer = partner.payer;
  const account = mdInline(payer.accountId);
  const rootEmail = mdStrong(payer.rootEmail);
  const phone = payer.primaryContact?.phoneNumber;
  const domains = mdCell(inventory.distributor.emailDomains.join(", "));
  const audit = (...more: string[]) => mdCode(["npx payerfleet audit --partner", partner.id, ...more].join(" "));
  const phoneStep =
    phone === undefined
      ? "- [ ] **First** record the customer's phone as `payer.primaryContact.phoneNumber` in the inventory: without it, `primary-contact` reports could-not-check."
      : `- [ ] The customer sets, or confirms, the primary contact phone to ${mdStrong(phone)} (Account → Contact information), a number the customer owns.`;
  return `# Custody ceremony: ${mdInline(partner.name)} (${mdCode(partner.id)}), payer ${account}

Split custody of the payer's root user: root sign-in needs both parties, so the distributor is
never locked out of a payer it is liable for, and the customer is never exposed to the
distributor acting alone.

| credential | holder | proven afterwards by | from |
|---|---|---|---|
| root e-mail ${mdCode(payer.rootEmail, { inTable: true })} | distributor (${domains}) | \`root-email\` | organizations:DescribeOrganization |
| root password | distributor | \`root-credential-report\` (password last used) | iam:GetCredentialReport |
| root MFA device(s), up to ${MAX_ROOT_MFA_DEVICES} | customer | \`root-mfa\`, \`root-credential-report\` | iam:GetAccountSummary, iam:GetCredentialReport |
| primary contact phone ${phone === undefined ? "(not recorded)" : mdCell(phone)} | customer | \`primary-contact\` | account:GetContactInformation |
| root access keys | nobody | \`root-access-keys\`, \`root-credential-report\` | iam:GetAccountSummary |

The audit proves that an MFA device exists and that the phone is the inventory's; who holds the
device is the fact this record, signed by both parties, establishes.

## Before

- [ ] The inventory entry is valid: \`npx payerfleet validate\`.
- [ ] Present, in person or on a shared screen: the distributor's custodian (with access to the
      distributor's password vault and to the ${mdCode(payer.rootEmail)} mailbox) and the customer's MFA
      holder(s).

## 1. Root e-mail to the distributor

- [ ] Signed in as root by whoever holds it today, change the root e-mail (Account → Account
      settings) to ${rootEmail}. AWS sends the confirmation code there: only the
      distributor receives it.

## 2. Root password to the distributor

- [ ] The distributor resets the root password ("Forgot password" sends the link to the
      distributor's mailbox) and generates it in its vault. Nobody else sees it.
- [ ] Record the vault entry's reference here, never the password: \`__________\`

## 3. Root MFA to the customer

- [ ] With the distributor signed in as root on the shared screen, the customer registers
      their MFA device(s) (Security credentials → Assign MFA device): at most ${MAX_ROOT_MFA_DEVICES}, at least two
      held by different people of the customer, so one lost device does not need the phone reset.
- [ ] Any MFA device the customer does not hold is removed.
- [ ] Record each device's name and type, and its holder (not its secret):

| device name | type | holder |
|---|---|---|
| | | |

## 4. No root access keys

- [ ] Security credentials → Access keys: none; delete any.

## 5. Primary contact phone to the customer

${phoneStep}
- [ ] Sign out of root. Root is not used again: every root sign-in raises a root-activity alert.

## 6. The automation role

- [ ] As an IAM administrator of payer ${account}, deploy \`${TEMPLATE_FILE}\` (or run \`${SCRIPT_FILE}\`).
      A payer with no IAM administrator yet is the one exception: deploy it from the root session
      of step 5, before signing out, and note it here.
- [ ] Check that the \`RoleArn\` output names account ${account}.

## 7. Reconcile, then prove

- [ ] ${mdCode(`npx payerfleet plan --partner ${partner.id}`)}, \`preview\`, \`up\`.
- [ ] ${audit("--json", `${partner.id}-custody.json`, "--markdown", `${partner.id}-custody.md`)} exits 0;
      archive both with this record.

## Sign-off

| for | name | date | signature |
|---|---|---|---|
| the distributor (${mdCell(inventory.distributor.name)}) | | | |
| the customer (${mdCell(partner.name)}) | | | |
`;
}
