import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Distributor } from "../../inventory/schema.ts";
import { billingAdminPermissions, billingAdminTrust } from "../../domain/iam/billing-admin.ts";
import { BILLING_ADMIN_ROLE } from "../../domain/names.ts";

export interface DistributorAccessArgs {
  /** The distributor, whose billing admins get the role. */
  readonly distributor: Distributor;
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
    this.billingAdminRole = new aws.iam.Role(
      `${name}-billing-admin-role`,
      {
        name: BILLING_ADMIN_ROLE,
        description: "The distributor's billing administrators: billing, Cost Explorer, exports, invoices",
        assumeRolePolicy: JSON.stringify(billingAdminTrust(args.distributor)),
      },
      { parent: this },
    );
    this.billingAdminPolicy = new aws.iam.Policy(
      `${name}-billing-admin-policy`,
      { name: BILLING_ADMIN_ROLE, policy: JSON.stringify(billingAdminPermissions(args.distributor)) },
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
