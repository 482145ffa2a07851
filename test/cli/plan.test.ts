import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stackPolicies } from "../../src/cli/policies/run.ts";
import { payerfleet } from "../support/cli.ts";
import { exampleInventory, partnerOf } from "../support/example.ts";
import { BASE_INVENTORY, edit } from "../support/fixtures.ts";

describe("payerfleet plan and policies", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-plan-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints one partner's desired state as the JSON contract", async () => {
    const run = await payerfleet(["plan", "-i", "examples/inventory.yaml", "--partner", "contoso", "--json"]);
    expect(run.code, run.stderr).to.equal(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).to.deep.equal(["partners"]);
    expect(doc.partners.map((p: { id: string }) => p.id)).to.deep.equal(["contoso"]);
    const [contoso] = doc.partners;
    expect(Object.keys(contoso)).to.deep.equal(["id", "resources", "warnings"]);
    const adopted = contoso.resources.find((r: { name: string }) => r.name === "contoso-300000000001-account");
    expect(adopted).to.deep.equal({
      type: "aws:organizations/account:Account",
      name: "contoso-300000000001-account",
      parent: "contoso-300000000001",
      protect: true,
      import: "300000000001",
      inputs: { name: "contoso-research-prod", email: "aws.research.prod@contoso.example", parentId: "ou-example-research", closeOnDeletion: false },
    });
    expect(contoso.resources.find((r: { name: string }) => r.name === "contoso")).to.deep.include({ type: "payerfleet:payer:PartnerPayer", parent: null, protect: false });
    expect(contoso.warnings).to.deep.equal(["primary contact: not read from AWS in an offline plan; preview and up compare it with the inventory"]);
  });

  it("counts resources by type per stack, with the inventory's warnings for that partner", async () => {
    const run = await payerfleet(["plan", "-i", "examples/inventory.yaml", "--partner", "northwind"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include("northwind: Northwind Traders, payer 100000000001: 59 resources\n");
    expect(run.stdout).to.include("    34  aws:organizations/account:Account  (34 protected)\n");
    expect(run.stdout).to.include("  warning: partners[0]: no partnerAdmins: the partner gets no admin access to its payer");
  });

  it("refuses an unknown partner and an invalid inventory with exit 2, running nothing", async () => {
    const unknown = await payerfleet(["plan", "-i", "examples/inventory.yaml", "--partner", "initech"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.equal("payerfleet plan: unknown partner initech: the inventory's partners are northwind, contoso, fabrikam (and hub, the root-activity hub's stack)\n");
    const file = join(dir, "bad.yaml");
    await writeFile(file, edit(BASE_INVENTORY, "id: globex", "id: acme"));
    const invalid = await payerfleet(["plan", "-i", file]);
    expect(invalid.code).to.equal(2);
    expect(invalid.stdout).to.equal("");
    expect(invalid.stderr).to.include(`${file}:31:9: error: partners[1].id: partner id "acme" must be unique across the fleet`);
  });

  it("renders every role of a payer with its documents as the policies JSON contract", async () => {
    const run = await payerfleet(["policies", "-i", "examples/inventory.yaml", "--partner", "fabrikam", "--json"]);
    expect(run.code, run.stderr).to.equal(0);
    const inventory = await exampleInventory();
    expect(JSON.parse(run.stdout)).to.deep.equal(JSON.parse(JSON.stringify(stackPolicies(inventory, partnerOf(inventory, "fabrikam").id))));
    const doc = JSON.parse(run.stdout);
    expect(doc.roles.map((r: { name: string }) => r.name)).to.deep.equal([
      "payerfleet-automation",
      "payerfleet-billing-admin",
      "payerfleet-partner-admin",
      "payerfleet-root-activity-delivery",
    ]);
    const admin = doc.roles[2];
    expect(admin.permissionsBoundary.name).to.equal("payerfleet-partner-boundary");
    expect(admin.permissionsBoundary.arn).to.equal("arn:aws:iam::100000000003:policy/payerfleet-partner-boundary");
    expect(admin.policies).to.deep.equal([
      { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
    ]);
  });

  it("renders no partner-admin role for a partner without partner admins", async () => {
    const run = await payerfleet(["policies", "-i", "examples/inventory.yaml", "--partner", "northwind"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include("role payerfleet-billing-admin  arn:aws:iam::100000000001:role/payerfleet-billing-admin\n");
    expect(run.stdout.split("\n").filter((l) => l.startsWith("role "))).to.deep.equal([
      "role payerfleet-automation  arn:aws:iam::100000000001:role/payerfleet-automation",
      "role payerfleet-billing-admin  arn:aws:iam::100000000001:role/payerfleet-billing-admin",
      "role payerfleet-root-activity-delivery  arn:aws:iam::100000000001:role/payerfleet-root-activity-delivery",
    ]);
  });
});
