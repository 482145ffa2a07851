/**
 * The AWS CLI equivalent of the template, for distributors who do not use CloudFormation in
 * payers. Idempotent: run again, it updates the trust and permissions of an existing role.
 */
import type { Inventory } from "../inventory/schema.ts";
import type { BootstrapTarget } from "./target.ts";
import { MAX_SESSION_SECONDS, roleDescription } from "./template.ts";

export const TRUST_FILE = "automation-trust-policy.json";
export const PERMISSIONS_FILE = "automation-permissions-policy.json";
export const SCRIPT_FILE = "bootstrap.sh";

/** Single-quoted for the shell. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function renderCliScript(inventory: Inventory, target: BootstrapTarget): string {
  const id = target.accountId;
  const role = quote(inventory.distributor.automation.roleName);
  return `#!/usr/bin/env bash
# payerfleet bootstrap for ${target.title}: the AWS CLI equivalent of
# automation-role.cfn.yaml. Run it as an IAM administrator of ${target.account} (not as root), from the
# directory that holds ${TRUST_FILE} and ${PERMISSIONS_FILE}.
set -euo pipefail
cd "$(dirname "$0")"

account="$(aws sts get-caller-identity --query Account --output text)"
if [ "$account" != ${quote(id)} ]; then
  echo "signed in to account $account, not ${target.account} of ${target.name}: nothing was changed" >&2
  exit 1
fi

if aws iam get-role --role-name ${role} >/dev/null 2>&1; then
  aws iam update-assume-role-policy --role-name ${role} --policy-document file://${TRUST_FILE}
  aws iam update-role --role-name ${role} --max-session-duration ${MAX_SESSION_SECONDS} --description ${quote(roleDescription(target))}
else
  aws iam create-role --role-name ${role} \\
    --assume-role-policy-document file://${TRUST_FILE} \\
    --max-session-duration ${MAX_SESSION_SECONDS} \\
    --description ${quote(roleDescription(target))} \\
    --tags ${quote(`Key=payerfleet:stack,Value=${target.stack}`)}
fi
aws iam put-role-policy --role-name ${role} --policy-name ${role} --policy-document file://${PERMISSIONS_FILE}
aws iam get-role --role-name ${role} --query Role.Arn --output text
`;
}
