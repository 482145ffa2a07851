import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RoleDescription } from "../../domain/iam/roles.ts";

export interface PartnerAdminAccessArgs {
  /** The partner-admin role (domain/iam/payer-roles.ts): its boundary, and AWS managed policies. */
  readonly role: RoleDescription;
}

/**
 * Admin inside the payer for the partner, to run its organization, fenced by a permissions
 * boundary that every role and user it creates must carry too (domain/iam/partner-boundary.ts).
 * The boundary is the payer's own policy, created here; the role's policies are AWS's.
 */
export class PartnerAdminAccess extends pulumi.ComponentResource {
  readonly boundary: aws.iam.Policy;
  readonly role: aws.iam.Role;

  constructor(name: string, args: PartnerAdminAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:iam:PartnerAdminAccess", name, {}, opts);
    const { role } = args;
    const boundary = role.permissionsBoundary;
    if (boundary === null) throw new Error(`${name}: PartnerAdminAccess deploys a role with a permissions boundary`);
    if (role.policies.some((p) => p.arn === undefined)) throw new Error(`${name}: PartnerAdminAccess deploys no inline policy`);
    this.boundary = new aws.iam.Policy(
      `${name}-boundary`,
      { name: boundary.name, ...(boundary.description === undefined ? {} : { description: boundary.description }), policy: JSON.stringify(boundary.document) },
      { parent: this },
    );
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: role.name,
        path: role.path,
        description: role.description,
        assumeRolePolicy: JSON.stringify(role.trustPolicy),
        permissionsBoundary: this.boundary.arn,
      },
      { parent: this },
    );
    for (const policy of role.policies) {
      // AdministratorAccess → administrator-access: the attachment's name, and so its URN.
      const key = policy.name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
      new aws.iam.RolePolicyAttachment(`${name}-${key}`, { role: this.role.name, policyArn: policy.arn! }, { parent: this });
    }
    this.registerOutputs({ boundary: this.boundary, role: this.role });
  }
}
