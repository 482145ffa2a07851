/**
 * `plan`: the offline desired state of stacks. Runs the real stack programs under Pulumi's
 * runtime mocks, so what it shows is what `preview` would ask the engine for, minus what only
 * the cloud knows (current state, data-source reads).
 */
import type { LoadResult } from "../inventory/load.ts";
import type { Problem } from "../inventory/problems.ts";
import { HUB_STACK, isTransfer, transferPartners, type Inventory } from "../inventory/schema.ts";
import { billTransferAccountOf, desiredTransfer } from "../inventory/stack-inputs.ts";
import type { AcceptedTransfer } from "../components/billing/transfer-partner.ts";
import { billingGroupName, invitationProperties } from "../domain/billing-transfer/lifecycle.ts";
import { conductorMonthlyUsd } from "../domain/billing-transfer/conductor-pricing.ts";
import { programFor } from "../programs/stack-program.ts";
import { declare, type DeclaredResource } from "./declare.ts";

/** One resource of the `plan --json` contract. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** The parent's name; null for the stack's direct children. */
  readonly parent: string | null;
  readonly protect: boolean;
  /** The existing resource's id, when it is adopted with `import`. */
  readonly import?: string;
  readonly inputs: Record<string, unknown>;
}

/** One stack of the `plan --json` contract; `id` is the partner id, or `hub`. */
export interface StackPlan {
  readonly id: string;
  readonly resources: PlannedResource[];
  readonly warnings: string[];
  /** A billing-transfer partner's lifecycle, beside its resources: what `up` drives outside Pulumi. */
  readonly transfer?: TransferPlan;
}

/** What a billing-transfer partner's lifecycle would do, offline: no AWS is read. */
export interface TransferPlan {
  /** The invitation `up` sends, for the inventory's month. */
  readonly invitation: Record<string, string>;
  /** The billing group made once the customer accepts. */
  readonly billingGroup: { readonly name: string; readonly pricingPlan: string };
}

/** Per bill-transfer account: its transfer partners, and Billing Conductor's charge when their accounts are known. */
export interface BillTransferAccountPlan {
  readonly id: string;
  readonly accountId: string;
  readonly partners: string[];
  /** Accounts in its billing groups, summed over partners with a known `accountCount`. */
  readonly accounts: number;
  /** Partners whose `accountCount` the inventory does not give. */
  readonly accountsUnknown: string[];
  /** Billing Conductor's estimated monthly charge for `accounts`, in USD. */
  readonly conductorMonthlyUsd: number;
}

/**
 * The accepted transfer a transfer partner's program is planned with: what it declares once the
 * customer accepts, its ARNs known only then.
 */
function acceptedPlaceholder(inventory: Inventory, stack: string): AcceptedTransfer | undefined {
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined || !isTransfer(partner)) return undefined;
  const account = billTransferAccountOf(inventory, partner).accountId;
  return { arn: `arn:aws:organizations::${account}:responsibilitytransfer/${KNOWN_ONCE_ACCEPTED}`, managedViewArn: `arn:aws:billing::${account}:billingview/${KNOWN_ONCE_ACCEPTED}` };
}

const KNOWN_ONCE_ACCEPTED = "[known once accepted]";

function transferPlan(inventory: Inventory, stack: string): TransferPlan | undefined {
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined || !isTransfer(partner)) return undefined;
  const wanted = desiredTransfer(inventory, partner);
  return { invitation: invitationProperties(wanted, wanted.startMonth), billingGroup: { name: billingGroupName(partner.id), pricingPlan: partner.billing.pricingPlan } };
}

/** Every bill-transfer account the inventory declares, with the estimate of what Billing Conductor charges it. */
export function billTransferAccountPlans(inventory: Inventory): BillTransferAccountPlan[] {
  const transfers = transferPartners(inventory);
  return inventory.distributor.billTransferAccounts.map((account) => {
    const mine = transfers.filter((p) => p.billing.billTransferAccount === account.id);
    const accounts = mine.reduce((sum, p) => sum + (p.billing.accountCount ?? 0), 0);
    return {
      id: account.id,
      accountId: account.accountId,
      partners: mine.map((p) => p.id),
      accounts,
      accountsUnknown: mine.filter((p) => p.billing.accountCount === undefined).map((p) => p.id),
      conductorMonthlyUsd: conductorMonthlyUsd(accounts),
    };
  });
}

/** The inventory's warnings that concern one stack: a partner's own, or the distributor's for the hub. */
function inventoryWarningsOf(inventory: Inventory, stack: string, problems: readonly Problem[]): string[] {
  const index = inventory.partners.findIndex((p) => p.id === stack);
  const prefix = stack === HUB_STACK ? "distributor" : `partners[${index}]`;
  return problems
    .filter((p) => p.severity === "warning" && (p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`)))
    .map((p) => `${p.path}: ${p.message}`);
}

function planned(resources: readonly DeclaredResource[]): PlannedResource[] {
  const names = new Map(resources.map((r) => [r.urn, r.name]));
  return resources
    .map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent === "" ? null : (names.get(r.parent) ?? r.parent),
      protect: r.protect,
      ...(r.importId === undefined ? {} : { import: r.importId }),
      inputs: r.inputs,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : 1));
}

/** Plans the stacks one after another: the mocks are process-wide. */
export async function plan(loaded: LoadResult & { inventory: Inventory }, stacks: readonly string[]): Promise<StackPlan[]> {
  const plans: StackPlan[] = [];
  for (const stack of stacks) {
    const accepted = acceptedPlaceholder(loaded.inventory, stack);
    const declared = await declare(programFor(loaded.inventory, stack, accepted === undefined ? {} : { acceptedTransfer: () => accepted }), { stack });
    const transfer = transferPlan(loaded.inventory, stack);
    const fromProgram = Array.isArray(declared.outputs["warnings"]) ? (declared.outputs["warnings"] as string[]) : [];
    plans.push({
      id: stack,
      resources: planned(declared.resources),
      warnings: [...inventoryWarningsOf(loaded.inventory, stack, loaded.problems), ...fromProgram],
      ...(transfer === undefined ? {} : { transfer }),
    });
  }
  return plans;
}
