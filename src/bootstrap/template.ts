/**
 * The CloudFormation template that creates the automation role in a payer (or the hub
 * account). YAML, because both parties review and sign it off during the ceremony and YAML
 * carries comments saying why; in long-form intrinsics only (`Fn::GetAtt`, no `!` tags), so
 * that any YAML parser, and not only CloudFormation's, reads it back exactly.
 */
import { Document, isScalar, visit } from "yaml";
import type { RolePolicy } from "../domain/iam/roles.ts";
import { visible } from "../text/characters.ts";
import type { BootstrapTarget } from "./target.ts";

export const TEMPLATE_FILE = "automation-role.cfn.yaml";
/** The stack that holds the role. */
const BOOTSTRAP_STACK = "payerfleet-bootstrap";
/** One hour, as the driver and audit assume it; long operations re-assume. */
export const MAX_SESSION_SECONDS = 3600;

/** The automation role's one inline policy. */
export function automationPolicy(target: BootstrapTarget): RolePolicy {
  const [policy] = target.role.policies;
  if (target.role.policies.length !== 1 || policy!.arn !== undefined) throw new Error(`the automation role ${target.role.name} has one inline policy`);
  return policy!;
}

/** Plain scalars YAML 1.1's implicit types read as something other than a string (yaml.org/type). */
const YAML_11_NOT_A_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(~|null|Null|NULL|)$/,
  /^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/,
  /^([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/,
  /^\d{4}-\d\d?-\d\d?([Tt ].*)?$/,
  /^(<<|=)$/,
];

/** The template as data; `renderTemplate` writes it out. */
export function automationRoleTemplate(target: BootstrapTarget) {
  const { role } = target;
  const policy = automationPolicy(target);
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
          RoleName: role.name,
          Description: role.description,
          MaxSessionDuration: MAX_SESSION_SECONDS,
          AssumeRolePolicyDocument: role.trustPolicy,
          Policies: [{ PolicyName: policy.name, PolicyDocument: policy.document }],
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
export function renderTemplate(target: BootstrapTarget): string {
  const header = [
    ` payerfleet bootstrap for ${target.title}: the automation role in ${target.account}.`,
    ` Deploy it in account ${target.accountId} as an IAM administrator (not as root), in any region (IAM is global):`,
    `   aws cloudformation deploy --stack-name ${BOOTSTRAP_STACK} --template-file ${TEMPLATE_FILE} \\`,
    "     --capabilities CAPABILITY_NAMED_IAM --region us-east-1",
    " Trust: only distributor.automation.principals of the inventory, pinned by aws:PrincipalArn.",
    ...target.scope.map((line) => ` ${line}`),
  ];
  const doc = new Document(automationRoleTemplate(target));
  doc.commentBefore = header.map((line) => visible(line)).join("\n");
  // The emitter writes YAML 1.2, where `on`, `0b101` or `2012-10-17` plain are strings; YAML 1.1
  // parsers (CloudFormation's, PyYAML) read them as a boolean, a number, a date: quoted, they
  // stay the strings they are, whatever the inventory names.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && YAML_11_NOT_A_STRING.some((re) => re.test(node.value as string))) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
