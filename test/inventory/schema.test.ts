import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { README_FILE, renderSchema, SCHEMA_FILE, withReference } from "../../scripts/write-schema.ts";
import { AWS_REGIONS, monitoredRegions } from "../../src/domain/regions.ts";

describe("inventory schema", () => {
  it("is committed as generated from the source schema (run `npm run schema` after changing it)", async () => {
    expect(await readFile(SCHEMA_FILE, "utf8")).to.equal(renderSchema());
  });

  it("is documented in the README as generated (run `npm run schema` after changing it)", async () => {
    const readme = await readFile(README_FILE, "utf8");
    expect(readme).to.equal(withReference(readme));
    expect(readme).to.include("| `partners[].linkedAccounts[].accountId` | string |  | An existing account to adopt");
  });

  it("rejects unknown keys in the editor schema too", () => {
    const schema = JSON.parse(renderSchema());
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.properties.partners.items.additionalProperties).to.equal(false);
    expect(schema.required).to.deep.equal(["distributor", "partners"]);
  });
});

describe("regions", () => {
  it("are the aws-partition regions that @pulumi/aws knows", async () => {
    const { Region } = await import("@pulumi/aws/types/enums/index.js");
    const otherPartitions = /^(cn-|us-gov-|us-iso|eu-iso|eusc-)/;
    const fromPulumi = Object.values(Region as Record<string, string>).filter((r) => !otherPartitions.test(r));
    expect([...AWS_REGIONS].sort()).to.deep.equal([...fromPulumi].sort());
  });

  it("always monitor us-east-1 first, once", () => {
    expect(monitoredRegions(["eu-west-1", "us-east-1", "eu-west-1"])).to.deep.equal(["us-east-1", "eu-west-1"]);
    expect(monitoredRegions([])).to.deep.equal(["us-east-1"]);
  });
});
