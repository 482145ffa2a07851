/**
 * Semantic rules over the whole fleet, run once the inventory matches its schema. Each rule
 * reads the typed inventory and reports through `report`; the loader turns paths into lines.
 */
import { HUB_FORWARD_ROLE } from "../domain/monitoring/hub-layout.ts";
import { BILLING_ADMIN_ROLE, PARTNER_ADMIN_ROLE, ROOT_ACTIVITY_DELIVERY_ROLE } from "../domain/names.ts";
import { onDomains } from "../domain/custody/contacts.ts";
import { declaredOus } from "../domain/organization.ts";
import { AWS_REGIONS } from "../domain/regions.ts";
import { BILLING_RULES } from "./billing-rules.ts";
import { closest } from "./schema-issues.ts";
import { HUB_STACK } from "./schema.ts";
import { error, partnersOf, transferOrUnsure, warning, type Fleet, type Rejected, type Report, type Rule } from "./findings.ts";
import { formatPath, type PathKey } from "./problems.ts";



/**
 * Reports every later use of a key that was already used, naming the first use. Fleets hold
 * 100,000+ accounts: a use is remembered as two packed integers (partner, account), and a path
 * is built only for a duplicate.
 */
function firstUse(rule: string, what: string, report: Report, pathOf: (partner: number, account: number) => readonly PathKey[]) {
  const seen = new Map<string, number>();
  const ACCOUNTS = 2 ** 20;
  return (key: string, partner: number, account = -1, shown = key) => {
    const first = seen.get(key);
    if (first === undefined) {
      // Accounts from -2 upward: stored shifted by 2 so that every use packs to its own number.
      seen.set(key, partner * ACCOUNTS + account + 2);
      return;
    }
    const firstPartner = Math.floor(first / ACCOUNTS);
    const firstPath = pathOf(firstPartner, first - firstPartner * ACCOUNTS - 2);
    report({ ...error(rule, pathOf(partner, account), `${what} ${shown} must be unique across the fleet: already used at ${formatPath(firstPath)}`), related: firstPath });
  };
}


const uniquePartnerIds: Rule = (fleet, report) => {
  const use = firstUse("duplicate-partner-id", "partner id", report, (i) => ["partners", i, "id"]);
  partnersOf(fleet).forEach((p, i) => {
    if (p.id !== undefined) use(p.id.toLowerCase(), i, -1, `"${p.id}"`);
  });
};

const reservedStackName: Rule = (fleet, report) => {
  partnersOf(fleet).forEach((p, i) => {
    if (p.id?.toLowerCase() === HUB_STACK) {
      report(error("reserved-stack-name", ["partners", i, "id"], `"${p.id}" is reserved for the root-activity hub stack; choose another partner id`));
    }
  });
};

/**
 * Where an account id or e-mail stands: partner -1 is the hub, account -1 the payer, account
 * -2 a transfer partner's own management account.
 */
function accountPath(field: "accountId" | "email" | "rootEmail") {
  return (i: number, j: number): readonly PathKey[] => {
    if (i < 0) return ["distributor", "hub", "accountId"];
    if (j === -2) return ["partners", i, "billing", "managementAccountId"];
    if (j < 0) return ["partners", i, "payer", field];
    return ["partners", i, "linkedAccounts", j, field === "rootEmail" ? "email" : field];
  };
}

const uniqueAccountIds: Rule = (fleet, report) => {
  const use = firstUse("duplicate-account-id", "account id", report, accountPath("accountId"));
  const hub = fleet.distributor?.hub?.accountId;
  // The hub is partner -1: packed as a negative number, still distinct from every partner.
  if (hub !== undefined) use(hub, -1);
  partnersOf(fleet).forEach((p, i) => {
    // A transfer partner's payer is an error of its own (billing-rules.ts): not counted twice.
    if (p.billing?.model === "transfer") {
      if (p.billing.managementAccountId !== undefined) use(p.billing.managementAccountId, i, -2);
    } else if (p.payer?.accountId !== undefined) use(p.payer.accountId, i);
    p.linkedAccounts?.forEach((a, j) => {
      if (a.accountId !== undefined) use(a.accountId, i, j);
    });
  });
};

