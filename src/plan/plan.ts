/**
 * `plan`: the offline desired state of stacks. Runs the real stack programs under Pulumi's
 * runtime mocks, so what it shows is what `preview` would ask the engine for, minus what only
 * the cloud knows (current state, data-source reads).
 */
import type { LoadResult } from "../inventory/load.ts";
import type { Problem } from "../inventory/problems.ts";
import { HUB_STACK, type Inventory } from "../inventory/schema.ts";
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
    const declared = await declare(programFor(loaded.inventory, stack), { stack });
    const fromProgram = Array.isArray(declared.outputs["warnings"]) ? (declared.outputs["warnings"] as string[]) : [];
    plans.push({
      id: stack,
      resources: planned(declared.resources),
      warnings: [...inventoryWarningsOf(loaded.inventory, stack, loaded.problems), ...fromProgram],
    });
  }
  return plans;
}
