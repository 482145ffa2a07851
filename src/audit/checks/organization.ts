/**
 * The payer's organization against the inventory: the management account's root e-mail on the
 * distributor's domain (split custody), every linked account present and in its OU, nothing in
 * the organization the inventory does not know, and no linked account on the distributor's
 * domain (ECAM: linked accounts are the customer's).
 */
import type { LinkedAccount } from "../../inventory/schema.ts";
import { organizationAccounts, type PlacedAccount } from "../org-tree.ts";
import { reasonOf } from "../errors.ts";
import { couldNotCheck, fail, pass, type Check } from "../report.ts";
import { onDomains, sameEmail } from "../../domain/custody/contacts.ts";
import { listOf, type CheckContext, type CheckGroup } from "./group.ts";

const ROOT_EMAIL = "root-email";
const ACCOUNT_CHECKS = ["linked-accounts", "linked-account-ous", "unknown-accounts", "linked-account-emails"] as const;

export function organizationChecks(ctx: CheckContext): CheckGroup[] {
  return [
    {
      ids: [ROOT_EMAIL, ...ACCOUNT_CHECKS],
      async run(api) {
        const payer = ctx.partner.payer.accountId;
        const org = await api.describeOrganization();
        if (org === undefined) {
          return [ROOT_EMAIL, ...ACCOUNT_CHECKS].map((id) => fail(id, "the payer belongs to no organization"));
        }
        if (org.managementAccountId !== payer) {
          const detail = `the payer is not the management account of organization ${org.id}: ${org.managementAccountId} is`;
          return [ROOT_EMAIL, ...ACCOUNT_CHECKS].map((id) => fail(id, detail));
        }
        const email = rootEmailCheck(ctx, org.managementAccountEmail);
        let accounts: PlacedAccount[];
        try {
          accounts = await organizationAccounts(api);
        } catch (err) {
          return [email, ...ACCOUNT_CHECKS.map((id) => couldNotCheck(id, reasonOf(err)))];
        }
        return [email, ...accountChecks(ctx, org.id, accounts.filter((a) => a.id !== payer))];
      },
    },
  ];
}

function rootEmailCheck(ctx: CheckContext, actual: string): Check {
  const domains = ctx.inventory.distributor.emailDomains;
  const expected = ctx.partner.payer.rootEmail;
  if (!onDomains(actual, domains)) {
    return fail(ROOT_EMAIL, `the management account's e-mail ${actual} is not on the distributor's domains (${domains.join(", ")})`);
  }
  if (!sameEmail(actual, expected)) {
    return fail(ROOT_EMAIL, `the management account's e-mail is ${actual}; the inventory says ${expected}`);
  }
  return pass(ROOT_EMAIL, `the management account's e-mail ${actual} is the inventory's, on the distributor's domain`);
}

const ouName = (path: string) => (path === "" ? "the root" : path);
const described = (a: PlacedAccount) => `${a.id} ${a.name} <${a.email}>`;

function accountChecks(ctx: CheckContext, orgId: string, accounts: readonly PlacedAccount[]): Check[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const byEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
  // Accounts payerfleet created have no id in the inventory: they are known by e-mail.
  const find = (la: LinkedAccount) => (la.accountId !== undefined ? byId.get(la.accountId) : byEmail.get(la.email.toLowerCase()));
  const linked = ctx.partner.linkedAccounts;
  const found = linked.map((la) => ({ la, account: find(la) }));

  const missing: string[] = [];
  const drift: string[] = [];
  const misplaced: string[] = [];
  const matched = new Set<string>();
  for (const { la, account } of found) {
    if (account === undefined) {
      missing.push(`${la.name} (${la.accountId ?? la.email})`);
      continue;
    }
    matched.add(account.id);
    if (!sameEmail(account.email, la.email)) drift.push(`${la.name}: e-mail ${account.email}, the inventory says ${la.email}`);
    if (account.status !== "ACTIVE") drift.push(`${la.name}: ${account.status}`);
    const expected = la.ou ?? "";
    if (account.ouPath !== expected) misplaced.push(`${la.name} is in ${ouName(account.ouPath)}, the inventory says ${ouName(expected)}`);
  }

  const present =
    missing.length + drift.length === 0
      ? pass("linked-accounts", linked.length === 0 ? "the inventory lists no linked account" : `all ${linked.length} linked accounts of the inventory are in organization ${orgId}`)
      : fail("linked-accounts", listOf([...missing.map((m) => `missing: ${m}`), ...drift]));
  const placedCount = found.filter((f) => f.account !== undefined).length;
  const ous =
    misplaced.length === 0
      ? pass("linked-account-ous", placedCount === 0 ? "no linked account to place" : `all ${placedCount} linked accounts found are in their OU`)
      : fail("linked-account-ous", listOf(misplaced));
  const unknown = accounts.filter((a) => !matched.has(a.id));
  const extra =
    unknown.length === 0
      ? pass("unknown-accounts", accounts.length === 0 ? "the organization has no linked account" : `all ${accounts.length} linked accounts of the organization are in the inventory`)
      : fail("unknown-accounts", `not in the inventory: ${listOf(unknown.map(described))}`);
  const domains = ctx.inventory.distributor.emailDomains;
  const breaches = accounts.filter((a) => onDomains(a.email, domains));
  const emails =
    breaches.length === 0
      ? pass("linked-account-emails", `no linked account uses the distributor's domains (${domains.join(", ")})`)
      : fail("linked-account-emails", `on the distributor's domains, which ECAM forbids: ${listOf(breaches.map(described))}`);
  return [present, ous, extra, emails];
}
