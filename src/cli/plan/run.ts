import { billTransferAccountPlans, plan, type BillTransferAccountPlan, type StackPlan } from "../../plan/plan.ts";
import { isTransfer, type Inventory } from "../../inventory/schema.ts";
import { stackAccountId } from "../../inventory/stack-inputs.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { visible } from "../../text/characters.ts";
import { plural } from "../../text/plural.ts";
import { EXIT } from "../../io/exit-codes.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";

export interface PlanOptions {
  readonly inventory: string;
  /** Stack names; empty for every stack. */
  readonly partners: readonly string[];
  readonly json: boolean;
}

export async function runPlan(options: PlanOptions, io: CommandIo): Promise<number> {
  const loaded = await loadOrThrow(io, options.inventory);
  const stacks = namedStacks(loaded.inventory, options.partners, { hub: true }).map((t) => t.stack);
  const plans = await plan(loaded, stacks);
  // Billing Conductor charges a bill-transfer account for all its partners at once: shown for the whole fleet.
  const accounts = options.partners.length === 0 ? billTransferAccountPlans(loaded.inventory) : [];
  io.stdout(
    options.json
      ? `${JSON.stringify({ partners: plans, ...(accounts.length === 0 ? {} : { billTransferAccounts: accounts }) }, null, 2)}\n`
      : renderPlans(loaded.inventory, plans, accounts),
  );
  return EXIT.ok;
}

function describeStack(inventory: Inventory, id: string): string {
  const partner = inventory.partners.find((p) => p.id === id);
  if (partner === undefined) return `${id}: root-activity hub, account ${inventory.distributor.hub.accountId}`;
  if (isTransfer(partner)) return `${id}: ${partner.name}, billing transfer from ${partner.billing.managementAccountId} to ${partner.billing.billTransferAccount} (${stackAccountId(inventory, id)}) from ${partner.billing.startMonth}`;
  return `${id}: ${partner.name}, payer ${partner.payer.accountId}`;
}

/** Per stack: resources counted by type, protected and adopted ones noted, then warnings. */
export function renderPlans(inventory: Inventory, plans: readonly StackPlan[], accounts: readonly BillTransferAccountPlan[] = []): string {
  const lines = ["Offline desired state (no cloud account, no Pulumi CLI; data sources are not read):", ""];
  for (const stack of plans) {
    const custom = stack.resources.filter((r) => !r.type.startsWith("payerfleet:"));
    lines.push(`${describeStack(inventory, stack.id)}: ${custom.length} resources`);
    const byType = new Map<string, { count: number; protect: number; adopt: number }>();
    for (const r of custom) {
      const entry = byType.get(r.type) ?? { count: 0, protect: 0, adopt: 0 };
      entry.count++;
      if (r.protect) entry.protect++;
      if (r.import !== undefined) entry.adopt++;
      byType.set(r.type, entry);
    }
    for (const [type, { count, protect, adopt }] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const notes = [protect > 0 ? `${protect} protected` : "", adopt > 0 ? `${adopt} adopted by import` : ""].filter(Boolean);
      lines.push(`  ${String(count).padStart(4)}  ${type}${notes.length > 0 ? `  (${notes.join(", ")})` : ""}`);
    }
    if (stack.transfer !== undefined) {
      const { invitation, billingGroup } = stack.transfer;
      lines.push(`  billing transfer: invite ${invitation["managementAccountId"]} to transfer its bill to ${invitation["billTransferAccountId"]} from ${invitation["startMonth"]}, accepted by ${invitation["acceptBy"]}`);
      lines.push(`  once accepted: billing group ${billingGroup.name} (pricing ${billingGroup.pricingPlan}), and the resources above built on the transfer's managed view`);
    }
    for (const w of stack.warnings) lines.push(`  warning: ${w}`);
    lines.push("");
  }
  for (const a of accounts) {
    const unknown = a.accountsUnknown.length === 0 ? "" : `; account counts unknown for ${a.accountsUnknown.join(", ")}`;
    lines.push(`bill-transfer account ${a.id} (${a.accountId}): ${plural(a.partners.length, "transfer partner")}, ${plural(a.accounts, "account")} in billing groups: Billing Conductor about $${a.conductorMonthlyUsd.toFixed(2)} a month${unknown}`);
  }
  if (accounts.length > 0) lines.push("");
  // Names and warnings carry inventory text: one line each, whatever it holds.
  return lines.map((line) => visible(line)).join("\n");
}
