import { expect } from "chai";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { declare } from "../../src/plan/declare.ts";
import { SECRET_MASK } from "../../src/text/secrets.ts";

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    new aws.iam.Role(`${name}-role`, { assumeRolePolicy: "{}", description: pulumi.secret("hidden") }, { parent: this, protect: true, ignoreChanges: ["tags"] });
    new aws.organizations.Account(`${name}-acct`, { name: "a", email: "a@b.example" }, { parent: this, import: "123456789012" });
    this.registerOutputs({});
  }
}

describe("declare under mocks", () => {
  it("records every resource with its parent, options and masked secrets", async () => {
    const declared = await declare(async () => {
      new Box("box");
      return { answer: pulumi.output(42) };
    }, { stack: "acme" });
    const byName = new Map(declared.resources.map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).to.deep.equal(["box", "box-acct", "box-role"]);
    const box = byName.get("box")!;
    expect(box).to.include({ type: "test:index:Box", custom: false, parent: "", urn: "urn:pulumi:acme::payerfleet::test:index:Box::box" });
    const role = byName.get("box-role")!;
    expect(role).to.include({ type: "aws:iam/role:Role", protect: true, parent: box.urn, urn: "urn:pulumi:acme::payerfleet::test:index:Box$aws:iam/role:Role::box-role" });
    expect(role.ignoreChanges).to.deep.equal(["tags"]);
    expect(role.inputs).to.deep.equal({ assumeRolePolicy: "{}", description: SECRET_MASK });
    expect(byName.get("box-acct")).to.include({ importId: "123456789012", protect: false });
    expect(declared.outputs).to.deep.equal({ answer: 42 });
  });

  it("starts afresh for the next program", async () => {
    const declared = await declare(async () => {
      new aws.s3.Bucket("only");
      return {};
    }, { stack: "globex" });
    expect(declared.resources.map((r) => r.name)).to.deep.equal(["only"]);
  });
});
