import * as aws from "@pulumi/aws";
import { monitoredRegions } from "../inventory/regions.ts";
import type { Inventory } from "../inventory/schema.ts";
import { EVENT_BUS_POLICY_SIZE_LIMIT } from "../components/hub-bus-policy.ts";
import { roleArn } from "../components/names.ts";
import { RootActivityHub } from "../components/root-activity-hub.ts";

/**
 * The program of the `hub` stack: the distributor's root-activity hub, in its hub account.
 * One provider per monitored region, each assuming the automation role in the hub account and
 * refusing to act in any other. The hub admits the payers of partners whose root-activity
 * monitor is on.
 */
export function hubProgram(inventory: Inventory): () => Promise<Record<string, unknown>> {
  return async () => {
    const { hub, automation, regions } = inventory.distributor;
    const automationRole = roleArn(hub.accountId, automation.roleName);
    const providers = Object.fromEntries(
      monitoredRegions(regions).map((region) => [
        region,
        new aws.Provider(`hub-${region}`, {
          region,
          allowedAccountIds: [hub.accountId],
          assumeRoles: [{ roleArn: automationRole, sessionName: "payerfleet-hub" }],
        }),
      ]),
    );
    const payers = inventory.partners
      .filter((partner) => partner.features.rootActivityMonitor)
      .map((partner) => ({ partnerId: partner.id, partnerName: partner.name, accountId: partner.payer.accountId }));
    const rootActivity = new RootActivityHub("root-activity-hub", {
      hubAccountId: hub.accountId,
      regions,
      providers,
      payers,
      alertSubscriptions: hub.alertSubscriptions,
      ...(hub.eventBusPolicySizeLimit === undefined ? {} : { eventBusPolicySizeLimit: hub.eventBusPolicySizeLimit }),
    });
    return {
      hubAccountId: hub.accountId,
      eventBusArns: rootActivity.eventBusArns,
      partitionBusArns: rootActivity.partitionBusArns,
      alertTopicArn: rootActivity.alertTopicArn,
      noticeTopicArn: rootActivity.noticeTopicArn,
      admittedPayers: payers.length,
      eventBusPolicySizes: rootActivity.eventBusPolicySizes,
      eventBusPolicySizeLimit: hub.eventBusPolicySizeLimit ?? EVENT_BUS_POLICY_SIZE_LIMIT,
    };
  };
}
