import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { createHash } from "node:crypto";
import { parseInventory } from "../../../src/inventory/load.ts";
import type { Inventory } from "../../../src/inventory/schema.ts";
import { programFor } from "../../../src/programs/stack-program.ts";
import { RootActivityHub } from "../../../src/components/hub/root-activity-hub.ts";
import { declare, type Declared, type DeclaredResource } from "../../../src/plan/declare.ts";
import { ACME, EVENTS, GLOBEX, type EventName } from "../../support/cloudtrail-events.ts";
import { matchEvents } from "../../support/eventbridge-match.ts";
import { BASE_INVENTORY, edit } from "../../support/fixtures.ts";
import { renderInputTemplate, type Transformer } from "../../support/input-transformer.ts";

const HUB = "210987654321";
const SOC = `email-${createHash("sha256").update("soc@distributor.example").digest("hex").slice(0, 8)}`;
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

function inventoryOf(text: string): Inventory {
  const loaded = parseInventory(text, "fleet.yaml");
  if (loaded.inventory === undefined) throw new Error(JSON.stringify(loaded.problems));
  return loaded.inventory;
}

function one(declared: Declared, type: string, name: string): DeclaredResource {
  const found = declared.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  return found[0]!;
}

const json = (r: DeclaredResource, input: string) => JSON.parse(r.inputs[input] as string) as unknown;
const providerRef = (region: string) => `urn:pulumi:hub::payerfleet::pulumi:providers:aws::hub-${region}::hub-${region}-id`;
/** The bus policy as the AWS documentation would write it by hand. */
const busPolicy = (region: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "PayerRootActivity",
      Effect: "Allow",
      Principal: "*",
      Action: "events:PutEvents",
      Resource: `arn:aws:events:${region}:${HUB}:event-bus/payerfleet-root-activity`,
      Condition: {
        StringEquals: { "aws:PrincipalAccount": [ACME, GLOBEX] },
        ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/payerfleet-root-activity-delivery" },
      },
    },
  ],
});
const PARTITION = "root-activity-hub-partition-0";
const payerRules = (account: string) => ["root-sign-in", "root-api-call", "assumed-root"].map((route) => `${PARTITION}-${account}-${route}`);

