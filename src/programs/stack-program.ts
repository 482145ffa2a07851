/**
 * The Pulumi program of every payerfleet stack: `hub` is the distributor's root-activity hub,
 * any other stack name is a partner id. The driver runs it inline; Pulumi.yaml's `main`
 * (pulumi-main.ts) runs it for plain `pulumi up -s <partner>`.
 */
import { HUB_STACK, isTransfer, type Inventory } from "../inventory/schema.ts";
import { hubProgram } from "./hub.ts";
import { partnerProgram } from "./partner.ts";
import { transferPartnerProgram } from "./transfer-partner.ts";
import type { StackContext, StackProgram } from "./stack-context.ts";

/** The program of one stack; throws when the stack is neither `hub` nor a partner id. */
export function programFor(inventory: Inventory, stack: string, context: StackContext = {}): StackProgram {
  if (stack === HUB_STACK) return hubProgram(inventory);
  const partner = inventory.partners.find((p) => p.id === stack);
  if (partner === undefined) throw new Error(`stack ${stack} is neither "${HUB_STACK}" nor a partner id in the inventory`);
  return isTransfer(partner) ? transferPartnerProgram(inventory, partner, context) : partnerProgram(inventory, partner, context);
}
