/**
 * The stacks of a fleet, and the one way every command turns `--partner` ids into them: the
 * `hub` stack first, then one stack per partner in inventory order. An id the inventory does
 * not know is bad input, worded the same by every command.
 */
import { InputError } from "../io/errors.ts";
import { HUB_STACK, type Inventory } from "./schema.ts";

export interface StackTarget {
  /** The Pulumi stack name: a partner id, or `hub`. */
  readonly stack: string;
  /** The partner id, or null for the hub. */
  readonly partner: string | null;
}

/** Every stack of the inventory, hub first. */
function allStacks(inventory: Inventory): StackTarget[] {
  return [{ stack: HUB_STACK, partner: null }, ...inventory.partners.map((p) => ({ stack: p.id, partner: p.id }))];
}

/**
 * The stacks `named` (every stack when none is), in fleet order; `hub` names the hub stack
 * where the command has something to do there. Throws an {@link InputError} naming every
 * unknown id and the ids the inventory has.
 */
export function namedStacks(inventory: Inventory, named: readonly string[], options: { readonly hub: boolean }): StackTarget[] {
  const all = allStacks(inventory).filter((t) => options.hub || t.partner !== null);
  if (named.length === 0) return all;
  const known = new Set(all.map((t) => t.stack));
  const unknown = [...new Set(named.filter((id) => !known.has(id)))];
  if (unknown.length > 0) {
    const problems = unknown.map((id) =>
      id === HUB_STACK
        ? `${HUB_STACK} is the root-activity hub's stack, which this command does not act on; name a partner`
        : `unknown partner ${id}: the inventory's partners are ${inventory.partners.map((p) => p.id).join(", ") || "(none)"}${options.hub ? ` (and ${HUB_STACK}, the root-activity hub's stack)` : ""}`,
    );
    throw new InputError(problems);
  }
  return all.filter((t) => named.includes(t.stack));
}