describe("RootActivityHub in the hub stack", () => {
  let declared: Declared;
  before(async () => {
    declared = await declare(programFor(inventoryOf(BASE_INVENTORY), "hub"), { stack: "hub" });
  });

  it("declares exactly the buses, rules, targets, topics, subscriptions and role of a two-payer fleet", () => {
    expect(declared.resources.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal(
      [
        "aws:cloudwatch/eventBus:EventBus root-activity-hub-eu-west-1",
        "aws:cloudwatch/eventBus:EventBus root-activity-hub-partition-0",
        "aws:cloudwatch/eventBus:EventBus root-activity-hub-us-east-1",
        "aws:cloudwatch/eventBusPolicy:EventBusPolicy root-activity-hub-eu-west-1",
        "aws:cloudwatch/eventBusPolicy:EventBusPolicy root-activity-hub-us-east-1",
        ...[...payerRules(ACME), ...payerRules(GLOBEX), "root-activity-hub-eu-west-1-forward-0", "root-activity-hub-us-east-1-forward-0"].flatMap((n) => [
          `${RULE} ${n}`,
          `${TARGET} ${n}`,
        ]),
        "aws:iam/role:Role root-activity-hub-forward",
        "aws:iam/rolePolicy:RolePolicy root-activity-hub-forward",
        "aws:sns/topic:Topic root-activity-hub-alerts",
        "aws:sns/topic:Topic root-activity-hub-notices",
        "aws:sns/topicPolicy:TopicPolicy root-activity-hub-alerts",
        "aws:sns/topicPolicy:TopicPolicy root-activity-hub-notices",
        `aws:sns/topicSubscription:TopicSubscription root-activity-hub-alerts-${SOC}`,
        `aws:sns/topicSubscription:TopicSubscription root-activity-hub-notices-${SOC}`,
        "payerfleet:monitoring:HubPartition root-activity-hub-partition-0",
        "payerfleet:monitoring:RootActivityHub root-activity-hub",
        "pulumi:providers:aws hub-us-east-1",
      ].sort(),
    );
    const hub = one(declared, "payerfleet:monitoring:RootActivityHub", "root-activity-hub");
    const partition = one(declared, "payerfleet:monitoring:HubPartition", PARTITION);
    expect(partition.parent).to.equal(hub.urn);
    for (const r of declared.resources.filter((r) => r.type.startsWith("aws:"))) {
      expect(r.parent, r.name).to.equal(r.name.startsWith(PARTITION) ? partition.urn : hub.urn);
      // One provider for the whole stack; resources outside us-east-1 name their region.
      expect(r.provider, r.name).to.equal(providerRef("us-east-1"));
      expect(r.inputs["region"], r.name).to.equal(r.name.includes("eu-west-1") ? "eu-west-1" : undefined);
    }
  });

  it("assumes the automation role in the hub account, with one provider in us-east-1", () => {
    const providers = declared.resources.filter((r) => r.type === "pulumi:providers:aws");
    expect(providers.map((p) => p.name)).to.deep.equal(["hub-us-east-1"]);
    const provider = providers[0]!;
    expect(provider.inputs["region"]).to.equal("us-east-1");
    expect(JSON.parse(provider.inputs["allowedAccountIds"] as string)).to.deep.equal([HUB]);
    expect(JSON.parse(provider.inputs["assumeRoles"] as string)).to.deep.equal([
      { roleArn: `arn:aws:iam::${HUB}:role/payerfleet-automation`, sessionName: "payerfleet-hub" },
    ]);
  });

  it("returns the bus and topic ARNs as stack outputs", () => {
    expect(declared.outputs).to.deep.equal({
      hubAccountId: HUB,
      eventBusArns: {
        "us-east-1": `arn:aws:events:us-east-1:${HUB}:event-bus/payerfleet-root-activity`,
        "eu-west-1": `arn:aws:events:eu-west-1:${HUB}:event-bus/payerfleet-root-activity`,
      },
      partitionBusArns: [`arn:aws:events:us-east-1:${HUB}:event-bus/payerfleet-root-activity-partition-0`],
      alertTopicArn: `arn:aws:sns:us-east-1:${HUB}:payerfleet-root-activity-alerts`,
      noticeTopicArn: `arn:aws:sns:us-east-1:${HUB}:payerfleet-root-activity-notices`,
      admittedPayers: 2,
      // The quota counts characters of the policy as sent: compact JSON.
      eventBusPolicySizes: { "us-east-1": JSON.stringify(busPolicy("us-east-1")).length, "eu-west-1": JSON.stringify(busPolicy("eu-west-1")).length },
      eventBusPolicySizeLimit: 10240,
    });
  });

  it("admits both payers' delivery roles on each region's bus, whatever their organization", () => {
    for (const region of ["us-east-1", "eu-west-1"]) {
      const where = region === "us-east-1" ? {} : { region };
      expect(one(declared, "aws:cloudwatch/eventBus:EventBus", `root-activity-hub-${region}`).inputs).to.deep.equal({
        ...where,
        name: "payerfleet-root-activity",
        description: "Root activity of every payer in this region",
      });
      const policy = one(declared, "aws:cloudwatch/eventBusPolicy:EventBusPolicy", `root-activity-hub-${region}`);
      expect(policy.inputs["eventBusName"]).to.equal("payerfleet-root-activity");
      expect(json(policy, "policy")).to.deep.equal(busPolicy(region));
    }
  });

  it("forwards every region's bus to the partition bus in us-east-1 through the forward role", () => {
    for (const region of ["us-east-1", "eu-west-1"]) {
      const rule = one(declared, RULE, `root-activity-hub-${region}-forward-0`);
      expect(json(rule, "eventPattern")).to.deep.equal({ account: [ACME, GLOBEX] });
      expect(rule.inputs["eventBusName"]).to.equal("payerfleet-root-activity");
      expect(one(declared, TARGET, `root-activity-hub-${region}-forward-0`).inputs).to.deep.equal({
        ...(region === "us-east-1" ? {} : { region }),
        rule: "payerfleet-root-activity-forward-0",
        eventBusName: "payerfleet-root-activity",
        targetId: "payerfleet-root-activity-partition-0",
        arn: `arn:aws:events:us-east-1:${HUB}:event-bus/payerfleet-root-activity-partition-0`,
        roleArn: `arn:aws:iam::${HUB}:role/payerfleet-root-activity-forward`,
      });
    }
    const role = one(declared, "aws:iam/role:Role", "root-activity-hub-forward");
    expect(json(role, "assumeRolePolicy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EventBridgeForwardsToPartitions",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": HUB },
            ArnLike: { "aws:SourceArn": `arn:aws:events:*:${HUB}:rule/payerfleet-root-activity/payerfleet-root-activity-forward-*` },
          },
        },
      ],
    });
    expect(json(one(declared, "aws:iam/rolePolicy:RolePolicy", "root-activity-hub-forward"), "policy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        { Sid: "PutOnPartitionBuses", Effect: "Allow", Action: "events:PutEvents", Resource: `arn:aws:events:us-east-1:${HUB}:event-bus/payerfleet-root-activity-partition-*` },
      ],
    });
  });

  it("sends real root use to the alert topic and AssumeRoot sessions to the notice topic, one rule per payer and route", () => {
    const topics = { "root-sign-in": "alerts", "root-api-call": "alerts", "assumed-root": "notices" } as const;
    for (const account of [ACME, GLOBEX]) {
      for (const [route, topic] of Object.entries(topics)) {
        const name = `${PARTITION}-${account}-${route}`;
        const rule = one(declared, RULE, name);
        expect(rule.inputs["name"]).to.equal(`payerfleet-root-activity-${account}-${route}`);
        expect(rule.inputs["eventBusName"]).to.equal("payerfleet-root-activity-partition-0");
        expect(json(rule, "eventPattern")).to.deep.include({ account: [account] });
        const { inputTransformer, ...target } = one(declared, TARGET, name).inputs;
        expect(target).to.deep.equal({
          rule: `payerfleet-root-activity-${account}-${route}`,
          eventBusName: "payerfleet-root-activity-partition-0",
          targetId: `payerfleet-root-activity-${topic}`,
          arn: `arn:aws:sns:us-east-1:${HUB}:payerfleet-root-activity-${topic}`,
        });
        expect(inputTransformer).to.have.keys(["inputPaths", "inputTemplate"]);
      }
    }
    expect(json(one(declared, RULE, `${PARTITION}-${ACME}-root-sign-in`), "eventPattern")).to.deep.equal({
      account: [ACME],
      source: [{ prefix: "aws." }],
      "detail-type": ["AWS Console Sign In via CloudTrail"],
      detail: {
        userIdentity: {
          type: ["Root"],
          $or: [{ sessionContext: { assumedRoot: [{ exists: false }] } }, { sessionContext: { assumedRoot: [{ "anything-but": "true" }] } }],
        },
      },
    });
    expect(json(one(declared, RULE, `${PARTITION}-${ACME}-assumed-root`), "eventPattern")).to.deep.equal({
      account: [ACME],
      source: [{ prefix: "aws." }],
      "detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"],
      detail: { userIdentity: { type: ["Root"], sessionContext: { assumedRoot: ["true"] } } },
    });
  });

  it("lets only its partition rules publish to the topics, and subscribes the inventory's endpoints to both", () => {
    for (const topic of ["alerts", "notices"]) {
      const arn = `arn:aws:sns:us-east-1:${HUB}:payerfleet-root-activity-${topic}`;
      expect(one(declared, "aws:sns/topic:Topic", `root-activity-hub-${topic}`).inputs).to.deep.equal({ name: `payerfleet-root-activity-${topic}` });
      const policy = one(declared, "aws:sns/topicPolicy:TopicPolicy", `root-activity-hub-${topic}`);
      expect(policy.inputs["arn"]).to.equal(arn);
      expect(json(policy, "policy")).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "HubRulesPublish",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Resource: arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": HUB },
              ArnLike: { "aws:SourceArn": `arn:aws:events:us-east-1:${HUB}:rule/payerfleet-root-activity-partition-*/*` },
            },
          },
        ],
      });
      expect(one(declared, "aws:sns/topicSubscription:TopicSubscription", `root-activity-hub-${topic}-${SOC}`).inputs).to.deep.equal({
        topic: arn,
        protocol: "email",
        endpoint: "soc@distributor.example",
      });
    }
  });

  it("routes every event to its route and no other, at the bus and on the partition, by moto's EventBridge matcher", () => {
    const rules = declared.resources.filter((r) => r.type === RULE);
    const patterns = Object.fromEntries(rules.map((r) => [r.inputs["name"] as string, r.inputs["eventPattern"] as string]));
    const matched = matchEvents(patterns, EVENTS);
    const forwarded = "payerfleet-root-activity-forward-0";
    const routed = (account: string, route: string) => [forwarded, `payerfleet-root-activity-${account}-${route}`].sort();
    expect(matched).to.deep.equal({
      rootSignInSuccess: routed(ACME, "root-sign-in"),
      rootSignInFailure: routed(GLOBEX, "root-sign-in"),
      rootApiCall: routed(ACME, "root-api-call"),
      rootReadOnlyCall: routed(ACME, "root-api-call"),
      assumedRootSessionCall: routed(ACME, "assumed-root"),
      // Forwarded only because the forward rule matches on the account; no route takes it.
      assumeRootCall: [forwarded],
      iamUserCall: [forwarded],
      ec2StateChange: [forwarded],
      spoofedCustomEvent: [forwarded],
      strangerRootCall: [],
    } satisfies Record<EventName, string[]>);
  });

  it("fills every placeholder of a route's message from each event the route takes", () => {
    const routes: [EventName, string][] = [
      ["rootSignInSuccess", `${ACME}-root-sign-in`],
      ["rootSignInFailure", `${GLOBEX}-root-sign-in`],
      ["rootApiCall", `${ACME}-root-api-call`],
      ["rootReadOnlyCall", `${ACME}-root-api-call`],
      ["assumedRootSessionCall", `${ACME}-assumed-root`],
    ];
    for (const [event, route] of routes) {
      const transformer = one(declared, TARGET, `${PARTITION}-${route}`).inputs["inputTransformer"] as Transformer;
      expect(renderInputTemplate(transformer, EVENTS[event]), event).not.to.match(/<[A-Za-z]+>/);
    }
  });

  it("names the partner and the payer and says what happened, from where, where and when", () => {
    const message = (account: string, route: string, event: EventName) =>
      renderInputTemplate(one(declared, TARGET, `${PARTITION}-${account}-${route}`).inputs["inputTransformer"] as Transformer, EVENTS[event]);
    expect(message(GLOBEX, "root-sign-in", "rootSignInFailure").split("\n")).to.deep.equal([
      '"PAYERFLEET ROOT ALERT: root user console sign-in (Failure) in the payer of Globex (globex)"',
      '"Partner: Globex (id globex)"',
      '"Payer account: 100000000002"',
      '"What: console sign-in (signin.amazonaws.com ConsoleLogin), result Failure, MFA used No"',
      '"From: 203.0.113.24, user agent Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15"',
      '"Region and time: us-east-1, 2026-03-02T10:02:51Z"',
      '"CloudTrail event id: 7a9d3b20-1c4e-4d8a-9f0b-2a6c8e1d3f57"',
      `"The root user needs the distributor's password and the customer's MFA: confirm this with both custody holders now."`,
    ]);
    expect(message(ACME, "root-api-call", "rootReadOnlyCall").split("\n").slice(0, 5)).to.deep.equal([
      '"PAYERFLEET ROOT ALERT: root user API call ec2.amazonaws.com DescribeInstances in the payer of Acme Corp (acme)"',
      '"Partner: Acme Corp (id acme)"',
      '"Payer account: 100000000001"',
      '"What: API call ec2.amazonaws.com DescribeInstances (read-only: true)"',
      '"From: 198.51.100.77, user agent aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#s3api.put-bucket-policy"',
    ]);
    const notice = message(ACME, "assumed-root", "assumedRootSessionCall").split("\n");
    expect(notice[0]).to.equal('"payerfleet notice (low severity): sts:AssumeRoot session call s3.amazonaws.com DeleteBucketPolicy in the payer of Acme Corp (acme)"');
    expect(notice.at(-1)).to.equal('"Expected when an administrator runs a privileged root task; no custody holder is involved."');
  });

  it("subscribes an endpoint the inventory lists twice once per topic", async () => {
    const twice = edit(BASE_INVENTORY, "        endpoint: soc@distributor.example\n", "        endpoint: soc@distributor.example\n      - { protocol: email, endpoint: soc@distributor.example }\n");
    const declaredTwice = await declare(programFor(inventoryOf(twice), "hub"), { stack: "hub" });
    expect(declaredTwice.resources.filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription").map((r) => r.name).sort()).to.deep.equal([
      `root-activity-hub-alerts-${SOC}`,
      `root-activity-hub-notices-${SOC}`,
    ]);
  });

  it("keeps template delimiters out of a partner's display name", async () => {
    const odd = await declare(programFor(inventoryOf(edit(BASE_INVENTORY, "name: Globex", 'name: "Globex <eventName> \\"EU\\""')), "hub"), { stack: "hub" });
    const { inputTemplate } = one(odd, TARGET, `${PARTITION}-${GLOBEX}-root-api-call`).inputs["inputTransformer"] as Transformer;
    expect(inputTemplate.split("\n")[1]).to.equal('"Partner: Globex ‹eventName› \\"EU\\" (id globex)"');
  });

  it("admits only partners whose root-activity monitor is on, and reordering partners or regions changes nothing", async () => {
    const base = inventoryOf(BASE_INVENTORY);
    const off = structuredClone(base);
    off.partners[1]!.features.rootActivityMonitor = false;
    const withoutGlobex = await declare(programFor(off, "hub"), { stack: "hub" });
    expect(withoutGlobex.resources.some((r) => r.name.includes(GLOBEX))).to.equal(false);
    expect(withoutGlobex.outputs["admittedPayers"]).to.equal(1);

    const reordered = structuredClone(base);
    reordered.partners.reverse();
    reordered.distributor.regions = ["eu-west-1", "us-east-1", "eu-west-1"];
    const again = await declare(programFor(reordered, "hub"), { stack: "hub" });
    const shape = (d: Declared) => d.resources.map((r) => ({ key: `${r.type} ${r.name}`, provider: r.provider, inputs: r.inputs })).sort((a, b) => a.key.localeCompare(b.key));
    expect(shape(again)).to.deep.equal(shape(declared));
  });
});

