/**
 * The CloudFormation template that creates the automation role in a payer (or the hub
 * account). YAML, because both parties review and sign it off during the ceremony and YAML
 * carries comments saying why; in long-form intrinsics only (`Fn::GetAtt`, no `!` tags), so
 * that any YAML parser, and not only CloudFormation's, reads it back exactly.
 */
import { Document, isScalar, visit } from "yaml";
import type { Inventory } from "../inventory/schema.ts";
import { visible } from "../text/characters.ts";
import { automationTrustPolicy } from "../domain/iam/automation-role.ts";
import type { BootstrapTarget } from "./target.ts";

export const TEMPLATE_FILE = "automation-role.cfn.yaml";
/** The stack that holds the role. */
export const BOOTSTRAP_STACK = "payerfleet-bootstrap";
/** One hour, as the driver and audit assume it; long operations re-assume. */
export const MAX_SESSION_SECONDS = 3600;

export function roleDescription(target: BootstrapTarget): string {
  return `payerfleet automation for ${target.name}: assumed only by the distributor's automation principals`;
}

/** The template as data; `renderTemplate` writes it out. */
export function automationRoleTemplate(inventory: Inventory, target: BootstrapTarget) {
  const roleName = inventory.distributor.automation.roleName;
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `payerfleet automation role for ${target.name} (${target.account})`,
    Resources: {
      AutomationRole: {
        Type: "AWS::IAM::Role",
        // Deleting the stack must not lock payerfleet out of the account: the role stays.
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
        Properties: {
          RoleName: roleName,
          Description: roleDescription(target),
          MaxSessionDuration: MAX_SESSION_SECONDS,
          AssumeRolePolicyDocument: automationTrustPolicy(inventory.distributor),
          Policies: [{ PolicyName: roleName, PolicyDocument: target.permissions }],
          Tags: [{ Key: "payerfleet:stack", Value: target.stack }],
        },
      },
    },
    Outputs: {
      RoleArn: { Description: `Check that it names account ${target.accountId}`, Value: { "Fn::GetAtt": ["AutomationRole", "Arn"] } },
    },
  };
}

/**
 * The template as YAML. The header comment is handed to the YAML emitter, which writes every
 * line of it as a comment, and its values are shown with control characters escaped: a name
 * from the inventory can neither end the comment nor add a key.
 */
export function renderTemplate(inventory: Inventory, target: BootstrapTarget): string {
  const header = [
    ` payerfleet bootstrap for ${target.title}: the automation role in ${target.account}.`,
    ` Deploy it in account ${target.accountId} as an IAM administrator (not as root), in any region (IAM is global):`,
    `   aws cloudformation deploy --stack-name ${BOOTSTRAP_STACK} --template-file ${TEMPLATE_FILE} \\`,
    "     --capabilities CAPABILITY_NAMED_IAM --region us-east-1",
    " Trust: only distributor.automation.principals of the inventory, pinned by aws:PrincipalArn.",
    ...target.scope.map((line) => ` ${line}`),
  ];
  const doc = new Document(automationRoleTemplate(inventory, target));
  doc.commentBefore = header.map((line) => visible(line)).join("\n");
  // YAML 1.1 parsers, CloudFormation's among them, read an unquoted 2012-10-17 as a date.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && /^\d{4}-\d\d-\d\d$/.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
