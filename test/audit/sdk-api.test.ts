import { expect } from "chai";
import type { STSClient } from "@aws-sdk/client-sts";
import { auditSessionName as sessionName } from "../../src/audit/sdk-api.ts";
import { assumeRole } from "../../src/aws/sessions.ts";

/** An STS client whose sessions expire `lifetimes[i]` ms after the i-th AssumeRole. */
function fakeSts(lifetimes: number[]) {
  const roleArns: string[] = [];
  const sts = {
    send: async (command: { input: { RoleArn: string } }) => {
      roleArns.push(command.input.RoleArn);
      const lifetime = lifetimes[roleArns.length - 1]!;
      return { Credentials: { AccessKeyId: `ASIA${roleArns.length}`, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + lifetime) } };
    },
  };
  return { sts: sts as unknown as STSClient, roleArns };
}

describe("the automation role's session", () => {
  const ROLE = "arn:aws:iam::100000000001:role/payerfleet-automation";

  it("assumes the role once, up front, and reuses the session while it is fresh", async () => {
    const { sts, roleArns } = fakeSts([3_600_000]);
    const credentials = await assumeRole(sts, ROLE, "payerfleet-audit-acme");
    expect(roleArns).to.deep.equal([ROLE]);
    const keys = [(await credentials()).accessKeyId, (await credentials()).accessKeyId];
    expect([keys, roleArns.length]).to.deep.equal([["ASIA1", "ASIA1"], 1]);
  });

  it("re-assumes once, for every waiting call, when the session is about to expire", async () => {
    const { sts, roleArns } = fakeSts([60_000, 3_600_000]);
    const credentials = await assumeRole(sts, ROLE, "payerfleet-audit-acme");
    const keys = (await Promise.all([credentials(), credentials(), credentials()])).map((c) => c.accessKeyId);
    expect([keys, roleArns.length]).to.deep.equal([["ASIA2", "ASIA2", "ASIA2"], 2]);
    expect((await credentials()).accessKeyId).to.equal("ASIA2");
  });

  it("names sessions after the partner, within STS's 64 characters", () => {
    expect(sessionName("acme")).to.equal("payerfleet-audit-acme");
    const long = sessionName("p".repeat(100));
    expect(long).to.have.length(64);
    expect(long).to.match(/^payerfleet-audit-p{38}-[0-9a-f]{8}$/);
    // Two long ids that share their first 50 characters still get two names.
    expect(sessionName(`${"p".repeat(60)}a`)).to.not.equal(sessionName(`${"p".repeat(60)}b`));
  });
});
