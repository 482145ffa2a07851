import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADMINISTRATOR_ACCESS } from "../../domain/iam/aws-managed-policies.ts";
import { assumeRoleTrust } from "../../domain/iam/policy-document.ts";
import { PARTNER_ADMIN_ROLE, PARTNER_BOUNDARY_POLICY } from "../../domain/names.ts";
import { partnerBoundary, type FenceContext } from "../../domain/iam/partner-boundary.ts";

export interface PartnerAdminAccessArgs {
  /** Principals that may assume the partner-admin role; at least one. */
  readonly principals: readonly string[];
  /** What the boundary fences off. */
  readonly fence: FenceContext;
}

/**
 * Admin inside the payer for the partner, to run its organization, fenced by a permissions
 * boundary that every role and user it creates must carry too (see partner-boundary.ts).
 */
export class PartnerAdminAccess extends pulumi.ComponentResource {
  readonly boundary: aws.iam.Policy;
  readonly role: aws.iam.Role;

  constructor(name: string, args: PartnerAdminAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:iam:PartnerAdminAccess", name, {}, opts);
    if (args.principals.length === 0) throw new Error(`${name}: PartnerAdminAccess needs at least one principal`);
    this.boundary = new aws.iam.Policy(
      `${name}-boundary`,
      {
        name: PARTNER_BOUNDARY_POLICY,
        description: "Permissions boundary of the partner's admins and of every role and user they create",
        policy: JSON.stringify(partnerBoundary(args.fence)),
      },
      { parent: this },
    );
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: PARTNER_ADMIN_ROLE,
        description: "The partner's admins: run the organization, fenced by the payerfleet boundary",
        assumeRolePolicy: JSON.stringify(assumeRoleTrust(args.principals)),
        permissionsBoundary: this.boundary.arn,
      },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-administrator-access`,
      { role: this.role.name, policyArn: ADMINISTRATOR_ACCESS.arn },
      { parent: this },
    );
    this.registerOutputs({ boundary: this.boundary, role: this.role });
  }
}
