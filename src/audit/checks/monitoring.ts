/**
 * Root use is seen: the organization trail logs, and a root-activity rule in us-east-1 (where
 * root console sign-in is recorded) and in every region in use forwards to the hub's bus.
 */
import { ALL_MANAGEMENT_EVENTS_STATE } from "../../domain/monitoring/event-patterns.ts";
import { hubEventBusArn, ORGANIZATION_TRAIL, ROOT_ACTIVITY_RULE } from "../../domain/names.ts";
import { monitoredRegions } from "../../domain/regions.ts";
import { fail, pass } from "../report.ts";
import type { CheckContext, CheckGroup } from "./group.ts";

export function monitoringChecks(ctx: CheckContext): CheckGroup[] {
  const groups: CheckGroup[] = [];
  if (ctx.partner.features.organizationTrail) groups.push(trailCheck());
  if (ctx.partner.features.rootActivityMonitor) {
    for (const region of monitoredRegions(ctx.inventory.distributor.regions)) groups.push(ruleCheck(ctx, region));
  }
  return groups;
}

function trailCheck(): CheckGroup {
  const id = "organization-trail";
  return {
    ids: [id],
    async run(api) {
      const trail = (await api.trails()).find((t) => t.name === ORGANIZATION_TRAIL);
      if (trail === undefined) return [fail(id, `no multi-region trail named ${ORGANIZATION_TRAIL}`)];
      const logging = await api.trailIsLogging(trail.arn, trail.homeRegion);
      const problems = [
        trail.isOrganizationTrail ? undefined : "it is not an organization trail",
        trail.isMultiRegionTrail ? undefined : "it is not multi-region",
        logging ? undefined : "it is not logging",
      ].filter((p) => p !== undefined);
      if (problems.length > 0) return [fail(id, `${trail.arn}: ${problems.join(", ")}`)];
      return [pass(id, `${trail.arn} is logging, multi-region, for the whole organization`)];
    },
  };
}

/** Whether the pattern selects events whose `detail.userIdentity.type` is `Root`. */
function matchesRoot(pattern: string | undefined): boolean {
  try {
    const types = (JSON.parse(pattern ?? "{}") as { detail?: { userIdentity?: { type?: unknown } } }).detail?.userIdentity?.type;
    return Array.isArray(types) && types.includes("Root");
  } catch {
    return false;
  }
}

function ruleCheck(ctx: CheckContext, region: string): CheckGroup {
  const id = `root-activity-rule:${region}`;
  const hubBus = hubEventBusArn(region, ctx.inventory.distributor.hub.accountId);
  return {
    ids: [id],
    async run(api) {
      const rule = await api.rule(region, ROOT_ACTIVITY_RULE);
      if (rule === undefined) return [fail(id, `no rule ${ROOT_ACTIVITY_RULE} on the default event bus of ${region}`)];
      const target = (await api.ruleTargets(region, ROOT_ACTIVITY_RULE)).find((t) => t.arn === hubBus);
      const problems = [
        rule.state === ALL_MANAGEMENT_EVENTS_STATE ? undefined : `state is ${rule.state}, not ${ALL_MANAGEMENT_EVENTS_STATE}`,
        matchesRoot(rule.eventPattern) ? undefined : "its event pattern does not select detail.userIdentity.type Root",
        target !== undefined ? undefined : `no target is the hub bus ${hubBus}`,
        target === undefined || target.roleArn !== undefined ? undefined : "the hub bus target has no roleArn, which cross-account delivery needs",
      ].filter((p) => p !== undefined);
      if (problems.length > 0) return [fail(id, `${ROOT_ACTIVITY_RULE}: ${problems.join("; ")}`)];
      return [pass(id, `${ROOT_ACTIVITY_RULE} is ${ALL_MANAGEMENT_EVENTS_STATE} and targets ${hubBus}`)];
    },
  };
}
