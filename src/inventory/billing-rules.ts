/**
 * The rules of billing-transfer partners and the distributor's bill-transfer accounts. A
 * transfer partner keeps its management account: the custody fields that describe a payer the
 * distributor owns have no meaning for it, and are errors rather than silently ignored.
 */
import { MAX_INBOUND_TRANSFERS } from "../domain/billing-transfer/quotas.ts";
import type { PathKey } from "./problems.ts";
import { error, partnersOf, transferOrUnsure, warning, type Report, type Rule } from "./findings.ts";

/** The partner fields that only a custody partner has, and what each describes. */
const CUSTODY_ONLY: Readonly<Record<string, string>> = {
  payer: "the distributor-owned payer (root e-mail, custody holders, contacts)",
  partnerAdmins: "partner admins fenced inside a distributor-owned payer",
  linkedAccounts: "linked accounts the distributor's stack manages",
  organizationalUnits: "OUs the distributor's stack manages",
  existingOrganizationalUnits: "OUs the distributor's stack adopts",
  features: "root-activity and trail features of a distributor-owned payer",
};

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Every custody-only field written on a transfer partner, read from the file as written
 * (before defaults), so that `features: {}` is reported as surely as a payer.
 */
export function custodyFieldsOnTransferPartners(data: unknown, report: Report): void {
  const partners = isMap(data) && Array.isArray(data["partners"]) ? data["partners"] : [];
  partners.forEach((p: unknown, i) => {
    if (!isMap(p) || !isMap(p["billing"]) || p["billing"]["model"] !== "transfer") return;
    for (const [field, what] of Object.entries(CUSTODY_ONLY)) {
      if (!(field in p)) continue;
      report({
        ...error("custody-field-on-transfer", ["partners", i, field], `remove ${field}: it describes ${what}, and a billing-transfer partner keeps its own management account`),
        atKey: true,
      });
    }
  });
}

const custodyPartnerHasPayer: Rule = (fleet, report, rejected) => {
  partnersOf(fleet).forEach((p, i) => {
    // A billing block whose model the schema rejected may be meant as a transfer: its error says enough.
    if (transferOrUnsure(p, rejected) || p.payer !== undefined || rejected(p, "payer") || rejected(p, "billing")) return;
    report({
      ...error("custody-payer-required", ["partners", i], "payer is required: a partner without billing.model: transfer is a custody partner, whose payer the distributor owns"),
      atKey: true,
    });
  });
};

const uniqueBillTransferAccounts: Rule = (fleet, report) => {
  const ids = new Map<string, number>();
  const accounts = new Map<string, number>();
  fleet.distributor?.billTransferAccounts?.forEach((a, k) => {
    const at: PathKey[] = ["distributor", "billTransferAccounts", k];
    for (const [seen, key, value] of [[ids, "id", a.id], [accounts, "accountId", a.accountId]] as const) {
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, k);
      else report({ ...error("duplicate-bill-transfer-account", [...at, key], `${key} ${value} is already used at billTransferAccounts[${first}]`), related: ["distributor", "billTransferAccounts", first, key] });
    }
    if (a.accountId !== undefined && a.accountId === fleet.distributor?.hub?.accountId) {
      report(warning("bill-transfer-account-is-hub", [...at, "accountId"], "the bill-transfer account is also the root-activity hub: one account then holds both the fleet's alerts and its bills"));
    }
  });
};

const transferTargets: Rule = (fleet, report) => {
  const declared = fleet.distributor?.billTransferAccounts ?? [];
  const byId = new Map(declared.filter((a) => a.id !== undefined).map((a, k) => [a.id!, { ...a, index: k }]));
  const billTransferAccountIds = new Map(declared.filter((a) => a.accountId !== undefined).map((a) => [a.accountId!, a.id]));
  const counts = new Map<string, number>();
  const hub = fleet.distributor?.hub?.accountId;
  partnersOf(fleet).forEach((p, i) => {
    const billing = p.billing;
    if (billing?.model !== "transfer") return;
    const at: PathKey[] = ["partners", i, "billing"];
    if (billing.billTransferAccount !== undefined) {
      const account = byId.get(billing.billTransferAccount);
      if (account === undefined) {
        const names = [...byId.keys()];
        report(error("unknown-bill-transfer-account", [...at, "billTransferAccount"], `no bill-transfer account ${billing.billTransferAccount} in distributor.billTransferAccounts (${names.length === 0 ? "none are declared" : `declared: ${names.join(", ")}`})`));
      } else {
        const count = (counts.get(billing.billTransferAccount) ?? 0) + 1;
        counts.set(billing.billTransferAccount, count);
        if (count === MAX_INBOUND_TRANSFERS + 1) {
          report(error("bill-transfer-account-full", [...at, "billTransferAccount"], `${billing.billTransferAccount} would bill more than ${MAX_INBOUND_TRANSFERS.toLocaleString("en")} transfer partners, AWS's hard limit of inbound transfers per account: move partners to another bill-transfer account`));
        } else if (account.inboundTransferQuota !== undefined && count === account.inboundTransferQuota + 1) {
          report({
            ...warning("bill-transfer-quota", [...at, "billTransferAccount"], `${billing.billTransferAccount}'s inbound billing transfer quota is ${account.inboundTransferQuota}: this is its transfer partner number ${count}; request an increase in Service Quotas (us-east-1) before inviting it`),
            related: ["distributor", "billTransferAccounts", account.index, "inboundTransferQuota"],
          });
        }
      }
    }
    const own = billing.managementAccountId;
    if (own !== undefined) {
      const asTransfer = billTransferAccountIds.get(own);
      if (asTransfer !== undefined) {
        report(error("management-account-is-bill-transfer", [...at, "managementAccountId"], `${own} is the distributor's bill-transfer account ${asTransfer}: the customer's management account is the bill source, never the account that pays`));
      } else if (own === hub) {
        report(error("management-account-is-hub", [...at, "managementAccountId"], `${own} is the distributor's root-activity hub, not a customer's management account`));
      }
    }
    const relationship = billing.relationship;
    if (relationship?.supportPlan !== undefined && relationship.tamLocation === undefined) {
      report({ ...error("support-plan-tam-location", [...at, "relationship"], `tamLocation is required with supportPlan ${relationship.supportPlan}: Partner Central records where the technical account manager sits`), atKey: true });
    }
    const period = billing.servicePeriod;
    if (period?.type === "MINIMUM_NOTICE_PERIOD" && period.minimumNoticeDays === undefined) {
      report({ ...error("service-period", [...at, "servicePeriod"], "minimumNoticeDays is required for a MINIMUM_NOTICE_PERIOD"), atKey: true });
    }
    if (period?.type === "FIXED_COMMITMENT_PERIOD") {
      if (period.endMonth === undefined) report({ ...error("service-period", [...at, "servicePeriod"], "endMonth is required for a FIXED_COMMITMENT_PERIOD"), atKey: true });
      else if (billing.startMonth !== undefined && period.endMonth < billing.startMonth) {
        report(error("service-period", [...at, "servicePeriod", "endMonth"], `the commitment ends before the transfer starts (startMonth ${billing.startMonth})`));
      }
    }
  });
};

export const BILLING_RULES: readonly Rule[] = [custodyPartnerHasPayer, uniqueBillTransferAccounts, transferTargets];
