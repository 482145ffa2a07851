import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alertTransformer } from "../../domain/monitoring/alert-message.ts";
import { type HubPayer, partitionBusName, payerRuleName, SEVERITY_TOPICS, topicArn } from "../../domain/monitoring/hub-layout.ts";
import { patternJson, ROUTES, routeEventPattern, type Severity } from "../../domain/monitoring/event-patterns.ts";

export interface HubPartitionArgs {
  /** The partition's number, from 0; names its bus. Required. */
  readonly partition: number;
  /** The hub account, whose topics the rules publish to. Required. */
  readonly hubAccountId: string;
  /** The partition's payers, one rule per route each. Required. */
  readonly payers: readonly HubPayer[];
  /** The hub's topic of each severity, which the targets wait for. Required. */
  readonly topics: Readonly<Record<Severity, aws.sns.Topic>>;
  /** The topics' policies, which must admit the rules before a target publishes. Default: none. */
  readonly topicPolicies?: readonly aws.sns.TopicPolicy[];
}

/**
 * One partition bus of the root-activity hub, with one rule per payer and route whose message
 * names the partner. A component, so that each region's forwarding rule can depend on the
 * whole partition at once. The provider in `opts` acts in the hub account's alerting region.
 */
export class HubPartition extends pulumi.ComponentResource {
  readonly bus: aws.cloudwatch.EventBus;
  /** Rules by `<payer account id>-<route>`. */
  readonly rules: Readonly<Record<string, aws.cloudwatch.EventRule>>;
  readonly targets: Readonly<Record<string, aws.cloudwatch.EventTarget>>;

  constructor(name: string, args: HubPartitionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:monitoring:HubPartition", name, {}, opts);
    const hub = args.hubAccountId;
    const accounts = args.payers.map((payer) => payer.accountId);
    this.bus = new aws.cloudwatch.EventBus(
      name,
      { name: partitionBusName(args.partition), description: `Root activity of payers ${accounts[0]} to ${accounts.at(-1)}` },
      { parent: this },
    );
    const rules: Record<string, aws.cloudwatch.EventRule> = {};
    const targets: Record<string, aws.cloudwatch.EventTarget> = {};
    for (const payer of args.payers) {
      for (const route of ROUTES) {
        // Keyed by account id and route: the inventory's order never renames a rule.
        const key = `${payer.accountId}-${route.key}`;
        const topicName = SEVERITY_TOPICS[route.severity];
        const rule = new aws.cloudwatch.EventRule(
          `${name}-${key}`,
          {
            name: payerRuleName(payer.accountId, route.key),
            description: `${route.key} of partner ${payer.partnerId}`,
            eventBusName: this.bus.name,
            eventPattern: patternJson(routeEventPattern(route.key, payer.accountId)),
          },
          { parent: this },
        );
        rules[key] = rule;
        targets[key] = new aws.cloudwatch.EventTarget(
          `${name}-${key}`,
          {
            rule: rule.name,
            eventBusName: this.bus.name,
            targetId: topicName,
            arn: topicArn(topicName, hub),
            inputTransformer: alertTransformer(route.key, { partnerId: payer.partnerId, partnerName: payer.partnerName, payerAccountId: payer.accountId }),
          },
          { parent: this, dependsOn: [args.topics[route.severity], ...(args.topicPolicies ?? [])] },
        );
      }
    }
    this.rules = rules;
    this.targets = targets;
    this.registerOutputs({ bus: this.bus, rules: this.rules, targets: this.targets });
  }
}
