import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROOT_SIGN_IN_REGION } from "../../domain/regions.ts";
import { ORGANIZATION_TRAIL } from "../../domain/names.ts";
import { trailBucketPolicy } from "../../domain/monitoring/spoke-policies.ts";

export interface OrganizationTrailArgs {
  /** The payer (management account) the trail is created in. Required. */
  readonly payerAccountId: string;
  /** The region of the provider given in `opts`, the trail's home region. Default: us-east-1. */
  readonly homeRegion?: string;
  /** The log bucket's name, globally unique. Default: `payerfleet-organization-trail-<payer account id>`. */
  readonly bucketName?: string;
  /** The organization's id, to admit exactly its log prefix. Default: any prefix under `AWSLogs/`. */
  readonly organizationId?: pulumi.Input<string>;
}

/**
 * A multi-region organization trail in a payer, with its log bucket. EventBridge receives
 * "AWS API Call via CloudTrail" events only while a trail is logging (EventBridge User Guide,
 * events from AWS services: "a CloudTrail trail with logging enabled is required"), so the
 * root-activity rules depend on it; an organization trail also keeps the member accounts'
 * activity, their root events included, in the payer.
 *
 * Built from `@pulumi/aws` rather than `@pulumi/awsx`'s `cloudtrail.Trail`: that one is a
 * remote component whose children exist only at deployment (so offline plans and tests see
 * none of them), and it always attaches its own bucket policy, without `aws:SourceArn`, which a
 * second policy here would fight over.
 *
 * Needs trusted access for cloudtrail.amazonaws.com in the organization: pass its resource in
 * `opts.dependsOn`. The provider in `opts` must act in the payer, in `homeRegion`.
 */
export class OrganizationTrail extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  readonly bucketPolicy: aws.s3.BucketPolicy;
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: OrganizationTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:monitoring:OrganizationTrail", name, {}, opts);
    const homeRegion = args.homeRegion ?? ROOT_SIGN_IN_REGION;
    const bucketName = args.bucketName ?? `${ORGANIZATION_TRAIL}-${args.payerAccountId}`;
    const child = { parent: this };

    // Audit logs outlive the stack: the bucket is never emptied on delete.
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName, forceDestroy: false }, child);
    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-bucket`,
      { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const policy = pulumi
      .output(args.organizationId)
      .apply((organizationId) =>
        JSON.stringify(
          trailBucketPolicy({ bucketName, payerAccountId: args.payerAccountId, homeRegion, ...(organizationId === undefined ? {} : { organizationId }) }),
        ),
      );
    this.bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-bucket`,
      { bucket: this.bucket.id, policy },
      // S3 refuses a policy while the public access block is being put on the same bucket.
      { ...child, dependsOn: [this.publicAccessBlock] },
    );
    this.trail = new aws.cloudtrail.Trail(
      name,
      {
        name: ORGANIZATION_TRAIL,
        s3BucketName: this.bucket.bucket,
        isOrganizationTrail: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
      },
      // CloudTrail checks that it may write to the bucket when the trail is created.
      { ...child, dependsOn: [this.bucketPolicy] },
    );
    this.registerOutputs({
      bucket: this.bucket,
      publicAccessBlock: this.publicAccessBlock,
      bucketPolicy: this.bucketPolicy,
      trail: this.trail,
    });
  }
}
