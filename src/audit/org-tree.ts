/**
 * Every account of an organization with the path of its OU, read by walking the OU tree from
 * the root: two paginated calls per OU rather than one `ListParents` per account, which keeps
 * organizations of hundreds of accounts within the Organizations API's request rate.
 */
import { mapLimit } from "../io/map-limit.ts";
import type { OrganizationAccount, PayerApi } from "./payer-api.ts";

export interface PlacedAccount extends OrganizationAccount {
  /** `Workloads/Prod`; empty for the root. */
  readonly ouPath: string;
}

/** OUs of one level read at once: Organizations throttles per organization, so stay modest. */
const PARALLEL_PARENTS = 4;

export async function organizationAccounts(api: PayerApi): Promise<PlacedAccount[]> {
  const accounts: PlacedAccount[] = [];
  let level = [{ id: await api.rootId(), path: "" }];
  while (level.length > 0) {
    const children = await mapLimit(level, PARALLEL_PARENTS, async (parent) => {
      const [units, members] = await Promise.all([api.organizationalUnitsForParent(parent.id), api.accountsForParent(parent.id)]);
      for (const a of members) accounts.push({ ...a, ouPath: parent.path });
      return units.map((u) => ({ id: u.id, path: parent.path === "" ? u.name : `${parent.path}/${u.name}` }));
    });
    level = children.flat();
  }
  return accounts.sort((a, b) => a.id.localeCompare(b.id));
}
