/**
 * The Pulumi program of every payerfleet stack: `hub` is the distributor's root-activity hub,
 * any other stack name is a partner id. The driver runs it inline; Pulumi.yaml's `main`
 * (pulumi-main.ts) runs it for plain `pulumi up -s <partner>`.
 */
import { HUB_STACK, type Inventory } from "../inventory/schema.ts";
import { hubProgram } from "./hub.ts";
import { partnerProgram } from "./partner.ts";

export type StackProgram = () => Promise<Record<string, unknown>>;

/** What the driver knows of a stack before its program runs. */
export interface StackContext {
  /**
   * Ids of the resources already in the stack's state. An existing organization, OU or account
   * is adopted with `import` until it is there, and not after: the engine refuses to replace a
   * resource that still declares an import, even to say it is protected. Default: none.
   */
  readonly managedIds?: () => ReadonlySet<string>;
}

/** The program of one stack; throws when the stack is neither `hub` nor a partner id. */
export function programFor(inventory: Inventory, stack: string, context: StackContext = {}): StackProgram {
  if (stack === HUB_STACK) return hubProgram(inventory);
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined) throw new Error(`stack ${stack} is neither "${HUB_STACK}" nor a partner id in the inventory`);
  return partnerProgram(inventory, partner, context);
}
