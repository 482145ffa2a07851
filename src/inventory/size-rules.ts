/**
 * Rules on the size of the IAM and EventBridge documents the fleet will deploy: AWS rejects an
 * oversized policy only at deploy time, halfway through a run; these reject it at `validate`.
 * The documents are built by the same pure functions the components deploy.
 */
import { automationTrustPolicy } from "../domain/iam/automation-role.ts";
import { billingAdminPermissions, billingAdminTrust } from "../domain/iam/billing-admin.ts";
import { EVENT_BUS_POLICY_SIZE_LIMIT, hubBusPolicy, policyJson } from "../domain/monitoring/hub-bus-policy.ts";
import { partnerBoundary } from "../domain/iam/partner-boundary.ts";
import { partnerAdminTrust } from "../domain/iam/payer-roles.ts";
import { MANAGED_POLICY_SIZE_QUOTA, managedPolicySize, type PolicyDocument } from "../domain/iam/policy-document.ts";
import { AWS_REGIONS, monitoredRegions } from "../domain/regions.ts";
import { custodyPartners, isCustody, type Inventory } from "./schema.ts";
import type { Report } from "./findings.ts";
import { fenceContext } from "./stack-inputs.ts";

/** Every partner-admin boundary must fit IAM's managed policy quota: guardrails make it grow. */
export function boundaryFitsQuota(inventory: Inventory, report: Report): void {
  // Account ids are all 12 digits and the guardrails are the fleet's, so partners whose
  // distributor-owned contacts are the same have boundaries of the same size: one each.
  const sizes = new Map<string, number>();
  inventory.partners.forEach((partner, i) => {
    if (!isCustody(partner) || partner.partnerAdmins.length === 0) return;
    const fence = fenceContext(inventory, partner);
    const key = fence.distributorContacts.join();
    const size = sizes.get(key) ?? managedPolicySize(partnerBoundary(fence));
    sizes.set(key, size);
    if (size > MANAGED_POLICY_SIZE_QUOTA) {
      report({
        severity: "error",
        rule: "boundary-too-large",
        path: ["partners", i, "partnerAdmins"],
        message: `this partner's permissions boundary would be ${size} characters, over IAM's managed policy quota of ${MANAGED_POLICY_SIZE_QUOTA}: shorten distributor.guardrails (a bucket pattern with * covers several buckets)`,
      });
    }
  });
}

/**
 * IAM's quota on a role's trust policy ("Role trust policy length", ACLSizePerRole), counted as
 * IAM counts it, without whitespace. Adjustable up to 4,096 through Service Quotas; the default
 * is what every payer has.
 */
const TRUST_POLICY_SIZE_QUOTA = 2048;

/**
 * Every role's trust policy must fit IAM's quota: each principal listed adds to it, and IAM
 * refuses the role only when `up` creates it, one payer at a time.
 */
export function trustPoliciesFitQuota(inventory: Inventory, report: Report): void {
  const check = (document: PolicyDocument, path: readonly (string | number)[], role: string, what: string) => {
    const size = managedPolicySize(document);
    if (size <= TRUST_POLICY_SIZE_QUOTA) return;
    report({
      severity: "error",
      rule: "trust-policy-too-large",
      path,
      message: `the ${role} role's trust policy for these ${what} would be ${size} characters, over IAM's trust policy quota of ${TRUST_POLICY_SIZE_QUOTA}: list fewer principals (an account root, arn:aws:iam::ACCOUNT:root, stands for every principal of that account)`,
    });
  };
  const { distributor } = inventory;
  check(automationTrustPolicy(distributor.automation), ["distributor", "automation", "principals"], "automation", `${distributor.automation.principals.length} principals`);
  check(billingAdminTrust(distributor.billingAdmins), ["distributor", "billingAdmins"], "billing-admin", `${distributor.billingAdmins.length} billing admins`);
  inventory.partners.forEach((partner, i) => {
    if (partner.partnerAdmins.length > 0) check(partnerAdminTrust(partner.partnerAdmins), ["partners", i, "partnerAdmins"], "partner-admin", `${partner.partnerAdmins.length} partner admins`);
  });
}

/** The billing-admin role's managed policy grows with the distributor-only buckets it may read. */
export function billingAdminPolicyFitsQuota(inventory: Inventory, report: Report): void {
  const size = managedPolicySize(billingAdminPermissions(inventory.distributor.guardrails.buckets));
  if (size <= MANAGED_POLICY_SIZE_QUOTA) return;
  report({
    severity: "error",
    rule: "policy-too-large",
    path: ["distributor", "guardrails", "buckets"],
    message: `the billing-admin role's policy, which lets billing admins read these buckets, would be ${size} characters, over IAM's managed policy quota of ${MANAGED_POLICY_SIZE_QUOTA}: shorten the list (a bucket pattern with * covers several buckets)`,
  });
}

/** The hub's bus policy lists every monitored payer; it must fit the EventBridge quota. */
export function hubBusPolicyFits(inventory: Inventory, report: Report): void {
  const { hub, regions } = inventory.distributor;
  const payers = custodyPartners(inventory).filter((p) => p.features.rootActivityMonitor).map((p) => p.payer.accountId);
  if (payers.length === 0) return;
  const limit = hub.eventBusPolicySizeLimit ?? EVENT_BUS_POLICY_SIZE_LIMIT;
  // Region names differ in length, and so do the policies: the longest decides.
  const known = monitoredRegions(regions).filter((r) => AWS_REGIONS.includes(r));
  const size = Math.max(...known.map((region) => policyJson(hubBusPolicy(region, hub.accountId, payers)).length));
  const path = ["distributor", "hub"];
  if (size > limit) {
    report({
      severity: "error",
      rule: "hub-bus-policy-too-large",
      path,
      message: `the hub's event bus policy for ${payers.length} payers would be ${size} characters, over the ${limit} allowed: raise the EventBridge quota through Service Quotas and set eventBusPolicySizeLimit`,
    });
  } else if (size > 0.9 * limit) {
    report({
      severity: "warning",
      rule: "hub-bus-policy-near-limit",
      path,
      message: `the hub's event bus policy for ${payers.length} payers is ${size} of ${limit} characters: raise the EventBridge quota before the fleet grows much further`,
    });
  }
}
