import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { declaredOus, TRUSTED_SERVICES } from "../../domain/organization.ts";

export interface OrganizationSettingsArgs {
  /** The existing organization to adopt with `import`. Default: a new organization is created. */
  readonly organizationId?: string;
  /** OU paths such as `Workloads/Prod`; parents are implied. Default: none. */
  readonly organizationalUnits?: readonly string[];
  /** Existing OUs by path, adopted with `import`. Default: none. */
  readonly existingOrganizationalUnits?: Readonly<Record<string, string>>;
  /** Centralized root access for member accounts (`aws.iam.OrganizationsFeatures`). Default: false. */
  readonly centralizedRootAccess?: boolean;
  /** Ids already in the stack's state, no longer imported. Default: none. */
  readonly managedIds?: ReadonlySet<string>;
}

/**
 * The partner's organization as the distributor needs it: all features, trusted access for
 * the services custody and monitoring rely on, and the OUs the inventory names. Everything
 * here is protected: it is the customer's organization.
 */
export class OrganizationSettings extends pulumi.ComponentResource {
  readonly organization: aws.organizations.Organization;
  /** The organization root, parent of top-level OUs and of accounts with no OU. */
  readonly rootId: pulumi.Output<string>;
  /** OU ids by path. */
  readonly ouIds: Readonly<Record<string, pulumi.Output<string>>>;
  readonly rootAccess?: aws.iam.OrganizationsFeatures;

  constructor(name: string, args: OrganizationSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:organizations:OrganizationSettings", name, {}, opts);
    // awsServiceAccessPrincipals is the whole list: when adopting an organization, keep the
    // services the partner enabled itself and add ours. A payer with no organization yet has
    // nothing to keep, and reading it would fail (AWSOrganizationsNotInUseException). Under
    // plan's mocks the read is empty.
    const principals =
      args.organizationId === undefined
        ? [...TRUSTED_SERVICES].sort()
        : aws.organizations
            .getOrganizationOutput({}, { parent: this })
            .apply((org) => [...new Set([...(org.awsServiceAccessPrincipals ?? []), ...TRUSTED_SERVICES])].sort());
    this.organization = new aws.organizations.Organization(
      `${name}-organization`,
      { featureSet: "ALL", awsServiceAccessPrincipals: principals },
      {
        parent: this,
        protect: true,
        // Policy types (SCPs, tag policies...) belong to the customer under ECAM.
        ignoreChanges: ["enabledPolicyTypes"],
        ...(args.organizationId === undefined || args.managedIds?.has(args.organizationId) ? {} : { import: args.organizationId }),
      },
    );
    this.rootId = this.organization.roots.apply((roots) => roots[0]?.id ?? "");

    const ouIds: Record<string, pulumi.Output<string>> = {};
    const existing = args.existingOrganizationalUnits ?? {};
    // Parents before children: declaredOus lists a path after its parents.
    const paths = [...declaredOus(args.organizationalUnits ?? [])].sort((a, b) => a.split("/").length - b.split("/").length);
    for (const path of paths) {
      const parentPath = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : undefined;
      const adopt = existing[path];
      const ou = new aws.organizations.OrganizationalUnit(
        `${name}-ou-${path}`,
        { name: path.slice(path.lastIndexOf("/") + 1), parentId: parentPath === undefined ? this.rootId : ouIds[parentPath]! },
        { parent: this, protect: true, ...(adopt === undefined || args.managedIds?.has(adopt) ? {} : { import: adopt }) },
      );
      ouIds[path] = ou.id;
    }
    this.ouIds = ouIds;

    if (args.centralizedRootAccess) {
      // Covers member accounts only, never the payer's own root; needs trusted access for IAM.
      this.rootAccess = new aws.iam.OrganizationsFeatures(
        `${name}-root-access`,
        { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] },
        { parent: this, dependsOn: [this.organization] },
      );
    }
    this.registerOutputs({ organization: this.organization, rootId: this.rootId, ouIds: this.ouIds, rootAccess: this.rootAccess });
  }
}
