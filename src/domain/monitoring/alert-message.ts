/**
 * The messages the hub's rules publish to SNS: EventBridge input transformers whose template
 * names the partner and the payer as literal text (one rule per payer and route), and takes
 * what happened from the CloudTrail record.
 *
 * The template is a series of JSON strings, one per line: a text template must be quoted
 * (EventBridge API reference, InputTransformer), and one quoted string per line reaches e-mail
 * subscribers as lines. EventBridge does not escape the values it substitutes, so nothing here
 * parses the result as JSON. The paths are ones CloudTrail writes in every record the route
 * matches.
 */
import type { RouteKey } from "./event-patterns.ts";

/** Who the payer belongs to, as the message names them. */
export interface PartnerLabel {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly payerAccountId: string;
}

/** An EventBridge input transformer, in the shape of `aws.cloudwatch.EventTarget`'s argument. */
export interface InputTransformer {
  readonly inputPaths: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

const COMMON_PATHS = {
  eventSource: "$.detail.eventSource",
  eventName: "$.detail.eventName",
  sourceIPAddress: "$.detail.sourceIPAddress",
  userAgent: "$.detail.userAgent",
  awsRegion: "$.detail.awsRegion",
  eventTime: "$.detail.eventTime",
  eventID: "$.detail.eventID",
} as const;

const ROUTE_PATHS: Readonly<Record<RouteKey, Readonly<Record<string, string>>>> = {
  "root-sign-in": { ...COMMON_PATHS, result: "$.detail.responseElements.ConsoleLogin", mfaUsed: "$.detail.additionalEventData.MFAUsed" },
  "root-api-call": { ...COMMON_PATHS, readOnly: "$.detail.readOnly" },
  "assumed-root": COMMON_PATHS,
};

/**
 * `<` and `>` delimit placeholders and cannot be escaped in a template, so a display name
 * carrying them would inject one; they become single guillemets.
 */
function literal(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›");
}

function headline(route: RouteKey, who: string): string {
  switch (route) {
    case "root-sign-in":
      return `PAYERFLEET ROOT ALERT: root user console sign-in (<result>) in the payer of ${who}`;
    case "root-api-call":
      return `PAYERFLEET ROOT ALERT: root user API call <eventSource> <eventName> in the payer of ${who}`;
    case "assumed-root":
      return `payerfleet notice (low severity): sts:AssumeRoot session call <eventSource> <eventName> in the payer of ${who}`;
  }
}

function what(route: RouteKey): string[] {
  switch (route) {
    case "root-sign-in":
      return ["What: console sign-in (<eventSource> <eventName>), result <result>, MFA used <mfaUsed>"];
    case "root-api-call":
      return ["What: API call <eventSource> <eventName> (read-only: <readOnly>)"];
    case "assumed-root":
      return [
        "What: API call <eventSource> <eventName> in a short-term root session started with sts:AssumeRoot",
        "(centralized root access, issued to the management account or the IAM delegated administrator),",
        "not with the root user's own credentials.",
      ];
  }
}

function closing(route: RouteKey): string {
  return route === "assumed-root"
    ? "Expected when an administrator runs a privileged root task; no custody holder is involved."
    : "The root user needs the distributor's password and the customer's MFA: confirm this with both custody holders now.";
}

/** The transformer of one route's rule for one payer. */
export function alertTransformer(route: RouteKey, label: PartnerLabel): InputTransformer {
  const partner = literal(label.partnerName);
  const id = literal(label.partnerId);
  const lines = [
    headline(route, `${partner} (${id})`),
    `Partner: ${partner} (id ${id})`,
    `Payer account: ${label.payerAccountId}`,
    ...what(route),
    "From: <sourceIPAddress>, user agent <userAgent>",
    "Region and time: <awsRegion>, <eventTime>",
    "CloudTrail event id: <eventID>",
    closing(route),
  ];
  return { inputPaths: ROUTE_PATHS[route], inputTemplate: lines.map((line) => JSON.stringify(line)).join("\n") };
}
