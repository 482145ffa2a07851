import { expect } from "chai";
import type { Inventory } from "../../src/inventory/schema.ts";
import { programFor } from "../../src/programs/stack-program.ts";
import { declare, type Declared, type DeclaredResource } from "../../src/plan/declare.ts";
import { billingAdminPermissions, billingAdminTrust } from "../../src/domain/iam/billing-admin.ts";
import { assumeRoleTrust } from "../../src/domain/iam/policy-document.ts";
import { partnerBoundary } from "../../src/domain/iam/partner-boundary.ts";
import { fenceContext } from "../../src/inventory/stack-inputs.ts";
import { exampleInventory, partnerOf } from "../support/example.ts";

/** Custom resources only (components carry no cloud state), as `type name` lines, sorted. */
function customResources(declared: Declared): string[] {
  return declared.resources
    .filter((r) => r.custom && !r.type.startsWith("payerfleet:"))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
}

function one(declared: Declared, name: string): DeclaredResource {
  const found = declared.resources.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
  return found[0]!;
}

const parentName = (declared: Declared, r: DeclaredResource) => declared.resources.find((p) => p.urn === r.parent)?.name;

describe("the partner program under mocks", () => {
  let inventory: Inventory;
  before(async () => {
    inventory = await exampleInventory();
  });

  it("declares exactly fabrikam's resources", async () => {
    const declared = await declare(programFor(inventory, "fabrikam"), { stack: "fabrikam" });
    expect(customResources(declared)).to.deep.equal([
      "aws:account/alternativeContact:AlternativeContact fabrikam-contacts-billing",
      "aws:account/alternativeContact:AlternativeContact fabrikam-contacts-operations",
      "aws:account/alternativeContact:AlternativeContact fabrikam-contacts-security",
      "aws:cloudtrail/trail:Trail fabrikam-organization-trail",
      "aws:cloudwatch/eventRule:EventRule fabrikam-root-activity-eu-central-1",
      "aws:cloudwatch/eventRule:EventRule fabrikam-root-activity-eu-west-1",
      "aws:cloudwatch/eventRule:EventRule fabrikam-root-activity-us-east-1",
      "aws:cloudwatch/eventTarget:EventTarget fabrikam-root-activity-eu-central-1",
      "aws:cloudwatch/eventTarget:EventTarget fabrikam-root-activity-eu-west-1",
      "aws:cloudwatch/eventTarget:EventTarget fabrikam-root-activity-us-east-1",
      "aws:iam/organizationsFeatures:OrganizationsFeatures fabrikam-organization-root-access",
      "aws:iam/policy:Policy fabrikam-distributor-access-billing-admin-policy",
      "aws:iam/policy:Policy fabrikam-partner-admin-boundary",
      "aws:iam/role:Role fabrikam-distributor-access-billing-admin-role",
      "aws:iam/role:Role fabrikam-partner-admin-role",
      "aws:iam/role:Role fabrikam-root-activity-delivery",
      "aws:iam/rolePolicy:RolePolicy fabrikam-root-activity-delivery",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment fabrikam-distributor-access-billing-admin-attachment",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment fabrikam-partner-admin-administrator-access",
      "aws:organizations/account:Account fabrikam-fabrikam-platform-account",
      "aws:organizations/account:Account fabrikam-fabrikam-workloads-dev-account",
      "aws:organizations/account:Account fabrikam-fabrikam-workloads-prod-account",
      "aws:organizations/organization:Organization fabrikam-organization-organization",
      "aws:organizations/organizationalUnit:OrganizationalUnit fabrikam-organization-ou-Platform",
      "aws:organizations/organizationalUnit:OrganizationalUnit fabrikam-organization-ou-Workloads",
      "aws:s3/bucket:Bucket fabrikam-organization-trail-bucket",
      "aws:s3/bucketPolicy:BucketPolicy fabrikam-organization-trail-bucket",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock fabrikam-organization-trail-bucket",
      "pulumi:providers:aws fabrikam-us-east-1",
    ]);
  });

  it("declares exactly contoso's resources: no root access feature, no alternate contacts", async () => {
    const declared = await declare(programFor(inventory, "contoso"), { stack: "contoso" });
    expect(customResources(declared)).to.deep.equal([
      "aws:cloudtrail/trail:Trail contoso-organization-trail",
      "aws:cloudwatch/eventRule:EventRule contoso-root-activity-eu-central-1",
      "aws:cloudwatch/eventRule:EventRule contoso-root-activity-eu-west-1",
      "aws:cloudwatch/eventRule:EventRule contoso-root-activity-us-east-1",
      "aws:cloudwatch/eventTarget:EventTarget contoso-root-activity-eu-central-1",
      "aws:cloudwatch/eventTarget:EventTarget contoso-root-activity-eu-west-1",
      "aws:cloudwatch/eventTarget:EventTarget contoso-root-activity-us-east-1",
      "aws:iam/policy:Policy contoso-distributor-access-billing-admin-policy",
      "aws:iam/policy:Policy contoso-partner-admin-boundary",
      "aws:iam/role:Role contoso-distributor-access-billing-admin-role",
      "aws:iam/role:Role contoso-partner-admin-role",
      "aws:iam/role:Role contoso-root-activity-delivery",
      "aws:iam/rolePolicy:RolePolicy contoso-root-activity-delivery",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment contoso-distributor-access-billing-admin-attachment",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment contoso-partner-admin-administrator-access",
      // Keyed by id when the inventory gives one (a rename is then an in-place update), else by name.
      "aws:organizations/account:Account contoso-300000000001-account",
      "aws:organizations/account:Account contoso-300000000002-account",
      "aws:organizations/account:Account contoso-300000000003-account",
      "aws:organizations/account:Account contoso-300000000004-account",
      "aws:organizations/account:Account contoso-contoso-data-lake-account",
      "aws:organizations/organization:Organization contoso-organization-organization",
      "aws:organizations/organizationalUnit:OrganizationalUnit contoso-organization-ou-Manufacturing",
      "aws:organizations/organizationalUnit:OrganizationalUnit contoso-organization-ou-Research",
      "aws:s3/bucket:Bucket contoso-organization-trail-bucket",
      "aws:s3/bucketPolicy:BucketPolicy contoso-organization-trail-bucket",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock contoso-organization-trail-bucket",
      "pulumi:providers:aws contoso-us-east-1",
    ]);
  });

  it("declares northwind's 34 linked accounts in its nested OUs, and no partner-admin access", async () => {
    const northwind = partnerOf(inventory, "northwind");
    const declared = await declare(programFor(inventory, "northwind"), { stack: "northwind" });
    const accounts = declared.resources.filter((r) => r.type === "aws:organizations/account:Account");
    expect(accounts.map((a) => a.name).sort()).to.deep.equal(northwind.linkedAccounts.map((a) => `northwind-${a.name}-account`).sort());
    const ous = declared.resources.filter((r) => r.type === "aws:organizations/organizationalUnit:OrganizationalUnit");
    expect(ous.map((o) => o.name).sort()).to.deep.equal(
      ["Infrastructure", "Sandbox", "Security", "Workloads", "Workloads/NonProd", "Workloads/Prod"].map((p) => `northwind-organization-ou-${p}`),
    );
    // A nested OU hangs under its parent OU, a top-level one under the organization root.
    expect(one(declared, "northwind-organization-ou-Workloads/Prod").inputs).to.deep.equal({ name: "Prod", parentId: "ou-example-workloads" });
    expect(one(declared, "northwind-organization-ou-Workloads").inputs).to.deep.equal({ name: "Workloads", parentId: "r-examplerootid" });
    expect(one(declared, "northwind-northwind-orders-prod-account").inputs).to.deep.equal({
      name: "northwind-orders-prod",
      email: "aws-orders-prod@northwind.example",
      parentId: "ou-example-prod",
      closeOnDeletion: false,
    });
    expect(declared.resources.some((r) => r.type.startsWith("payerfleet:iam:PartnerAdmin"))).to.equal(false);
  });

  it("protects the customer's organization, OUs and accounts, adopts given ids, and ignores unreadable fields", async () => {
    const declared = await declare(programFor(inventory, "contoso"), { stack: "contoso" });
    const accounts = declared.resources.filter((r) => r.type === "aws:organizations/account:Account");
    for (const account of accounts) {
      expect(account.protect, account.name).to.equal(true);
      expect(account.ignoreChanges, account.name).to.deep.equal(["roleName", "iamUserAccessToBilling"]);
      expect(parentName(declared, account), account.name).to.equal(account.name.replace(/-account$/, ""));
    }
    expect(Object.fromEntries(accounts.map((a) => [a.name, a.importId ?? null]))).to.deep.equal({
      "contoso-contoso-data-lake-account": null,
      "contoso-300000000003-account": "300000000003",
      "contoso-300000000004-account": "300000000004",
      "contoso-300000000002-account": "300000000002",
      "contoso-300000000001-account": "300000000001",
    });
    // Adoption lasts until the state holds the resource: the engine refuses to replace one
    // that still declares an import, even to say it is protected.
    const managed = await declare(programFor(inventory, "contoso", { managedIds: () => new Set(["300000000001", "o-c0nt0s0exmp"]) }), { stack: "contoso" });
    expect(Object.fromEntries(managed.resources.filter((r) => r.importId !== undefined).map((r) => [r.name, r.importId]))).to.deep.equal({
      "contoso-300000000002-account": "300000000002",
      "contoso-300000000003-account": "300000000003",
      "contoso-300000000004-account": "300000000004",
    });
    const organization = one(declared, "contoso-organization-organization");
    expect(organization).to.include({ protect: true });
    expect(organization.ignoreChanges).to.deep.equal(["enabledPolicyTypes"]);
    expect(organization.inputs).to.deep.equal({
      featureSet: "ALL",
      awsServiceAccessPrincipals: ["account.amazonaws.com", "cloudtrail.amazonaws.com", "iam.amazonaws.com"],
    });
    for (const ou of declared.resources.filter((r) => r.type.endsWith("OrganizationalUnit"))) expect(ou.protect, ou.name).to.equal(true);
  });

  it("wires the IAM documents of the pure policy builders into the roles", async () => {
    const fabrikam = partnerOf(inventory, "fabrikam");
    const declared = await declare(programFor(inventory, "fabrikam"), { stack: "fabrikam" });
    const boundary = one(declared, "fabrikam-partner-admin-boundary");
    expect(boundary.inputs["name"]).to.equal("payerfleet-partner-boundary");
    expect(JSON.parse(boundary.inputs["policy"] as string)).to.deep.equal(partnerBoundary(fenceContext(inventory, fabrikam)));
    const role = one(declared, "fabrikam-partner-admin-role");
    expect(role.inputs["permissionsBoundary"]).to.equal("arn:aws:iam::100000000003:policy/payerfleet-partner-boundary");
    expect(JSON.parse(role.inputs["assumeRolePolicy"] as string)).to.deep.equal(assumeRoleTrust(fabrikam.partnerAdmins));
    expect(one(declared, "fabrikam-partner-admin-administrator-access").inputs).to.deep.equal({
      role: "payerfleet-partner-admin",
      policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    const billing = one(declared, "fabrikam-distributor-access-billing-admin-role");
    expect(JSON.parse(billing.inputs["assumeRolePolicy"] as string)).to.deep.equal(billingAdminTrust(inventory.distributor.billingAdmins));
    expect(billing.inputs["permissionsBoundary"]).to.equal(undefined);
    const billingPolicy = one(declared, "fabrikam-distributor-access-billing-admin-policy");
    expect(JSON.parse(billingPolicy.inputs["policy"] as string)).to.deep.equal(billingAdminPermissions(inventory.distributor.guardrails.buckets));
    expect(one(declared, "fabrikam-distributor-access-billing-admin-attachment").inputs).to.deep.equal({
      role: "payerfleet-billing-admin",
      policyArn: "arn:aws:iam::100000000003:policy/payerfleet-billing-admin",
    });
  });

  it("sets the alternate contacts from inside the payer and never writes the primary contact", async () => {
    const declared = await declare(programFor(inventory, "fabrikam"), { stack: "fabrikam" });
    expect(one(declared, "fabrikam-contacts-security").inputs).to.deep.equal({
      alternateContactType: "SECURITY",
      name: "Fabrikam SOC",
      title: "Security Operations",
      emailAddress: "soc@fabrikam.example",
      phoneNumber: "+33 1 70 36 00 30",
    });
    expect(declared.resources.some((r) => r.type === "aws:account/primaryContact:PrimaryContact")).to.equal(false);
    expect(declared.calls.map((c) => c.token)).to.include("aws:account/getPrimaryContact:getPrimaryContact");
  });

  it("reads the organization's trusted services only when adopting an existing organization", async () => {
    const fabrikam = partnerOf(inventory, "fabrikam");
    const calls = async (organizationId?: string) => {
      const payer = { ...fabrikam.payer, ...(organizationId === undefined ? {} : { organizationId }) };
      const one: Inventory = { ...inventory, partners: [{ ...fabrikam, payer }] };
      const declared = await declare(programFor(one, "fabrikam"), {
        stack: "fabrikam",
        call: (token) => (token === "aws:organizations/getOrganization:getOrganization" ? { awsServiceAccessPrincipals: ["sso.amazonaws.com"] } : undefined),
      });
      return { tokens: declared.calls.map((c) => c.token), organization: one_(declared) };
    };
    const one_ = (d: Declared) => d.resources.find((r) => r.type === "aws:organizations/organization:Organization")!;
    const created = await calls();
    expect(created.tokens).to.not.include("aws:organizations/getOrganization:getOrganization");
    expect(created.organization.importId).to.equal(undefined);
    const adopted = await calls("o-a1b2c3d4e5");
    expect(adopted.tokens).to.include("aws:organizations/getOrganization:getOrganization");
    expect(adopted.organization.importId).to.equal("o-a1b2c3d4e5");
    // The partner's own trusted services are kept alongside payerfleet's.
    expect(adopted.organization.inputs["awsServiceAccessPrincipals"]).to.deep.equal([
      "account.amazonaws.com",
      "cloudtrail.amazonaws.com",
      "iam.amazonaws.com",
      "sso.amazonaws.com",
    ]);
  });

  it("acts only in the payer, through the automation role, with one provider in us-east-1; regional resources name their region", async () => {
    const declared = await declare(programFor(inventory, "fabrikam"), { stack: "fabrikam" });
    const providers = declared.resources.filter((r) => r.type === "pulumi:providers:aws");
    expect(providers.map((p) => [p.name, p.inputs["region"], JSON.parse(p.inputs["allowedAccountIds"] as string), JSON.parse(p.inputs["assumeRoles"] as string)])).to.deep.equal([
      ["fabrikam-us-east-1", "us-east-1", ["100000000003"], [{ roleArn: "arn:aws:iam::100000000003:role/payerfleet-automation", sessionName: "payerfleet-fabrikam" }]],
    ]);
    const ref = `${providers[0]!.urn}::fabrikam-us-east-1-id`;
    // Every resource through that provider, never the default one.
    for (const r of declared.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) expect(r.provider, r.name).to.equal(ref);
    expect(declared.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.inputs["region"] !== undefined).map((r) => [r.name, r.inputs["region"]]).sort()).to.deep.equal([
      ["fabrikam-root-activity-eu-central-1", "eu-central-1"],
      ["fabrikam-root-activity-eu-central-1", "eu-central-1"],
      ["fabrikam-root-activity-eu-west-1", "eu-west-1"],
      ["fabrikam-root-activity-eu-west-1", "eu-west-1"],
    ].sort());
  });

  it("declares no trail and no root-activity rules for a partner that switches them off", async () => {
    const fabrikam = partnerOf(inventory, "fabrikam");
    const off: Inventory = {
      ...inventory,
      partners: [{ ...fabrikam, features: { rootActivityMonitor: false, organizationTrail: false, centralizedRootAccess: false } }],
    };
    const declared = await declare(programFor(off, "fabrikam"), { stack: "fabrikam" });
    const types = new Set(declared.resources.map((r) => r.type));
    for (const absent of ["aws:cloudtrail/trail:Trail", "aws:cloudwatch/eventRule:EventRule", "aws:s3/bucket:Bucket", "aws:iam/organizationsFeatures:OrganizationsFeatures"]) {
      expect(types.has(absent), absent).to.equal(false);
    }
    expect(declared.resources.some((r) => r.name === "fabrikam-root-activity-delivery")).to.equal(false);
  });

  it("renames nothing when partners, linked accounts and OUs are reordered", async () => {
    const reordered: Inventory = {
      ...inventory,
      partners: [...inventory.partners].reverse().map((p) => ({
        ...p,
        linkedAccounts: [...p.linkedAccounts].reverse(),
        organizationalUnits: [...p.organizationalUnits].reverse(),
      })),
    };
    for (const id of ["northwind", "contoso"]) {
      const before = await declare(programFor(inventory, id), { stack: id });
      const after = await declare(programFor(reordered, id), { stack: id });
      expect(after.resources.map((r) => r.urn).sort(), id).to.deep.equal(before.resources.map((r) => r.urn).sort());
    }
  });

  it("outputs the stack's roles, linked account ids and warnings", async () => {
    const declared = await declare(programFor(inventory, "contoso"), { stack: "contoso" });
    expect(declared.outputs).to.deep.equal({
      partner: "contoso",
      payerAccountId: "100000000002",
      billingAdminRoleArn: "arn:aws:iam::100000000002:role/payerfleet-billing-admin",
      partnerAdminRoleArn: "arn:aws:iam::100000000002:role/payerfleet-partner-admin",
      linkedAccountIds: {
        "contoso-research-prod": "300000000001",
        "contoso-research-dev": "300000000002",
        "contoso-mes-prod": "300000000003",
        "contoso-mes-test": "300000000004",
        "contoso-data-lake": "(new account contoso-data-lake)",
      },
      warnings: ["primary contact: not read from AWS in an offline plan; preview and up compare it with the inventory"],
    });
  });

  it("warns, without writing anything, when the customer's primary phone in AWS differs", async () => {
    const declared = await declare(programFor(inventory, "contoso"), {
      stack: "contoso",
      call: (token) => (token === "aws:account/getPrimaryContact:getPrimaryContact" ? { phoneNumber: "+1 206 555 0199", companyName: "Contoso Pharmaceuticals" } : undefined),
    });
    expect(declared.outputs["warnings"]).to.deep.equal([
      "primary contact: the phone in AWS (+1 206 555 0199) is not the inventory's (+1 206 555 0142); the customer owns it, so payerfleet will not overwrite it: confirm with the customer and correct whichever is wrong",
    ]);
  });
});
