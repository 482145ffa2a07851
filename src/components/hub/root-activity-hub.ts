import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { monitoredRegions, PROVIDER_REGION, regionOtherThanProvider } from "../../domain/regions.ts";
import { forwardRole } from "../../domain/iam/hub-roles.ts";
import { busPolicyCapacity, EVENT_BUS_POLICY_SIZE_LIMIT, hubBusPolicy, policyJson, topicPolicy } from "../../domain/monitoring/hub-bus-policy.ts";
import {
  ALERTING_REGION,
  HUB_ALERT_TOPIC,
  HUB_FORWARD_RULE,
  HUB_NOTICE_TOPIC,
  type HubPayer,
  PAYERS_PER_PARTITION,
  partitionBusArn,
  partitionBusName,
  partitionPayers,
  SEVERITY_TOPICS,
  topicArn,
} from "../../domain/monitoring/hub-layout.ts";
import { HubPartition } from "./hub-partition.ts";
import { HUB_EVENT_BUS, hubEventBusArn } from "../../domain/names.ts";
import { forwardEventPattern, patternJson, type Severity } from "../../domain/monitoring/event-patterns.ts";


export interface AlertSubscriptionArgs {
  readonly protocol: "email" | "https" | "sqs" | "lambda";
  /** E-mail address, HTTPS URL, or queue/function ARN. */
  readonly endpoint: string;
}

export interface RootActivityHubArgs {
  /** The distributor's hub account the providers act in. Required. */
  readonly hubAccountId: string;
  /** Regions in use. Default: none; us-east-1 is always added. */
  readonly regions?: readonly string[];
  /** Every payer whose spoke reports here. Default: none (buses admit nobody). */
  readonly payers?: readonly HubPayer[];
  /** Who is alerted; each is subscribed to the alert topic and the notice topic. Default: nobody. */
  readonly alertSubscriptions?: readonly AlertSubscriptionArgs[];
  /** Payers per partition bus (3 rules each, 300 rules per bus). Default: 90. */
  readonly payersPerPartition?: number;
  /** The account's "Event bus policy size" quota, in characters. Default: 10,240, EventBridge's default. */
  readonly eventBusPolicySizeLimit?: number;
}

/** A subscription's stable key: its endpoint, hashed, so that list order never matters. */
function subscriptionKey(subscription: AlertSubscriptionArgs): string {
  return `${subscription.protocol}-${createHash("sha256").update(subscription.endpoint).digest("hex").slice(0, 8)}`;
}

/**
 * The distributor's root-activity hub: in every monitored region a bus admitting every payer's
 * delivery role; in us-east-1, partition buses holding one rule per payer and route, whose
 * messages name the partner, publishing real root use to the alert topic and `sts:AssumeRoot`
 * sessions to the notice topic. The provider in `opts` acts in the hub account in us-east-1;
 * the other regions' buses and rules name their region.
 */
export class RootActivityHub extends pulumi.ComponentResource {
  /** The bus payers' spokes target, by region. */
  readonly eventBuses: Readonly<Record<string, aws.cloudwatch.EventBus>>;
  readonly eventBusPolicies: Readonly<Record<string, aws.cloudwatch.EventBusPolicy>>;
  /** The partition buses in us-east-1 with their per-payer rules, by partition number. */
  readonly partitions: readonly HubPartition[];
  readonly alertTopic: aws.sns.Topic;
  readonly noticeTopic: aws.sns.Topic;
  readonly subscriptions: readonly aws.sns.TopicSubscription[];
  readonly forwardRole: aws.iam.Role;
  /** Bus ARNs by region, known without deploying. */
  readonly eventBusArns: Readonly<Record<string, string>>;
  readonly partitionBusArns: readonly string[];
  readonly alertTopicArn: string;
  readonly noticeTopicArn: string;
  /** Payer account ids per partition, by partition number. */
  readonly partitionAccountIds: readonly (readonly string[])[];
  /** Characters of each region's bus policy, against {@link RootActivityHubArgs.eventBusPolicySizeLimit}. */
  readonly eventBusPolicySizes: Readonly<Record<string, number>>;

