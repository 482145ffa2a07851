/**
 * Finding and changing resources in the emulated AWS. A resource is found by type, id and the
 * account (and region, for regional ones) it lives in: a provider acting in one account never
 * sees another account's resources, as in AWS.
 */
import type { OpContext, ResourceRecord, StandinState } from "./types.ts";
import type { Props } from "./util.ts";

export function findRecord(state: StandinState, type: string, id: string, account: string, region: string | null): ResourceRecord | undefined {
  return state.resources.find((r) => r.type === type && r.id === id && r.account === account && (region === null || r.region === null || r.region === region));
}

/** Resources of `type` in the context's account (and region, unless `anyRegion`). */
export function recordsOf(ctx: OpContext, type: string, anyRegion = false): ResourceRecord[] {
  return ctx.state.resources.filter(
    (r) => r.type === type && r.account === ctx.scope.accountId && (anyRegion || r.region === null || r.region === ctx.region),
  );
}

export function addRecord(state: StandinState, record: ResourceRecord): void {
  state.resources.push(record);
}

export function removeRecord(state: StandinState, record: ResourceRecord): void {
  const i = state.resources.indexOf(record);
  if (i >= 0) state.resources.splice(i, 1);
}

/** The inputs among `properties`: what a read hands back for import and refresh. */
export function pickInputs(properties: Props, inputs: readonly string[]): Props {
  const out: Props = {};
  for (const key of inputs) {
    const value = properties[key];
    if (value === undefined || value === null) continue;
    out[key] = value;
  }
  return out;
}
