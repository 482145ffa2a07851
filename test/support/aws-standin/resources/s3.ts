/**
 * S3: buckets (one namespace shared by every account, as in AWS), their policies and public
 * access blocks, each known by the bucket's name.
 */
import { recordsOf, removeRecord } from "../records.ts";
import type { OpContext, ResourceType } from "../types.ts";
import { creating, refuse, str, withTags } from "./common.ts";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

/** The bucket's sub-resources must name a bucket this account owns. */
function requireBucket(ctx: OpContext, rt: ResourceType, bucket: string): void {
  if (!recordsOf(ctx, BUCKET, true).some((r) => r.id === bucket)) refuse(creating(rt, bucket), "NoSuchBucket", "The specified bucket does not exist", 404);
}

export const bucket: ResourceType = {
  token: BUCKET,
  api: { service: "S3", noun: "S3 Bucket", create: "CreateBucket", update: "PutBucketTagging" },
  regional: true,
  inputs: ["bucket", "bucketPrefix", "forceDestroy", "objectLockEnabled", "tags", "region"],
  forceNew: ["bucket", "bucketPrefix", "objectLockEnabled"],
  defaults: { forceDestroy: false },
  autoName: { property: "bucket", maxLength: 63, lowercase: true },
  create(ctx, inputs) {
    const name = str(inputs["bucket"]);
    const call = creating(bucket, name);
    const owner = ctx.state.resources.find((r) => r.type === BUCKET && r.id === name);
    if (owner?.account === ctx.scope.accountId)
      refuse(call, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409);
    if (owner)
      refuse(call, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409);
    return {
      id: name,
      properties: withTags({
        ...inputs,
        arn: `arn:aws:s3:::${name}`,
        bucketDomainName: `${name}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
        hostedZoneId: "Z3AQBSTGFYJSTF",
      }),
    };
  },
  delete(ctx, record) {
    // A bucket's policy and public access block go with it.
    ctx.state.resources
      .filter((r) => (r.type === POLICY || r.type === PUBLIC_ACCESS_BLOCK) && r.account === record.account && r.id === record.id)
      .forEach((r) => removeRecord(ctx.state, r));
    removeRecord(ctx.state, record);
  },
};

export const bucketPolicy: ResourceType = {
  token: POLICY,
  api: { service: "S3", noun: "S3 Bucket Policy", create: "PutBucketPolicy", update: "PutBucketPolicy" },
  regional: true,
  inputs: ["bucket", "policy", "region"],
  forceNew: ["bucket"],
  jsonInputs: ["policy"],
  required: ["bucket", "policy"],
  create(ctx, inputs) {
    const name = str(inputs["bucket"]);
    requireBucket(ctx, bucketPolicy, name);
    return { id: name, properties: { ...inputs } };
  },
};

export const bucketPublicAccessBlock: ResourceType = {
  token: PUBLIC_ACCESS_BLOCK,
  api: { service: "S3", noun: "S3 Bucket Public Access Block", create: "PutPublicAccessBlock", update: "PutPublicAccessBlock" },
  regional: true,
  inputs: ["bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "skipDestroy", "region"],
  forceNew: ["bucket"],
  required: ["bucket"],
  defaults: { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false },
  create(ctx, inputs) {
    const name = str(inputs["bucket"]);
    requireBucket(ctx, bucketPublicAccessBlock, name);
    return { id: name, properties: { ...inputs } };
  },
};
