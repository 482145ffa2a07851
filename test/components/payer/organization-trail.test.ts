import { expect } from "chai";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { declare, type Declared, type DeclaredResource } from "../../../src/plan/declare.ts";
import { OrganizationTrail, type OrganizationTrailArgs } from "../../../src/components/payer/organization-trail.ts";

const PAYER = "100000000001";
const BUCKET = "payerfleet-organization-trail-100000000001";
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${PAYER}:trail/payerfleet-organization-trail`;

function trailProgram(args: Partial<OrganizationTrailArgs> = {}) {
  return async () => {
    const provider = new aws.Provider("acme-us-east-1", { region: "us-east-1", allowedAccountIds: [PAYER] });
    new OrganizationTrail("acme-trail", { payerAccountId: PAYER, ...args }, { provider });
    return {};
  };
}

function one(declared: Declared, type: string): DeclaredResource {
  const found = declared.resources.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

const aclCheck = {
  Sid: "CloudTrailAclCheck",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "s3:GetBucketAcl",
  Resource: `arn:aws:s3:::${BUCKET}`,
  Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
};
const write = (resource: string | string[]) => ({
  Sid: "CloudTrailWrite",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "s3:PutObject",
  Resource: resource,
  Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
});
const denyHttp = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

describe("OrganizationTrail", () => {
  let declared: Declared;
  before(async () => {
    declared = await declare(trailProgram(), { stack: "acme" });
  });

  it("declares the trail, its bucket, public access block and bucket policy, all through the given provider", () => {
    expect(declared.resources.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudtrail/trail:Trail acme-trail",
      "aws:s3/bucket:Bucket acme-trail-bucket",
      "aws:s3/bucketPolicy:BucketPolicy acme-trail-bucket",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock acme-trail-bucket",
      "payerfleet:monitoring:OrganizationTrail acme-trail",
      "pulumi:providers:aws acme-us-east-1",
    ]);
    const component = one(declared, "payerfleet:monitoring:OrganizationTrail");
    for (const r of declared.resources.filter((r) => r.type.startsWith("aws:"))) {
      expect(r.parent, r.name).to.equal(component.urn);
      expect(r.provider, r.name).to.equal("urn:pulumi:acme::payerfleet::pulumi:providers:aws::acme-us-east-1::acme-us-east-1-id");
    }
  });

  it("is a multi-region organization trail with log file validation and every management event", () => {
    expect(one(declared, "aws:cloudtrail/trail:Trail").inputs).to.deep.equal({
      name: "payerfleet-organization-trail",
      s3BucketName: BUCKET,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
    });
  });

  it("keeps its bucket private and lets only this trail write, over TLS", () => {
    expect(one(declared, "aws:s3/bucket:Bucket").inputs).to.deep.equal({ bucket: BUCKET, forceDestroy: false });
    expect(one(declared, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.deep.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const policy = one(declared, "aws:s3/bucketPolicy:BucketPolicy");
    expect(JSON.parse(policy.inputs["policy"] as string)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [aclCheck, write([`arn:aws:s3:::${BUCKET}/AWSLogs/*`]), denyHttp],
    });
  });

  it("admits exactly the payer's and the organization's log prefixes when the organization id is known", async () => {
    const withOrganization = await declare(trailProgram({ organizationId: pulumi.output("o-a1b2c3d4e5") }), { stack: "acme" });
    const policy = one(withOrganization, "aws:s3/bucketPolicy:BucketPolicy");
    expect(JSON.parse(policy.inputs["policy"] as string)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [aclCheck, write([`arn:aws:s3:::${BUCKET}/AWSLogs/${PAYER}/*`, `arn:aws:s3:::${BUCKET}/AWSLogs/o-a1b2c3d4e5/*`]), denyHttp],
    });
  });
});