const uniqueEmails: Rule = (fleet, report) => {
  // AWS compares account e-mails without regard to case.
  const use = firstUse("duplicate-email", "e-mail", report, accountPath("rootEmail"));
  partnersOf(fleet).forEach((p, i) => {
    const root = p.payer?.rootEmail;
    if (root !== undefined) use(root.toLowerCase(), i, -1, root);
    p.linkedAccounts?.forEach((a, j) => {
      if (a.email !== undefined) use(a.email.toLowerCase(), i, j, a.email);
    });
  });
};

const payerEmailOnDistributorDomain: Rule = (fleet, report) => {
  const domains = fleet.distributor?.emailDomains?.filter((d) => d !== undefined);
  if (domains === undefined) return;
  partnersOf(fleet).forEach((p, i) => {
    const root = p.payer?.rootEmail;
    if (root !== undefined && !onDomains(root, domains)) {
      report(
        error(
          "payer-email-domain",
          ["partners", i, "payer", "rootEmail"],
          `the payer's root e-mail must be on one of the distributor's domains (${domains.join(", ")}), which AWS support cross-checks`,
        ),
      );
    }
  });
};

const linkedEmailOffDistributorDomain: Rule = (fleet, report) => {
  const domains = fleet.distributor?.emailDomains?.filter((d) => d !== undefined);
  if (domains === undefined) return;
  partnersOf(fleet).forEach((p, i) =>
    p.linkedAccounts?.forEach((a, j) => {
      if (a.email !== undefined && onDomains(a.email, domains)) {
        report(
          error(
            "linked-email-domain",
            ["partners", i, "linkedAccounts", j, "email"],
            `a linked account belongs to the customer (ECAM): its e-mail must not be on the distributor's domains (${domains.join(", ")})`,
          ),
        );
      }
    }),
  );
};

const customerHoldsMfaAndPhone: Rule = (fleet, report) => {
  partnersOf(fleet).forEach((p, i) => {
    const path = ["partners", i, "payer", "custody"];
    const custody = p.payer?.custody;
    if (custody?.mfaHolder === "distributor") {
      report(error("custody-mfa-holder", [...path, "mfaHolder"], "must be customer: split custody gives the root MFA to the customer, e-mail and password to the distributor"));
    }
    if (custody?.primaryPhoneHolder === "distributor") {
      report(error("custody-phone-holder", [...path, "primaryPhoneHolder"], "must be customer: the primary phone resets the root MFA, so it stays with the MFA holder"));
    }
  });
};

/** The roles payerfleet deploys: the automation role may not take one of their names. */
const DEPLOYED_ROLES = [BILLING_ADMIN_ROLE, PARTNER_ADMIN_ROLE, ROOT_ACTIVITY_DELIVERY_ROLE, HUB_FORWARD_ROLE];

const automationRoleOfItsOwn: Rule = (fleet, report) => {
  const name = fleet.distributor?.automation?.roleName;
  if (name !== undefined && DEPLOYED_ROLES.includes(name)) {
    report(
      error(
        "reserved-role-name",
        ["distributor", "automation", "roleName"],
        `${name} is a role payerfleet deploys and manages in every payer; the automation role, which may never change itself, needs a name of its own (default payerfleet-automation)`,
      ),
    );
  }
};

const knownRegions: Rule = (fleet, report) => {
  const known = new Set(AWS_REGIONS);
  const seen = new Set<string>();
  fleet.distributor?.regions?.forEach((region, i) => {
    const path = ["distributor", "regions", i];
    if (!known.has(region)) {
      const near = closest(region, AWS_REGIONS);
      const hint = near ? `did you mean ${near}? ` : "";
      report(error("unknown-region", path, `unknown AWS region: ${hint}allowed: ${AWS_REGIONS.join(", ")}`));
    } else if (seen.has(region)) {
      report(warning("duplicate-region", path, `${region} is listed twice`));
    }
    seen.add(region);
  });
};

