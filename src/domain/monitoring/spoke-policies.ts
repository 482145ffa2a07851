/**
 * The IAM and S3 policy documents of root-activity monitoring inside a payer, as plain JSON:
 * the role EventBridge uses to deliver root events to the hub, and the organization trail's
 * bucket policy.
 */
import { policyDocument, type PolicyDocument } from "../iam/policy-document.ts";
import { hubEventBusArn, ORGANIZATION_TRAIL, ROOT_ACTIVITY_RULE } from "../names.ts";

const EVENTBRIDGE = "events.amazonaws.com";
const CLOUDTRAIL = "cloudtrail.amazonaws.com";

/**
 * A role only EventBridge may assume, and only for the rules of `accountId` whose ARN matches
 * `sourceArn`: for bus rule targets EventBridge sets `aws:SourceArn` to the rule's ARN
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html).
 */
export function eventBridgeTrust(sid: string, accountId: string, sourceArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: EVENTBRIDGE },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": sourceArn } },
    },
  ]);
}

/** Permission to put events on the given buses and nothing else. */
export function putEventsPolicy(sid: string, busArns: string | readonly string[]): PolicyDocument {
  return policyDocument([{ Sid: sid, Effect: "Allow", Action: "events:PutEvents", Resource: busArns }]);
}

/** The delivery role serves the payer's own root-activity rules, in any region. */
export function deliveryRoleTrust(payerAccountId: string): PolicyDocument {
  return eventBridgeTrust("EventBridgeDeliversRootActivity", payerAccountId, `arn:aws:events:*:${payerAccountId}:rule/${ROOT_ACTIVITY_RULE}`);
}

/**
 * The delivery role may put events on the hub's bus of each monitored region. Cross-account
 * bus targets need such a role (EventBridge requires one for every new cross-account bus
 * target since February 2023).
 */
export function deliveryRolePolicy(regions: readonly string[], hubAccountId: string): PolicyDocument {
  return putEventsPolicy(
    "PutRootActivityOnHubBuses",
    regions.map((region) => hubEventBusArn(region, hubAccountId)),
  );
}

/** The trail's ARN, known before it exists, so that the bucket policy can name it. */
function organizationTrailArn(homeRegion: string, payerAccountId: string): string {
  return `arn:aws:cloudtrail:${homeRegion}:${payerAccountId}:trail/${ORGANIZATION_TRAIL}`;
}

export interface TrailBucketPolicyArgs {
  readonly bucketName: string;
  readonly payerAccountId: string;
  readonly homeRegion: string;
  /** The organization's id; without it, every prefix under `AWSLogs/` is allowed. */
  readonly organizationId?: string;
}

/**
 * What CloudTrail needs to write an organization trail's logs (AWS CloudTrail User Guide,
 * "Amazon S3 bucket policy for CloudTrail", organization trail example): it checks the
 * bucket ACL, then writes the management account's logs under `AWSLogs/<payer>/` and every
 * member's under `AWSLogs/<organization id>/`, with the bucket owner in full control. Both
 * are limited to this trail by `aws:SourceArn`, and plain HTTP is refused.
 */
export function trailBucketPolicy(args: TrailBucketPolicyArgs): PolicyDocument {
  const bucket = `arn:aws:s3:::${args.bucketName}`;
  const sourceArn = organizationTrailArn(args.homeRegion, args.payerAccountId);
  const prefixes =
    args.organizationId === undefined
      ? [`${bucket}/AWSLogs/*`]
      : [`${bucket}/AWSLogs/${args.payerAccountId}/*`, `${bucket}/AWSLogs/${args.organizationId}/*`];
  return policyDocument([
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: CLOUDTRAIL },
      Action: "s3:GetBucketAcl",
      Resource: bucket,
      Condition: { StringEquals: { "aws:SourceArn": sourceArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: CLOUDTRAIL },
      Action: "s3:PutObject",
      Resource: prefixes,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": sourceArn } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucket, `${bucket}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
