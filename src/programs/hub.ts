import * as aws from "@pulumi/aws";
import { PROVIDER_REGION } from "../domain/regions.ts";
import { custodyPartners, type Inventory } from "../inventory/schema.ts";
import type { StackProgram } from "./stack-context.ts";
import { EVENT_BUS_POLICY_SIZE_LIMIT } from "../domain/monitoring/hub-bus-policy.ts";
import { roleArn, sessionName } from "../domain/names.ts";
import { RootActivityHub } from "../components/hub/root-activity-hub.ts";

/**
 * The program of the `hub` stack: the distributor's root-activity hub, in its hub account.
 * One provider, assuming the automation role in the hub account and refusing to act in any
 * other; regional resources name their region. The hub admits the payers of partners whose
 * root-activity monitor is on.
 */
export function hubProgram(inventory: Inventory): StackProgram {
  return async () => {
    const { hub, automation, regions } = inventory.distributor;
    const automationRole = roleArn(hub.accountId, automation.roleName);
    // Named after its region, as when the hub had one provider per region: the resources of
    // us-east-1 keep their provider.
    const provider = new aws.Provider(`hub-${PROVIDER_REGION}`, {
      region: PROVIDER_REGION,
      allowedAccountIds: [hub.accountId],
      assumeRoles: [{ roleArn: automationRole, sessionName: sessionName("hub") }],
    });
    const payers = custodyPartners(inventory)
      .filter((partner) => partner.features.rootActivityMonitor)
      .map((partner) => ({ partnerId: partner.id, partnerName: partner.name, accountId: partner.payer.accountId }));
    const rootActivity = new RootActivityHub(
      "root-activity-hub",
      {
      hubAccountId: hub.accountId,
      regions,
      payers,
      alertSubscriptions: hub.alertSubscriptions,
      ...(hub.eventBusPolicySizeLimit === undefined ? {} : { eventBusPolicySizeLimit: hub.eventBusPolicySizeLimit }),
      },
      { provider },
    );
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
