import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { declare, type Declared, type DeclaredResource } from "../../../src/plan/declare.ts";
import { RootActivitySpoke } from "../../../src/components/payer/root-activity-spoke.ts";
import { ACME, EVENTS, type EventName } from "../../support/cloudtrail-events.ts";
import { matchEvents } from "../../support/eventbridge-match.ts";

const HUB = "210987654321";

/** The partner program gives the spoke the stack's one provider, in us-east-1; so does this. */
function spokeProgram(regions: readonly string[]) {
  return async () => {
    const provider = new aws.Provider("acme-us-east-1", { region: "us-east-1", allowedAccountIds: [ACME], assumeRoles: [{ roleArn: `arn:aws:iam::${ACME}:role/payerfleet-automation` }] });
    const spoke = new RootActivitySpoke("acme-root-activity", { payerAccountId: ACME, hubAccountId: HUB, regions }, { provider });
    return { regions: spoke.regions };
  };
}

/** A resource outside us-east-1 names its region; the provider's own region is left implicit. */
const regionOf = (region: string) => (region === "us-east-1" ? {} : { region });

const key = (r: DeclaredResource) => `${r.type} ${r.name}`;

function byName(declared: Declared, type: string, name: string): DeclaredResource {
  const found = declared.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  return found[0]!;
}

const providerRef = `urn:pulumi:acme::payerfleet::pulumi:providers:aws::acme-us-east-1::acme-us-east-1-id`;

describe("RootActivitySpoke", () => {
  let declared: Declared;
  before(async () => {
    declared = await declare(spokeProgram(["eu-west-1", "eu-central-1"]), { stack: "acme" });
  });

  it("declares a rule and a hub target in us-east-1 and every region in use, and one delivery role", () => {
    expect(declared.resources.map(key).sort()).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule acme-root-activity-eu-central-1",
      "aws:cloudwatch/eventRule:EventRule acme-root-activity-eu-west-1",
      "aws:cloudwatch/eventRule:EventRule acme-root-activity-us-east-1",
      "aws:cloudwatch/eventTarget:EventTarget acme-root-activity-eu-central-1",
      "aws:cloudwatch/eventTarget:EventTarget acme-root-activity-eu-west-1",
      "aws:cloudwatch/eventTarget:EventTarget acme-root-activity-us-east-1",
      "aws:iam/role:Role acme-root-activity-delivery",
      "aws:iam/rolePolicy:RolePolicy acme-root-activity-delivery",
      "payerfleet:monitoring:RootActivitySpoke acme-root-activity",
      "pulumi:providers:aws acme-us-east-1",
    ]);
    expect(declared.outputs).to.deep.equal({ regions: ["us-east-1", "eu-west-1", "eu-central-1"] });
    const spoke = byName(declared, "payerfleet:monitoring:RootActivitySpoke", "acme-root-activity");
    for (const r of declared.resources.filter((r) => r.type.startsWith("aws:"))) expect(r.parent, r.name).to.equal(spoke.urn);
  });

  it("gives each region's rule the state that includes read-only calls, and the root pattern", () => {
    for (const region of ["us-east-1", "eu-west-1", "eu-central-1"]) {
      const rule = byName(declared, "aws:cloudwatch/eventRule:EventRule", `acme-root-activity-${region}`);
      expect(rule.provider, region).to.equal(providerRef);
      const { eventPattern, ...rest } = rule.inputs;
      expect(rest).to.deep.equal({
        ...regionOf(region),
        name: "payerfleet-root-activity",
        description: "Root user activity (API calls, console sign-ins) sent to the distributor's hub",
        state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
      });
      expect(JSON.parse(eventPattern as string)).to.deep.equal({
        source: [{ prefix: "aws." }],
        "detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"],
        detail: { userIdentity: { type: ["Root"] } },
      });
    }
  });

  it("targets the hub bus of the same region through the delivery role", () => {
    for (const region of ["us-east-1", "eu-west-1", "eu-central-1"]) {
      const target = byName(declared, "aws:cloudwatch/eventTarget:EventTarget", `acme-root-activity-${region}`);
      expect(target.provider, region).to.equal(providerRef);
      expect(target.inputs).to.deep.equal({
        ...regionOf(region),
        rule: "payerfleet-root-activity",
        targetId: "payerfleet-hub",
        arn: `arn:aws:events:${region}:${HUB}:event-bus/payerfleet-root-activity`,
        roleArn: `arn:aws:iam::${ACME}:role/payerfleet-root-activity-delivery`,
      });
    }
  });

  it("has one global delivery role, trusted by EventBridge for this payer's rules, allowed PutEvents on the hub buses only", () => {
    const role = byName(declared, "aws:iam/role:Role", "acme-root-activity-delivery");
    expect(role.provider).to.equal(providerRef);
    expect(role.inputs["name"]).to.equal("payerfleet-root-activity-delivery");
    expect(JSON.parse(role.inputs["assumeRolePolicy"] as string)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EventBridgeDeliversRootActivity",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACME },
            ArnLike: { "aws:SourceArn": `arn:aws:events:*:${ACME}:rule/payerfleet-root-activity` },
          },
        },
      ],
    });
    const policy = byName(declared, "aws:iam/rolePolicy:RolePolicy", "acme-root-activity-delivery");
    expect(policy.provider).to.equal(providerRef);
    expect(policy.inputs["role"]).to.equal("payerfleet-root-activity-delivery");
    expect(JSON.parse(policy.inputs["policy"] as string)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PutRootActivityOnHubBuses",
          Effect: "Allow",
          Action: "events:PutEvents",
          Resource: [
            `arn:aws:events:us-east-1:${HUB}:event-bus/payerfleet-root-activity`,
            `arn:aws:events:eu-west-1:${HUB}:event-bus/payerfleet-root-activity`,
            `arn:aws:events:eu-central-1:${HUB}:event-bus/payerfleet-root-activity`,
          ],
        },
      ],
    });
  });

  it("monitors us-east-1 exactly once, and reordering the regions changes no resource", async () => {
    const reordered = await declare(spokeProgram(["eu-central-1", "us-east-1", "eu-west-1", "eu-central-1"]), { stack: "acme" });
    const shape = (d: Declared) =>
      d.resources
        .filter((r) => r.type.startsWith("aws:"))
        .map((r) => ({ key: key(r), provider: r.provider, inputs: r.type === "aws:iam/rolePolicy:RolePolicy" ? undefined : r.inputs }))
        .sort((a, b) => a.key.localeCompare(b.key));
    expect(shape(reordered)).to.deep.equal(shape(declared));
    expect(reordered.outputs).to.deep.equal({ regions: ["us-east-1", "eu-central-1", "eu-west-1"] });
    expect(reordered.resources.filter((r) => r.name.endsWith("-us-east-1") && r.type.startsWith("aws:cloudwatch")).length).to.equal(2);
  });

  it("forwards exactly the root user's events, AssumeRoot sessions included, by moto's EventBridge matcher", () => {
    const rule = byName(declared, "aws:cloudwatch/eventRule:EventRule", "acme-root-activity-eu-west-1");
    const matched = matchEvents({ spoke: rule.inputs["eventPattern"] as string }, EVENTS);
    const forwarded = (Object.keys(matched) as EventName[]).filter((name) => matched[name]!.length > 0);
    expect(forwarded).to.deep.equal([
      "rootSignInSuccess",
      "rootSignInFailure",
      "rootApiCall",
      "rootReadOnlyCall",
      "assumedRootSessionCall",
      "strangerRootCall",
    ]);
  });
});