  constructor(name: string, args: RootActivityHubArgs, opts?: pulumi.ComponentResourceOptions) {
    const regions = monitoredRegions(args.regions ?? []);
    const payers = args.payers ?? [];
    const hub = args.hubAccountId;
    // Everything that could make a child fail is checked before any child exists; the alerting
    // region must be the provider's, as nothing there names its region.
    if (ALERTING_REGION !== PROVIDER_REGION) throw new Error(`RootActivityHub ${name}: alerts live in ${ALERTING_REGION}, the provider acts in ${PROVIDER_REGION}`);
    const byAccount = new Map<string, HubPayer>();
    for (const payer of payers) {
      const seen = byAccount.get(payer.accountId);
      if (seen !== undefined) throw new Error(`RootActivityHub ${name}: payers lists account ${payer.accountId} twice (${seen.partnerId}, ${payer.partnerId})`);
      byAccount.set(payer.accountId, payer);
    }
    const limit = args.eventBusPolicySizeLimit ?? EVENT_BUS_POLICY_SIZE_LIMIT;
    const policies = Object.fromEntries(regions.map((region) => [region, policyJson(hubBusPolicy(region, hub, [...byAccount.keys()]))]));
    const sizes = Object.fromEntries(regions.map((region) => [region, policies[region]!.length]));
    const tooLarge = regions.filter((region) => sizes[region]! > limit);
    if (payers.length > 0 && tooLarge.length > 0) {
      throw new Error(
        `RootActivityHub ${name}: the bus policy admitting ${payers.length} payers takes ${sizes[tooLarge[0]!]} characters in ${tooLarge.join(", ")}, ` +
          `over eventBusPolicySizeLimit ${limit}, which admits ${busPolicyCapacity(tooLarge[0]!, hub, limit)}; ` +
          `raise the "Event bus policy size" quota of the hub account and pass the new limit`,
      );
    }
    const partitions = partitionPayers([...byAccount.keys()], args.payersPerPartition ?? PAYERS_PER_PARTITION);

    super("payerfleet:monitoring:RootActivityHub", name, {}, opts);
    const alerting = { parent: this };
    this.partitionAccountIds = partitions;
    this.eventBusPolicySizes = sizes;
    this.eventBusArns = Object.fromEntries(regions.map((region) => [region, hubEventBusArn(region, hub)]));
    this.partitionBusArns = partitions.map((_, p) => partitionBusArn(p, hub));
    this.alertTopicArn = topicArn(HUB_ALERT_TOPIC, hub);
    this.noticeTopicArn = topicArn(HUB_NOTICE_TOPIC, hub);

    // One subscription per endpoint, however often the inventory lists it.
    const subscribers = [...new Map((args.alertSubscriptions ?? []).map((s) => [subscriptionKey(s), s])).values()];
    const topics = {} as Record<Severity, aws.sns.Topic>;
    const topicPolicies: aws.sns.TopicPolicy[] = [];
    const subscriptions: aws.sns.TopicSubscription[] = [];
    for (const [severity, topicName] of Object.entries(SEVERITY_TOPICS) as [Severity, string][]) {
      const key = `${name}-${severity}s`;
      const topic = new aws.sns.Topic(key, { name: topicName }, alerting);
      topics[severity] = topic;
      const arn = topicArn(topicName, hub);
      topicPolicies.push(new aws.sns.TopicPolicy(key, { arn, policy: JSON.stringify(topicPolicy(arn, hub)) }, { ...alerting, dependsOn: [topic] }));
      for (const subscription of subscribers) {
        subscriptions.push(
          new aws.sns.TopicSubscription(
            `${key}-${subscriptionKey(subscription)}`,
            // An HTTPS endpoint often carries its credentials in the URL (a webhook's token): a
            // secret, encrypted in the state and masked in every report.
            { topic: arn, protocol: subscription.protocol, endpoint: subscription.protocol === "https" ? pulumi.secret(subscription.endpoint) : subscription.endpoint },
            { ...alerting, dependsOn: [topic] },
          ),
        );
      }
    }
    this.alertTopic = topics.alert;
    this.noticeTopic = topics.notice;
    this.subscriptions = subscriptions;

    // IAM is global: one role for every region's forwarding rules.
    const role = forwardRole(hub);
    const [policy] = role.policies;
    this.forwardRole = new aws.iam.Role(
      `${name}-forward`,
      { name: role.name, path: role.path, description: role.description, assumeRolePolicy: JSON.stringify(role.trustPolicy) },
      alerting,
    );
    const forwardPolicy = new aws.iam.RolePolicy(`${name}-forward`, { role: this.forwardRole.name, name: policy!.name, policy: JSON.stringify(policy!.document) }, alerting);

    // Partition buses, and on each one rule per payer and route, publishing to its topic.
    this.partitions = partitions.map(
      (accounts, p) =>
        new HubPartition(
          `${name}-partition-${p}`,
          { partition: p, hubAccountId: hub, payers: accounts.map((account) => byAccount.get(account)!), topics, topicPolicies },
          alerting,
        ),
    );

    // In every region, the bus payers target, admitting them, and forwarding to the partitions.
    const buses: Record<string, aws.cloudwatch.EventBus> = {};
    const busPolicies: Record<string, aws.cloudwatch.EventBusPolicy> = {};
    for (const region of regions) {
      const regional = { parent: this };
      const where = regionOtherThanProvider(region);
      const bus = new aws.cloudwatch.EventBus(`${name}-${region}`, { ...where, name: HUB_EVENT_BUS, description: "Root activity of every payer in this region" }, regional);
      buses[region] = bus;
      if (payers.length > 0) {
        // A policy must admit someone: with no payer the bus keeps the account-only default.
        busPolicies[region] = new aws.cloudwatch.EventBusPolicy(`${name}-${region}`, { ...where, eventBusName: bus.name, policy: policies[region]! }, regional);
      }
      partitions.forEach((accounts, p) => {
        const key = `${name}-${region}-forward-${p}`;
        const rule = new aws.cloudwatch.EventRule(
          key,
          { ...where, name: `${HUB_FORWARD_RULE}-${p}`, description: `Payers of ${partitionBusName(p)}`, eventBusName: bus.name, eventPattern: patternJson(forwardEventPattern(accounts)) },
          // A payer moving to this partition is forwarded only once its rules there exist.
          { ...regional, dependsOn: [this.partitions[p]!] },
        );
        new aws.cloudwatch.EventTarget(
          key,
          { ...where, rule: rule.name, eventBusName: bus.name, targetId: partitionBusName(p), arn: partitionBusArn(p, hub), roleArn: role.arn },
          { ...regional, dependsOn: [this.partitions[p]!.bus, this.forwardRole, forwardPolicy] },
        );
      });
    }
    this.eventBuses = buses;
    this.eventBusPolicies = busPolicies;
    this.registerOutputs({
      eventBuses: this.eventBuses,
      eventBusPolicies: this.eventBusPolicies,
      partitions: this.partitions,
      alertTopic: this.alertTopic,
      noticeTopic: this.noticeTopic,
      subscriptions: this.subscriptions,
      forwardRole: this.forwardRole,
    });
  }
}
