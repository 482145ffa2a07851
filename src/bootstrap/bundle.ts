/**
 * Everything a distributor needs to bring one partner's payer under payerfleet the first time,
 * before any payerfleet role exists there: the template, its policies as JSON, the AWS CLI
 * equivalent, and the custody ceremony checklist. The hub account gets the same, less the
 * ceremony: its root is the distributor's alone. A billing-transfer partner gets its bill-transfer
 * account's role, and the customer's checklist (and, given the invitation, the customer's
 * commands and policy to accept exactly it).
 */
import type { Inventory } from "../inventory/schema.ts";
import { renderCeremony, CEREMONY_FILE } from "./ceremony.ts";
import { ACCEPT_POLICY_FILE, ACCEPT_SCRIPT_FILE, acceptPolicyFile, CUSTOMER_CHECKLIST_FILE, renderAcceptScript, renderCustomerChecklist } from "./customer-transfer.ts";
import { PERMISSIONS_FILE, renderCliScript, SCRIPT_FILE, TRUST_FILE } from "./aws-cli-script.ts";
import type { BootstrapTarget } from "./target.ts";
import { automationPolicy, renderTemplate, TEMPLATE_FILE } from "./template.ts";

export interface BootstrapFile {
  readonly name: string;
  readonly content: string;
  /** The shell script is written executable. */
  readonly executable: boolean;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function bootstrapFiles(inventory: Inventory, target: BootstrapTarget, handshake?: string): BootstrapFile[] {
  const files = [
    { name: TEMPLATE_FILE, content: renderTemplate(target), executable: false },
    { name: TRUST_FILE, content: json(target.role.trustPolicy), executable: false },
    { name: PERMISSIONS_FILE, content: json(automationPolicy(target).document), executable: false },
    { name: SCRIPT_FILE, content: renderCliScript(target), executable: true },
  ];
  if (target.partner !== undefined) files.push({ name: CEREMONY_FILE, content: renderCeremony(inventory, target.partner), executable: false });
  const transfer = target.transferPartner;
  if (transfer !== undefined) {
    files.push({ name: CUSTOMER_CHECKLIST_FILE, content: renderCustomerChecklist(inventory, transfer, handshake), executable: false });
    if (handshake !== undefined) {
      files.push({ name: ACCEPT_SCRIPT_FILE, content: renderAcceptScript(inventory, transfer, handshake), executable: true });
      files.push({ name: ACCEPT_POLICY_FILE, content: acceptPolicyFile(transfer, handshake), executable: false });
    }
  }
  return files;
}
