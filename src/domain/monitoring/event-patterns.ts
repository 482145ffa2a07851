/**
 * EventBridge event patterns of root-activity monitoring, as plain JSON: the spoke's rule in
 * every payer, the hub's forwarding rules and the hub's per-payer routes. Tests run them through
 * an independent EventBridge matcher against realistic CloudTrail events.
 */

/** The detail-type CloudTrail gives API calls on EventBridge (read-only ones too, see the rule state). */
const API_CALL = "AWS API Call via CloudTrail";
/** The detail-type of console sign-ins, successful or not. */
const CONSOLE_SIGN_IN = "AWS Console Sign In via CloudTrail";
/**
 * Without this state a rule never sees read-only API calls (Describe*, Get*, List*): `ENABLED`
 * skips the CloudTrail management events EventBridge marks read-only.
 */
export const ALL_MANAGEMENT_EVENTS_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

export type EventPattern = Readonly<Record<string, unknown>>;

/**
 * Events AWS services emit have a source starting with `aws.`, which PutEvents refuses to
 * anyone else: a custom event dressed up as a CloudTrail record never matches.
 */
const FROM_AWS = { source: [{ prefix: "aws." }] } as const;

/**
 * The spoke's rule on a payer's default bus: every CloudTrail record of the root user, API
 * calls and console sign-ins alike, failed sign-ins included. Records of `sts:AssumeRoot`
 * sessions carry `userIdentity.type` Root too and are forwarded on purpose: the hub tells them
 * apart, so that the payer's rule stays one simple pattern.
 */
export function spokeEventPattern(): EventPattern {
  return {
    ...FROM_AWS,
    "detail-type": [API_CALL, CONSOLE_SIGN_IN],
    detail: { userIdentity: { type: ["Root"] } },
  };
}

/** How a root event is reported. */
export type RouteKey = "root-sign-in" | "root-api-call" | "assumed-root";
export type Severity = "alert" | "notice";

export interface Route {
  readonly key: RouteKey;
  /** `alert`: the root user's own credentials were used. `notice`: an `sts:AssumeRoot` session. */
  readonly severity: Severity;
}

/** Every route, in the order the hub declares them. */
export const ROUTES: readonly Route[] = [
  { key: "root-sign-in", severity: "alert" },
  { key: "root-api-call", severity: "alert" },
  { key: "assumed-root", severity: "notice" },
];

/**
 * The root user acting with its own credentials. A root session started with `sts:AssumeRoot`
 * (centralized root access) is recorded with `userIdentity.type` Root and
 * `userIdentity.sessionContext.assumedRoot` = "true" (IAM User Guide, "Track privileged tasks
 * in AWS CloudTrail": https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-track-privileged-tasks.html;
 * CloudTrail userIdentity element: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
 * Anything else is real root use: the field absent, or any value but "true", so that an
 * unexpected shape raises an alert rather than silence.
 */
const REAL_ROOT = {
  type: ["Root"],
  $or: [{ sessionContext: { assumedRoot: [{ exists: false }] } }, { sessionContext: { assumedRoot: [{ "anything-but": "true" }] } }],
} as const;

const ASSUMED_ROOT = { type: ["Root"], sessionContext: { assumedRoot: ["true"] } } as const;

/** One route of one payer on the hub: matches only that payer account's events. */
export function routeEventPattern(route: RouteKey, payerAccountId: string): EventPattern {
  const envelope = { account: [payerAccountId], ...FROM_AWS };
  switch (route) {
    case "root-sign-in":
      return { ...envelope, "detail-type": [CONSOLE_SIGN_IN], detail: { userIdentity: REAL_ROOT } };
    case "root-api-call":
      return { ...envelope, "detail-type": [API_CALL], detail: { userIdentity: REAL_ROOT } };
    case "assumed-root":
      return { ...envelope, "detail-type": [API_CALL, CONSOLE_SIGN_IN], detail: { userIdentity: ASSUMED_ROOT } };
  }
}

/** A hub bus forwarding the events of these payers to their partition's bus. */
export function forwardEventPattern(payerAccountIds: readonly string[]): EventPattern {
  return { account: [...payerAccountIds] };
}

/**
 * EventBridge counts an event pattern's size in characters, up to 2,048 by default ("Event
 * pattern size", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
 */
export const EVENT_PATTERN_SIZE_LIMIT = 2048;

/** The pattern as the rule is given it: compact JSON, whose length is what the quota counts. */
export function patternJson(pattern: EventPattern): string {
  return JSON.stringify(pattern);
}
