import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { StackEvents } from "../../../src/automation/events/events.ts";
import { RECORDED, SYNTHETIC } from "../../support/fake-pulumi/harness.ts";
import { ACCOUNT_CHANGES_RESOURCES } from "../streams/expected.ts";

function replay(file: string): StackEvents {
  const events = new StackEvents();
  for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim() !== "") events.onEvent(JSON.parse(line) as EngineEvent);
  return events;
}

describe("StackEvents: engine events folded into a stack's report", () => {
  it("counts an update from its summary and lists the created resource (up.ndjson)", () => {
    const e = replay(join(RECORDED, "up.ndjson"));
    expect(e.changes()).to.deep.equal({ create: 1, same: 5 });
    // A create carries every input, so a reviewer sees what is made.
    expect(e.changedResources()).to.deep.equal([
      {
        urn: "urn:pulumi:dev::eks::aws:eks/cluster:Cluster::eks-cluster",
        type: "aws:eks/cluster:Cluster",
        op: "create",
        diffs: [],
        properties: {
          name: "eks-cluster-fb2cd6e",
          roleArn: "arn:aws:iam::616138583583:role/eks-role-24b1266",
          vpcConfig: {
            endpointPrivateAccess: false,
            endpointPublicAccess: true,
            publicAccessCidrs: ["0.0.0.0/0"],
            securityGroupIds: ["sg-0e760e824fba2d002"],
            subnetIds: ["subnet-0016572b", "subnet-d7e7fe9c", "subnet-c7d926bf", "subnet-43f43a1e"],
          },
        },
      },
    ]);
    expect(e.summarized).to.equal(true);
    expect(e.malformed).to.equal(0);
  });

  it("names each drifted resource and property of a 3.248 refresh: updates and deletions come on the outputs events (real-3.248-refresh-drift.ndjson)", () => {
    const e = replay(join(SYNTHETIC, "real-3.248-refresh-drift.ndjson"));
    expect(e.changes()).to.deep.equal({ delete: 1, same: 38, update: 1 });
    expect(e.changedResources()).to.deep.equal([
      {
        urn: "urn:pulumi:fabrikam::payerfleet::payerfleet:payer:PartnerPayer$payerfleet:iam:PartnerAdminAccess$aws:iam/role:Role::fabrikam-partner-admin-role",
        type: "aws:iam/role:Role",
        op: "update",
        diffs: [{ path: "permissionsBoundary", kind: "delete", old: '"arn:aws:iam::100000000003:policy/payerfleet-partner-boundary"', before: "arn:aws:iam::100000000003:policy/payerfleet-partner-boundary" }],
        properties: { id: "payerfleet-partner-admin", name: "payerfleet-partner-admin", path: "/" },
      },
      {
        urn: "urn:pulumi:fabrikam::payerfleet::payerfleet:payer:PartnerPayer$payerfleet:monitoring:OrganizationTrail$aws:cloudtrail/trail:Trail::fabrikam-organization-trail",
        type: "aws:cloudtrail/trail:Trail",
        op: "delete",
        diffs: [],
        properties: { id: "arn:aws:cloudtrail:us-east-1:100000000003:trail/payerfleet-organization-trail", name: "payerfleet-organization-trail" },
      },
    ]);
  });

  it("reports nothing changed for a clean preview (stack-output-resource-diff.ndjson)", () => {
    const e = replay(join(RECORDED, "stack-output-resource-diff.ndjson"));
    expect(e.changes()).to.deep.equal({ same: 3 });
    expect(e.changedResources()).to.deep.equal([]);
  });

  it("diffs a logical stack resource by its outputs (json-text-change.ndjson)", () => {
    const e = replay(join(RECORDED, "json-text-change.ndjson"));
    expect(e.changes()).to.deep.equal({ update: 1 });
    expect(e.changedResources()).to.deep.equal([
      {
        urn: "urn:pulumi:dev::pulumi-stack-output-diff::pulumi:pulumi:Stack::pulumi-stack-output-diff-dev",
        type: "pulumi:pulumi:Stack",
        op: "update",
        diffs: [
          {
            path: "vehicles",
            kind: "update",
            old: '{"taxi":"{\\"color\\":\\"yellow\\"}"}',
            before: { taxi: '{"color":"yellow"}' },
            new: '{"taxi":"{\\"color\\":    \\"yellow\\"   }"}',
            after: { taxi: '{"color":    "yellow"   }' },
          },
        ],
      },
    ]);
  });

  it("keeps the failed update and folds the replacement steps (failed-stacks-dont-rewrite-operations.ndjson)", () => {
    const e = replay(join(RECORDED, "failed-stacks-dont-rewrite-operations.ndjson"));
    expect(e.changes()).to.deep.equal({ same: 1 });
    expect(e.changedResources()).to.deep.equal([
      {
        urn: "urn:pulumi:dev::test::pulumi-python:dynamic:Resource::test-x",
        type: "pulumi-python:dynamic:Resource",
        op: "update",
        diffs: [{ path: "quux", kind: "update", old: '"quux12"', before: "quux12", new: '"quux13"', after: "quux13" }],
        properties: { id: "quux2" },
      },
      { urn: "urn:pulumi:dev::test::pulumi-python:dynamic:Resource::test-r", type: "pulumi-python:dynamic:Resource", op: "replace", diffs: [], properties: { id: "foo" } },
    ]);
  });

  it("lists deletions of a destroy (destroy-with-components.ndjson)", () => {
    const e = replay(join(RECORDED, "destroy-with-components.ndjson"));
    expect(e.changes()).to.deep.equal({ delete: 2, same: 1 });
    expect(e.changedResources().map((r) => [r.op, r.type])).to.deep.equal([
      ["delete", "my:component:Child"],
      ["delete", "my:component:Component"],
    ]);
  });

  it("reads detailed diffs, masks secrets, folds replacements and keeps warnings (account-changes.ndjson)", () => {
    const e = replay(join(SYNTHETIC, "account-changes.ndjson"));
    expect(e.changes()).to.deep.equal({ create: 1, delete: 1, replace: 1, same: 1, update: 1 });
    expect(e.changedResources()).to.deep.equal(ACCOUNT_CHANGES_RESOURCES);
    expect(e.warnings).to.deep.equal(["aws:organizations/account:Account resource 'acme-prod' has a problem: email changes force a new account"]);
  });

  it("counts the steps seen when no summary came, and survives malformed events", () => {
    const e = new StackEvents();
    const meta = { op: "create", urn: "urn:pulumi:s::p::t:m:R::a", type: "t:m:R", old: null, new: null, provider: "" };
    e.onEvent({ sequence: 1, timestamp: 0, resourcePreEvent: { metadata: meta } } as unknown as EngineEvent);
    e.onEvent({ sequence: 2, timestamp: 0, resourcePreEvent: { metadata: null } } as unknown as EngineEvent);
    e.onEvent({ sequence: 3, timestamp: 0, diagnosticEvent: { message: "error: boom\n", color: "raw", severity: "error" } });
    expect(e.changes()).to.deep.equal({ create: 1 });
    expect(e.summarized).to.equal(false);
    expect(e.malformed).to.equal(1);
    expect(e.errors).to.deep.equal(["error: boom"]);
  });

  it("keeps memory bounded: resources are stored once however many events name them", () => {
    const e = new StackEvents();
    const meta = (i: number) => ({
      op: "update", urn: "urn:pulumi:s::p::t:m:R::same", type: "t:m:R", provider: "",
      old: { type: "t:m:R", urn: "u", id: "i", parent: "", inputs: { v: i }, outputs: {}, provider: "" },
      new: { type: "t:m:R", urn: "u", id: "i", parent: "", inputs: { v: i + 1 }, outputs: {}, provider: "" },
    });
    for (let i = 0; i < 5000; i++) e.onEvent({ sequence: i, timestamp: 0, resourcePreEvent: { metadata: meta(i) } } as unknown as EngineEvent);
    expect(e.changedResources()).to.have.length(1);
    expect(e.events).to.equal(5000);
  });
});
