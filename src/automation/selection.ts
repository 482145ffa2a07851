/**
 * Which stacks a fleet command acts on: every partner plus the hub, narrowed by `--partner`,
 * `--changed-since` and `--shard`, which combine as an intersection. Stacks come out hub first,
 * then partners in inventory order; the runner decides the order they run in.
 */
import { HUB_STACK, type Inventory } from "../inventory/schema.ts";
import type { ChangedSince } from "./changed.ts";
import { shardOf, type Shard } from "./shard.ts";

export interface StackTarget {
  /** The Pulumi stack name: a partner id, or `hub`. */
  readonly stack: string;
  /** The partner id, or null for the hub. */
  readonly partner: string | null;
}

export interface SelectionOptions {
  /** `--partner` ids; `hub` names the hub stack. Empty: no narrowing. */
  readonly partners?: readonly string[];
  readonly changed?: ChangedSince;
  readonly shard?: Shard;
}

export interface Selection {
  readonly targets: StackTarget[];
  /** Bad input (unknown ids): nothing may run when there is any. */
  readonly problems: string[];
}

export function selectStacks(inventory: Inventory, options: SelectionOptions): Selection {
  const all: StackTarget[] = [{ stack: HUB_STACK, partner: null }, ...inventory.partners.map((p) => ({ stack: p.id, partner: p.id }))];
  const known = new Set(all.map((t) => t.stack));
  const problems: string[] = [];
  const named = options.partners ?? [];
  const unknown = [...new Set(named.filter((id) => !known.has(id)))];
  if (unknown.length > 0) {
    const ids = inventory.partners.map((p) => p.id).join(", ") || "(none)";
    problems.push(`unknown partner id${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the inventory's partner ids are: ${ids} (and ${HUB_STACK} for the hub stack)`);
  }
  let targets = all;
  if (named.length > 0) targets = targets.filter((t) => named.includes(t.stack));
  const changed = options.changed;
  if (changed !== undefined && !changed.all) {
    // The hub's bus policy admits every payer: any partner added, removed or changed may change it.
    const hub = changed.partners.size > 0 || changed.removed.length > 0;
    targets = targets.filter((t) => (t.partner === null ? hub : changed.partners.has(t.stack)));
  }
  const shard = options.shard;
  if (shard !== undefined) {
    targets = targets.filter((t) => (t.partner === null ? shard.index === 1 : shardOf(t.stack, shard.count) === shard.index));
  }
  return { targets, problems };
}
