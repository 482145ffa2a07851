/**
 * Which stacks a fleet command acts on: every partner plus the hub, narrowed by `--partner`,
 * `--changed-since` and `--shard`, which combine as an intersection. Stacks come out hub first,
 * then partners in inventory order; the runner decides the order they run in.
 */
import type { Inventory } from "../../inventory/schema.ts";
import { namedStacks, type StackTarget } from "../../inventory/stacks.ts";
import type { ChangedSince } from "./changed.ts";
import { shardOf, type Shard } from "./shard.ts";

export type { StackTarget };

export interface SelectionOptions {
  /** `--partner` ids; `hub` names the hub stack. Empty: no narrowing. */
  readonly partners?: readonly string[];
  readonly changed?: ChangedSince;
  readonly shard?: Shard;
}

export interface Selection {
  readonly targets: StackTarget[];
}

/** The selected stacks; throws an InputError naming every unknown `--partner` id. */
export function selectStacks(inventory: Inventory, options: SelectionOptions): Selection {
  let targets = namedStacks(inventory, options.partners ?? [], { hub: true });
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
  return { targets };
}
