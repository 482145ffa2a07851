/**
 * The AWS CLI equivalent of the template, for distributors who do not use CloudFormation in
 * payers. Idempotent: run again, it updates the trust and permissions of an existing role.
 *
 * Values from the inventory (a display name can hold anything) never stand in a comment or in
 * a command unquoted: each is assigned once to a variable, single-quoted, after `set -euo
 * pipefail`, and used as "$variable". The comments are payerfleet's own text only.
 */
import { visible } from "../text/characters.ts";
import { shellQuote } from "../text/shell.ts";
import type { BootstrapTarget } from "./target.ts";
import { automationPolicy, MAX_SESSION_SECONDS } from "./template.ts";

export const TRUST_FILE = "automation-trust-policy.json";
export const PERMISSIONS_FILE = "automation-permissions-policy.json";
export const SCRIPT_FILE = "bootstrap.sh";

export function renderCliScript(target: BootstrapTarget): string {
  const tags = JSON.stringify([{ Key: "payerfleet:stack", Value: target.stack }]);
  return `#!/usr/bin/env bash
# payerfleet bootstrap: the AWS CLI equivalent of automation-role.cfn.yaml, creating or updating
# payerfleet's automation role. Run it as an IAM administrator of the account it names (not as
# root), from the directory that holds ${TRUST_FILE} and ${PERMISSIONS_FILE}.
set -euo pipefail
cd "$(dirname "$0")"

target=${shellQuote(visible(target.title))}
expected_account=${shellQuote(target.accountId)}
role=${shellQuote(target.role.name)}
policy=${shellQuote(automationPolicy(target).name)}
description=${shellQuote(target.role.description)}
tags=${shellQuote(tags)}

account="$(aws sts get-caller-identity --query Account --output text)"
if [ "$account" != "$expected_account" ]; then
  echo "signed in to account $account, not $expected_account of $target: nothing was changed" >&2
  exit 1
fi

if aws iam get-role --role-name "$role" >/dev/null 2>&1; then
  aws iam update-assume-role-policy --role-name "$role" --policy-document file://${TRUST_FILE}
  aws iam update-role --role-name "$role" --max-session-duration ${MAX_SESSION_SECONDS} --description "$description"
else
  aws iam create-role --role-name "$role" \\
    --assume-role-policy-document file://${TRUST_FILE} \\
    --max-session-duration ${MAX_SESSION_SECONDS} \\
    --description "$description" \\
    --tags "$tags"
fi
aws iam put-role-policy --role-name "$role" --policy-name "$policy" --policy-document file://${PERMISSIONS_FILE}
aws iam get-role --role-name "$role" --query Role.Arn --output text
`;
}
