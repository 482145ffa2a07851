import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { monitoredRegions, regionOtherThanProvider } from "../../domain/regions.ts";
import { rootActivityDeliveryRole } from "../../domain/iam/payer-roles.ts";
import { hubEventBusArn, ROOT_ACTIVITY_RULE } from "../../domain/names.ts";
import { ALL_MANAGEMENT_EVENTS_STATE, patternJson, spokeEventPattern } from "../../domain/monitoring/event-patterns.ts";

export interface RootActivitySpokeArgs {
  /** The payer whose root activity is watched; the delivery role trusts EventBridge for it only. Required. */
  readonly payerAccountId: string;
  /** The distributor's hub account, whose bus in each region receives the events. Required. */
  readonly hubAccountId: string;
  /** Regions in use. Default: none; us-east-1, where root console sign-in is recorded, is always added. */
  readonly regions?: readonly string[];
}

/** Identifies the hub bus among a rule's targets. */
const HUB_TARGET_ID = "payerfleet-hub";

/**
 * Root-activity rules inside one payer: in us-east-1 and every region in use, a rule on the
 * default bus matching the root user's CloudTrail records, read-only calls included, sent to
 * the hub bus of the same region through one delivery role. The provider in `opts` acts in the
 * payer in us-east-1; the other regions' rules name their region (one provider process per
 * stack, however many regions).
 */
export class RootActivitySpoke extends pulumi.ComponentResource {
  /** The role EventBridge assumes to put events on the hub buses (IAM is global: one role). */
  readonly deliveryRole: aws.iam.Role;
  readonly deliveryRolePolicy: aws.iam.RolePolicy;
  /** The rule of each monitored region, by region. */
  readonly rules: Readonly<Record<string, aws.cloudwatch.EventRule>>;
  /** The hub-bus target of each region's rule, by region. */
  readonly targets: Readonly<Record<string, aws.cloudwatch.EventTarget>>;
  /** The monitored regions, us-east-1 first. */
  readonly regions: readonly string[];

  constructor(name: string, args: RootActivitySpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    const regions = monitoredRegions(args.regions ?? []);
    super("payerfleet:monitoring:RootActivitySpoke", name, {}, opts);
    this.regions = regions;

    const role = rootActivityDeliveryRole(args.payerAccountId, args.hubAccountId, regions);
    const [policy] = role.policies;
    this.deliveryRole = new aws.iam.Role(
      `${name}-delivery`,
      { name: role.name, path: role.path, description: role.description, assumeRolePolicy: JSON.stringify(role.trustPolicy) },
      { parent: this },
    );
    this.deliveryRolePolicy = new aws.iam.RolePolicy(
      `${name}-delivery`,
      { role: this.deliveryRole.name, name: policy!.name, policy: JSON.stringify(policy!.document) },
      { parent: this },
    );
    // Known before the role exists, so that plans show it; the dependency is explicit instead.
    const deliveryRoleArn = role.arn;

    const rules: Record<string, aws.cloudwatch.EventRule> = {};
    const targets: Record<string, aws.cloudwatch.EventTarget> = {};
    for (const region of regions) {
      // Keyed by region, never by position: reordering the inventory's regions replaces nothing.
      const regional = { parent: this };
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${region}`,
        {
          ...regionOtherThanProvider(region),
          name: ROOT_ACTIVITY_RULE,
          description: "Root user activity (API calls, console sign-ins) sent to the distributor's hub",
          eventPattern: patternJson(spokeEventPattern()),
          state: ALL_MANAGEMENT_EVENTS_STATE,
        },
        regional,
      );
      rules[region] = rule;
      targets[region] = new aws.cloudwatch.EventTarget(
        `${name}-${region}`,
        {
          ...regionOtherThanProvider(region),
          rule: rule.name,
          targetId: HUB_TARGET_ID,
          arn: hubEventBusArn(region, args.hubAccountId),
          roleArn: deliveryRoleArn,
        },
        { ...regional, dependsOn: [this.deliveryRole, this.deliveryRolePolicy] },
      );
    }
    this.rules = rules;
    this.targets = targets;
    this.registerOutputs({
      deliveryRole: this.deliveryRole,
      deliveryRolePolicy: this.deliveryRolePolicy,
      rules: this.rules,
      targets: this.targets,
    });
  }
}