const organizationalUnits: Rule = (fleet, report) => {
  partnersOf(fleet).forEach((p, i) => {
    const listed: string[] = [];
    p.organizationalUnits?.forEach((ou, j) => {
      if (listed.includes(ou)) report(error("duplicate-ou", ["partners", i, "organizationalUnits", j], `OU ${ou} is listed twice`));
      listed.push(ou);
    });
    const declared = declaredOus(listed);
    const allowed = `(${declared.size === 0 ? "none are declared" : `declared: ${[...declared].join(", ")}`})`;
    for (const path of Object.keys(p.existingOrganizationalUnits ?? {})) {
      if (!declared.has(path)) {
        report(error("unknown-ou", ["partners", i, "existingOrganizationalUnits", path], `OU ${path} is not in this partner's organizationalUnits ${allowed}`));
      }
    }
    p.linkedAccounts?.forEach((a, j) => {
      if (a.ou !== undefined && !declared.has(a.ou)) {
        report(error("unknown-ou", ["partners", i, "linkedAccounts", j, "ou"], `OU is not in this partner's organizationalUnits ${allowed}`));
      }
    });
  });
};

const uniqueLinkedAccountNames: Rule = (fleet, report) => {
  partnersOf(fleet).forEach((p, i) => {
    const first = new Map<string, number>();
    p.linkedAccounts?.forEach((a, j) => {
      if (a.name === undefined) return;
      const at = first.get(a.name);
      if (at === undefined) first.set(a.name, j);
      else report(error("duplicate-account-name", ["partners", i, "linkedAccounts", j, "name"], `account name "${a.name}" is already used at linkedAccounts[${at}] of this partner`));
    });
  });
};

/**
 * Not errors: things a reviewer of the inventory should see. On an inventory the schema
 * rejected, defaults are not applied: a field that is absent takes its default here, and a
 * field whose value was rejected is left alone (its error says enough).
 */
function reviewerWarnings(fleet: Fleet, report: Report, rejected: Rejected): void {
  const absent = (holder: object | undefined, key: string) =>
    holder !== undefined && (holder as Record<string, unknown>)[key] === undefined && !rejected(holder, key);
  const hub = fleet.distributor?.hub;
  if (hub?.alertSubscriptions?.length === 0 || absent(hub, "alertSubscriptions")) {
    report(warning("no-alert-subscriptions", ["distributor", "hub"], "no alertSubscriptions: root activity reaches the hub but nobody is notified"));
  }
  partnersOf(fleet).forEach((p, i) => {
    const at = ["partners", i];
    // A transfer partner's custody-only fields are errors of their own (billing-rules.ts).
    if (transferOrUnsure(p, rejected)) return;
    if (p.partnerAdmins?.length === 0 || absent(p, "partnerAdmins")) {
      report(warning("no-partner-admins", at, "no partnerAdmins: the partner gets no admin access to its payer, so only the distributor can run its organization"));
    }
    if (p.features?.rootActivityMonitor === false) {
      report(warning("root-monitor-off", [...at, "features", "rootActivityMonitor"], "root activity in this payer will not be alerted"));
    } else if (p.features?.organizationTrail === false) {
      report(warning("trail-off", [...at, "features", "organizationTrail"], "without a trail, root API calls raise no events: only console sign-ins will be alerted"));
    }
    if (absent(p.payer, "primaryContact")) {
      report(warning("no-primary-contact", [...at, "payer"], "no primaryContact: audit cannot check that the primary phone is the customer's"));
    }
  });
}

/** The rules whose findings are errors. */
export const RULES: readonly Rule[] = [
  uniquePartnerIds,
  reservedStackName,
  uniqueAccountIds,
  uniqueEmails,
  payerEmailOnDistributorDomain,
  linkedEmailOffDistributorDomain,
  customerHoldsMfaAndPhone,
  automationRoleOfItsOwn,
  knownRegions,
  organizationalUnits,
  uniqueLinkedAccountNames,
  ...BILLING_RULES,
];

/**
 * Runs every rule, and the reviewer warnings when asked.
 */
export function checkFleet(fleet: Fleet, report: Report, options: { warnings: boolean; rejected?: Rejected }): void {
  const rejected = options.rejected ?? (() => false);
  for (const rule of RULES) rule(fleet, report, rejected);
  if (options.warnings) reviewerWarnings(fleet, report, rejected);
}
