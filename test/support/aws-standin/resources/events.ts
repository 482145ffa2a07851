/**
 * EventBridge: buses, their policies, rules and targets, per account and region. Ids are the
 * real provider's: a bus and its policy by bus name; a rule by name, or `bus/name` on a custom
 * bus; a target by `rule-targetId`, or `bus-rule-targetId` on a custom bus.
 */
import { recordsOf, removeRecord } from "../records.ts";
import type { OpContext, ResourceType } from "../types.ts";
import { creating, deleting, refuse, str, withTags } from "./common.ts";

const BUS = "aws:cloudwatch/eventBus:EventBus";
const BUS_POLICY = "aws:cloudwatch/eventBusPolicy:EventBusPolicy";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const DEFAULT_BUS = "default";

/** A bus given by name or ARN exists in this account and region (the default bus always does). */
function busExists(ctx: OpContext, nameOrArn: string): boolean {
  const name = nameOrArn.startsWith("arn:") ? nameOrArn.slice(nameOrArn.indexOf("event-bus/") + "event-bus/".length) : nameOrArn;
  return name === DEFAULT_BUS || recordsOf(ctx, BUS).some((r) => r.id === name);
}

function busName(value: unknown): string {
  const name = str(value) || DEFAULT_BUS;
  return name.startsWith("arn:") ? name.slice(name.indexOf("event-bus/") + "event-bus/".length) : name;
}

const RULE_STATES = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

export const eventBus: ResourceType = {
  token: BUS,
  api: { service: "EventBridge", noun: "EventBridge Event Bus", create: "CreateEventBus", update: "UpdateEventBus" },
  regional: true,
  inputs: ["name", "description", "eventSourceName", "kmsKeyIdentifier", "tags", "region"],
  forceNew: ["name", "eventSourceName"],
  required: ["name"],
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const call = creating(eventBus, name);
    if (name === DEFAULT_BUS || recordsOf(ctx, BUS).some((r) => r.id === name))
      refuse(call, "ResourceAlreadyExistsException", `Event bus ${name} already exists.`);
    return { id: name, properties: withTags({ ...inputs, arn: `arn:aws:events:${ctx.region}:${ctx.scope.accountId}:event-bus/${name}` }) };
  },
  delete(ctx, record) {
    // Deleting a bus deletes its policy with it.
    recordsOf(ctx, BUS_POLICY)
      .filter((r) => r.id === record.id)
      .forEach((r) => removeRecord(ctx.state, r));
    removeRecord(ctx.state, record);
  },
};

export const eventBusPolicy: ResourceType = {
  token: BUS_POLICY,
  api: { service: "EventBridge", noun: "EventBridge Event Bus Policy", create: "PutPermission", update: "PutPermission" },
  regional: true,
  inputs: ["eventBusName", "policy", "region"],
  forceNew: ["eventBusName"],
  jsonInputs: ["policy"],
  required: ["policy"],
  defaults: { eventBusName: DEFAULT_BUS },
  create(ctx, inputs) {
    const bus = busName(inputs["eventBusName"]);
    if (!busExists(ctx, bus)) refuse(creating(eventBusPolicy, bus), "ResourceNotFoundException", `Event bus ${bus} does not exist.`);
    const existing = recordsOf(ctx, BUS_POLICY).find((r) => r.id === bus);
    if (existing) removeRecord(ctx.state, existing);
    return { id: bus, properties: { ...inputs } };
  },
};

function ruleId(bus: string, name: string): string {
  return bus === DEFAULT_BUS ? name : `${bus}/${name}`;
}

export const eventRule: ResourceType = {
  token: RULE,
  api: { service: "EventBridge", noun: "EventBridge Rule", create: "PutRule", update: "PutRule" },
  regional: true,
  inputs: ["name", "namePrefix", "description", "eventBusName", "eventPattern", "scheduleExpression", "roleArn", "state", "forceDestroy", "tags", "region"],
  forceNew: ["name", "namePrefix", "eventBusName"],
  jsonInputs: ["eventPattern"],
  defaults: { eventBusName: DEFAULT_BUS, state: "ENABLED", forceDestroy: false },
  autoName: { property: "name", maxLength: 64 },
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const bus = busName(inputs["eventBusName"]);
    const call = creating(eventRule, name);
    if (!busExists(ctx, bus)) refuse(call, "ResourceNotFoundException", `Event bus ${bus} does not exist.`);
    if (inputs["eventPattern"] === undefined && inputs["scheduleExpression"] === undefined)
      refuse(call, "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    const state = str(inputs["state"]) || "ENABLED";
    if (!RULE_STATES.includes(state))
      refuse(call, "ValidationException", `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(", ")}]`);
    // PutRule is an upsert in AWS: a second rule of the same name takes the first one over.
    const id = ruleId(bus, name);
    const existing = recordsOf(ctx, RULE).find((r) => r.id === id);
    if (existing) removeRecord(ctx.state, existing);
    const arn = `arn:aws:events:${ctx.region}:${ctx.scope.accountId}:rule/${bus === DEFAULT_BUS ? "" : `${bus}/`}${name}`;
    return { id, properties: withTags({ ...inputs, arn }) };
  },
  delete(ctx, record) {
    const bus = busName(record.properties["eventBusName"]);
    const targets = recordsOf(ctx, TARGET).filter((r) => busName(r.properties["eventBusName"]) === bus && r.properties["rule"] === record.properties["name"]);
    if (targets.length > 0) refuse(deleting(eventRule, record.id, "DeleteRule"), "ValidationException", "Rule can't be deleted since it has targets.");
    removeRecord(ctx.state, record);
  },
};

export const eventTarget: ResourceType = {
  token: TARGET,
  api: { service: "EventBridge", noun: "EventBridge Target", create: "PutTargets", update: "PutTargets" },
  regional: true,
  inputs: ["rule", "targetId", "arn", "eventBusName", "roleArn", "input", "inputPath", "inputTransformer", "retryPolicy", "deadLetterConfig", "forceDestroy", "region"],
  forceNew: ["rule", "targetId", "eventBusName"],
  required: ["rule", "arn"],
  defaults: { eventBusName: DEFAULT_BUS, forceDestroy: false },
  autoName: { property: "targetId", maxLength: 64 },
  create(ctx, inputs) {
    const bus = busName(inputs["eventBusName"]);
    const rule = str(inputs["rule"]);
    const targetId = str(inputs["targetId"]);
    const id = bus === DEFAULT_BUS ? `${rule}-${targetId}` : `${bus}-${rule}-${targetId}`;
    const call = creating(eventTarget, id);
    if (!recordsOf(ctx, RULE).some((r) => r.id === ruleId(bus, rule))) refuse(call, "ResourceNotFoundException", `Rule ${rule} does not exist on EventBus ${bus}.`);
    const siblings = recordsOf(ctx, TARGET).filter((r) => busName(r.properties["eventBusName"]) === bus && r.properties["rule"] === rule && r.id !== id);
    // EventBridge's quota of targets per rule.
    if (siblings.length >= 5) refuse(call, "LimitExceededException", "The requested resource exceeds the maximum number allowed.");
    const existing = recordsOf(ctx, TARGET).find((r) => r.id === id);
    if (existing) removeRecord(ctx.state, existing);
    return { id, properties: { ...inputs } };
  },
};