describe("RootActivityHub at fleet scale", () => {
  const payers = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ partnerId: `partner-${i}`, partnerName: `Partner ${i}`, accountId: String(100_000_000_000 + i * 7919) }));
  const hubProgram = (count: number) => async () => {
    const provider = new aws.Provider("hub-us-east-1", { region: "us-east-1", allowedAccountIds: [HUB] });
    const hub = new RootActivityHub("root-activity-hub", { hubAccountId: HUB, regions: ["eu-west-1"], payers: payers(count) }, { provider });
    return { partitions: hub.partitionAccountIds.map((p) => p.length), sizes: hub.eventBusPolicySizes };
  };

  it("spreads 181 payers over 3 partition buses, each with its payers' rules and forwarded from every region", async () => {
    const declared = await declare(hubProgram(181), { stack: "hub" });
    expect(declared.outputs["partitions"]).to.deep.equal([61, 60, 60]);
    for (const p of [0, 1, 2]) {
      const partition = one(declared, "payerfleet:monitoring:HubPartition", `root-activity-hub-partition-${p}`);
      const rules = declared.resources.filter((r) => r.type === RULE && r.parent === partition.urn);
      expect(rules.length).to.equal(3 * (p === 0 ? 61 : 60));
      expect(new Set(rules.map((r) => r.inputs["eventBusName"]))).to.deep.equal(new Set([`payerfleet-root-activity-partition-${p}`]));
      for (const region of ["us-east-1", "eu-west-1"]) {
        const forward = one(declared, RULE, `root-activity-hub-${region}-forward-${p}`);
        const accounts = (json(forward, "eventPattern") as { account: string[] }).account;
        expect(accounts.length).to.equal(p === 0 ? 61 : 60);
        expect(new Set(rules.map((r) => (json(r, "eventPattern") as { account: string[] }).account[0]))).to.deep.equal(new Set(accounts));
      }
    }
  });

  it("refuses a fleet whose bus policy would pass the quota, saying what fits and what to do", async () => {
    const failure = await declare(hubProgram(700), { stack: "hub" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(failure)).to.include(
      "RootActivityHub root-activity-hub: the bus policy admitting 700 payers takes 10856 characters in us-east-1, eu-west-1, over eventBusPolicySizeLimit 10240, which admits 658; " +
        'raise the "Event bus policy size" quota of the hub account and pass the new limit',
    );
  });
});
