/**
 * SNS: topics (id: the ARN), their policies (id: the topic's ARN) and subscriptions (id: the
 * subscription's ARN). CreateTopic is idempotent in AWS, so a second topic of the same name
 * is the same topic.
 */
import { randomUUID } from "node:crypto";
import { recordsOf, removeRecord } from "../records.ts";
import type { OpContext, ResourceType } from "../types.ts";
import { creating, refuse, str, withTags } from "./common.ts";

const TOPIC = "aws:sns/topic:Topic";

function requireTopic(ctx: OpContext, rt: ResourceType, arn: string): void {
  if (!recordsOf(ctx, TOPIC).some((r) => r.id === arn)) refuse(creating(rt, arn), "NotFound", "Topic does not exist", 404);
}

export const topic: ResourceType = {
  token: TOPIC,
  api: { service: "SNS", noun: "SNS Topic", create: "CreateTopic", update: "SetTopicAttributes" },
  regional: true,
  inputs: ["name", "namePrefix", "displayName", "fifoTopic", "kmsMasterKeyId", "policy", "deliveryPolicy", "tags", "region"],
  forceNew: ["name", "namePrefix", "fifoTopic"],
  jsonInputs: ["policy", "deliveryPolicy"],
  defaults: { fifoTopic: false },
  autoName: { property: "name", maxLength: 256 },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const arn = `arn:aws:sns:${ctx.region}:${ctx.scope.accountId}:${name}`;
    const existing = recordsOf(ctx, TOPIC).find((r) => r.id === arn);
    if (existing) removeRecord(ctx.state, existing);
    return { id: arn, properties: withTags({ ...inputs, arn, owner: ctx.scope.accountId }) };
  },
  delete(ctx, record) {
    // Deleting a topic deletes its subscriptions and policy.
    ctx.state.resources
      .filter((r) => (r.type === topicSubscription.token && r.properties["topic"] === record.id) || (r.type === topicPolicy.token && r.id === record.id))
      .forEach((r) => removeRecord(ctx.state, r));
    removeRecord(ctx.state, record);
  },
};

export const topicPolicy: ResourceType = {
  token: "aws:sns/topicPolicy:TopicPolicy",
  api: { service: "SNS", noun: "SNS Topic Policy", create: "SetTopicAttributes", update: "SetTopicAttributes" },
  regional: true,
  inputs: ["arn", "policy", "region"],
  forceNew: ["arn"],
  jsonInputs: ["policy"],
  required: ["arn", "policy"],
  create(ctx, inputs) {
    const arn = str(inputs["arn"]);
    requireTopic(ctx, topicPolicy, arn);
    return { id: arn, properties: { ...inputs, owner: ctx.scope.accountId } };
  },
};

export const topicSubscription: ResourceType = {
  token: "aws:sns/topicSubscription:TopicSubscription",
  api: { service: "SNS", noun: "SNS Topic Subscription", create: "Subscribe", update: "SetSubscriptionAttributes" },
  regional: true,
  inputs: ["topic", "protocol", "endpoint", "rawMessageDelivery", "filterPolicy", "filterPolicyScope", "endpointAutoConfirms", "confirmationTimeoutInMinutes", "subscriptionRoleArn", "region"],
  forceNew: ["topic", "protocol", "endpoint"],
  jsonInputs: ["filterPolicy"],
  required: ["topic", "protocol", "endpoint"],
  defaults: { rawMessageDelivery: false, endpointAutoConfirms: false, confirmationTimeoutInMinutes: 1 },
  create(ctx, inputs) {
    const topicArn = str(inputs["topic"]);
    requireTopic(ctx, topicSubscription, topicArn);
    const protocol = str(inputs["protocol"]);
    const protocols = ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"];
    if (!protocols.includes(protocol)) refuse(creating(topicSubscription, topicArn), "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
    const arn = `${topicArn}:${randomUUID()}`;
    // E-mail and HTTP endpoints stay pending until their owner confirms.
    const pending = ["email", "email-json", "http", "https"].includes(protocol);
    return { id: arn, properties: { ...inputs, arn, ownerId: ctx.scope.accountId, pendingConfirmation: pending, confirmationWasAuthenticated: !pending } };
  },
};
