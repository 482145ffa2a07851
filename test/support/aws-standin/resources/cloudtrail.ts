/**
 * CloudTrail trails. The real provider's id for a trail is its ARN (TF trail.go:
 * `d.SetId(TrailARN)`). CloudTrail refuses a trail whose bucket it may not write to, and an
 * organization trail while trusted access for CloudTrail is off: payerfleet orders its
 * resources for both, so the stand-in checks both (the bucket policy's presence only, not its
 * content).
 */
import { recordsOf } from "../records.ts";
import type { ResourceType } from "../types.ts";
import { creating, refuse, str, withTags } from "./common.ts";
import { organizationManagedBy } from "./organizations.ts";

export const trail: ResourceType = {
  token: "aws:cloudtrail/trail:Trail",
  api: { service: "CloudTrail", noun: "CloudTrail Trail", create: "CreateTrail", update: "UpdateTrail" },
  regional: true,
  inputs: [
    "name",
    "s3BucketName",
    "s3KeyPrefix",
    "isOrganizationTrail",
    "isMultiRegionTrail",
    "includeGlobalServiceEvents",
    "enableLogFileValidation",
    "enableLogging",
    "eventSelectors",
    "advancedEventSelectors",
    "insightSelectors",
    "kmsKeyId",
    "snsTopicName",
    "cloudWatchLogsGroupArn",
    "cloudWatchLogsRoleArn",
    "tags",
    "region",
  ],
  forceNew: ["name"],
  required: ["name", "s3BucketName"],
  defaults: { enableLogFileValidation: false, enableLogging: true, includeGlobalServiceEvents: true, isMultiRegionTrail: false, isOrganizationTrail: false },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const call = creating(trail, name);
    if (recordsOf(ctx, trail.token, true).some((r) => r.properties["name"] === name))
      refuse(call, "TrailAlreadyExistsException", `Trail ${name} already exists for customer: ${ctx.scope.accountId}`);
    const bucketName = str(inputs["s3BucketName"]);
    const bucket = ctx.state.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.id === bucketName);
    if (!bucket) refuse(call, "S3BucketDoesNotExistException", `S3 bucket ${bucketName} does not exist.`);
    if (!ctx.state.resources.some((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy" && r.id === bucketName && r.account === bucket.account))
      refuse(call, "InsufficientS3BucketPolicyException", `Incorrect S3 bucket policy is detected for bucket: ${bucketName}`);
    if (inputs["isOrganizationTrail"] === true) {
      const org = organizationManagedBy(ctx.state, ctx.scope.accountId);
      if (!org) refuse(call, "OrganizationsNotInUseException", "This account is not a member of an organization.");
      const principals = (org.properties["awsServiceAccessPrincipals"] as unknown[] | undefined) ?? [];
      // Wording approximate: CloudTrail's CloudTrailAccessNotEnabledException.
      if (!principals.includes("cloudtrail.amazonaws.com"))
        refuse(call, "CloudTrailAccessNotEnabledException", "Trusted access for AWS CloudTrail is not enabled for your organization.");
    }
    const arn = `arn:aws:cloudtrail:${ctx.region}:${ctx.scope.accountId}:trail/${name}`;
    return { id: arn, properties: withTags({ ...inputs, arn, homeRegion: ctx.region }) };
  },
};
