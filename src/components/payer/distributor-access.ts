import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RoleDescription } from "../../domain/iam/roles.ts";

export interface DistributorAccessArgs {
  /** The billing-admin role (domain/iam/payer-roles.ts): one managed policy, no boundary. */
  readonly role: RoleDescription;
}

/**
 * The distributor's way into the payer for re-billing: a billing-admin role. The automation
 * role payerfleet itself assumes exists before any stack (`payerfleet bootstrap`) and is not
 * managed here, so that a stack can never lock payerfleet out.
 */
export class DistributorAccess extends pulumi.ComponentResource {
  readonly billingAdminRole: aws.iam.Role;
  readonly billingAdminPolicy: aws.iam.Policy;

  constructor(name: string, args: DistributorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:iam:DistributorAccess", name, {}, opts);
    const { role } = args;
    const [policy] = role.policies;
    if (role.policies.length !== 1 || policy?.arn === undefined) throw new Error(`${name}: DistributorAccess deploys a role with exactly one managed policy`);
    this.billingAdminRole = new aws.iam.Role(
      `${name}-billing-admin-role`,
      { name: role.name, path: role.path, description: role.description, assumeRolePolicy: JSON.stringify(role.trustPolicy) },
      { parent: this },
    );
    this.billingAdminPolicy = new aws.iam.Policy(
      `${name}-billing-admin-policy`,
      { name: policy.name, ...(policy.description === undefined ? {} : { description: policy.description }), policy: JSON.stringify(policy.document) },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-billing-admin-attachment`,
      { role: this.billingAdminRole.name, policyArn: this.billingAdminPolicy.arn },
      { parent: this },
    );
    this.registerOutputs({ billingAdminRole: this.billingAdminRole, billingAdminPolicy: this.billingAdminPolicy });
  }
}
