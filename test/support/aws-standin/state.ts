/**
 * The emulated AWS, a JSON file (PAYERFLEET_STANDIN_STATE): reading and changing it under the
 * cross-process lock, and the helpers tests use to seed it (an organization with OUs and
 * accounts owned by some account) and to read it back or edit it (drift).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { withLock } from "./lock.ts";
import { ACCOUNT, newMemberAccount, newOrganization, newOrganizationalUnit, ORGANIZATION, organizationManagedBy } from "./resources/organizations.ts";
import type { AccountInfo, PrimaryContact, ResourceRecord, StandinState } from "./types.ts";
import type { Props } from "./util.ts";

export type { AccountInfo, PrimaryContact, ResourceRecord, StandinState } from "./types.ts";

export function emptyState(): StandinState {
  return { version: 1, accounts: {}, resources: [] };
}

function load(file: string): StandinState {
  if (!existsSync(file)) return emptyState();
  const text = readFileSync(file, "utf8");
  return text.trim() === "" ? emptyState() : (JSON.parse(text) as StandinState);
}

function save(file: string, state: StandinState): void {
  // Renamed into place, so a reader never sees half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}

/** Reads the state, lets `fn` change it, writes it back: all under the lock. */
export async function updateState<T>(file: string, fn: (state: StandinState) => T): Promise<T> {
  return withLock(`${file}.lock`, () => {
    const state = load(file);
    const result = fn(state);
    save(file, state);
    return result;
  });
}

/** A consistent snapshot of the state. */
export async function readState(file: string): Promise<StandinState> {
  return withLock(`${file}.lock`, () => load(file));
}

/** Writes a fresh state (an empty AWS, unless given one). */
export async function writeState(file: string, state: StandinState = emptyState()): Promise<void> {
  await withLock(`${file}.lock`, () => save(file, state));
}

/** A default primary contact, so that programs reading it find one. */
const DEFAULT_CONTACT: PrimaryContact = { fullName: "Primary Contact", companyName: "Customer Ltd", phoneNumber: "+44 20 7946 0000" };

/** An AWS account (a payer, the hub, a standalone account): its root e-mail, name and primary contact. */
export async function seedAccount(file: string, id: string, info: AccountInfo = {}): Promise<void> {
  await updateState(file, (state) => {
    state.accounts[id] = { primaryContact: DEFAULT_CONTACT, email: `root+${id}@example.com`, name: `account ${id}`, ...state.accounts[id], ...info };
  });
}

/** The account that ambient credentials act in (a provider that assumes no role). */
export async function setAmbientAccount(file: string, id: string): Promise<void> {
  await updateState(file, (state) => {
    state.ambientAccountId = id;
  });
}

export interface OrganizationSeed {
  /** The management account (a payer). It is seeded as an account too if unknown. */
  managementAccountId: string;
  /** Default: generated, `o-` and 10 characters. */
  id?: string;
  /** Default: generated, `r-` and 4 characters. */
  rootId?: string;
  featureSet?: "ALL" | "CONSOLIDATED_BILLING";
  awsServiceAccessPrincipals?: string[];
  enabledPolicyTypes?: string[];
  /** In order, parents first; `parent` is another seeded OU's name or id, default the root. */
  organizationalUnits?: { name: string; id?: string; parent?: string }[];
  /** Member accounts; `parent` as for OUs, default the root. */
  accounts?: { id?: string; name: string; email: string; parent?: string }[];
}

export interface SeededOrganization {
  id: string;
  rootId: string;
  /** OU ids by name. */
  organizationalUnits: Record<string, string>;
  /** Account ids by name. */
  accounts: Record<string, string>;
}

/** An existing organization, as a partner's payer has before onboarding: for `import`. */
export async function seedOrganization(file: string, seed: OrganizationSeed): Promise<SeededOrganization> {
  return updateState(file, (state) => {
    const mgmt = seed.managementAccountId;
    state.accounts[mgmt] ??= { primaryContact: DEFAULT_CONTACT, email: `root+${mgmt}@example.com`, name: `account ${mgmt}` };
    if (organizationManagedBy(state, mgmt)) throw new Error(`aws stand-in: ${mgmt} already manages an organization`);
    const org = newOrganization(
      mgmt,
      {
        featureSet: seed.featureSet ?? "ALL",
        awsServiceAccessPrincipals: [...(seed.awsServiceAccessPrincipals ?? [])].sort(),
        enabledPolicyTypes: seed.enabledPolicyTypes ?? [],
      },
      { ...(seed.id ? { id: seed.id } : {}), ...(seed.rootId ? { rootId: seed.rootId } : {}) },
    );
    state.resources.push(org);
    const rootId = (org.properties["roots"] as { id: string }[])[0]!.id;
    const ous: Record<string, string> = {};
    const parentOf = (parent: string | undefined): string => (parent === undefined ? rootId : (ous[parent] ?? parent));
    for (const ou of seed.organizationalUnits ?? []) {
      const record = newOrganizationalUnit(org, { name: ou.name, parentId: parentOf(ou.parent) }, ou.id);
      state.resources.push(record);
      ous[ou.name] = record.id;
    }
    const accounts: Record<string, string> = {};
    for (const a of seed.accounts ?? []) {
      const record = newMemberAccount(org, { name: a.name, email: a.email, parentId: parentOf(a.parent) }, a.id, "INVITED");
      state.resources.push(record);
      state.accounts[record.id] = { ...state.accounts[record.id], name: a.name, email: a.email };
      accounts[a.name] = record.id;
    }
    return { id: org.id, rootId, organizationalUnits: ous, accounts };
  });
}

/** The resources of one type, optionally in one account. */
export function resourcesOf(state: StandinState, type: string, account?: string): ResourceRecord[] {
  return state.resources.filter((r) => r.type === type && (account === undefined || r.account === account));
}

/** One resource by type and id (its first match in any account), or undefined. */
export function findResource(state: StandinState, type: string, id: string): ResourceRecord | undefined {
  return state.resources.find((r) => r.type === type && r.id === id);
}

/** Changes a resource behind Pulumi's back (drift): `edit` changes its properties in place. */
export async function editResource(file: string, type: string, id: string, edit: (properties: Props) => void): Promise<void> {
  await updateState(file, (state) => {
    const record = findResource(state, type, id);
    if (!record) throw new Error(`aws stand-in: no ${type} ${id} to edit`);
    edit(record.properties);
  });
}

/** Deletes a resource behind Pulumi's back: a refresh then finds it gone. */
export async function removeResource(file: string, type: string, id: string): Promise<void> {
  await updateState(file, (state) => {
    state.resources = state.resources.filter((r) => !(r.type === type && r.id === id));
  });
}

export { ACCOUNT, ORGANIZATION };
