import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TransferApi } from "../../src/billing-transfer/organizations.ts";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { earliestStart, withdrawalEnd } from "../../src/domain/billing-transfer/calendar.ts";
import { sourceName } from "../../src/domain/billing-transfer/lifecycle.ts";
import { payerfleet } from "../support/cli.ts";
import { startFakeOrganizations, type OrganizationsEndpoint } from "../support/fake-organizations/server.ts";
import { TRANSFER_INVENTORY } from "../support/fixtures.ts";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const BTA = "310000000001";
const CUSTOMER = "400000000001";
/** The fake keeps the real clock, as the command does. */
const START = earliestStart(new Date());

describe("payerfleet withdraw", function () {
  this.timeout(60_000);
  let aws: OrganizationsEndpoint;
  let dir: string;
  let file: string;
  const env = () => ({ AWS_ENDPOINT_URL: aws.url, AWS_ACCESS_KEY_ID: "ASIA210987654321FAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1" });
  const withdraw = (...args: string[]) => payerfleet(["withdraw", "-i", file, ...args], { env: env() });
  /** Sends initech's invitation as up would, from the bill-transfer account. */
  async function invite(): Promise<string> {
    const client = new OrganizationsClient({ region: "us-east-1", endpoint: aws.url, credentials: { accessKeyId: `ASIA${BTA}FAKE`, secretAccessKey: "fake" } });
    try {
      return (await new TransferApi(client).invite({ sourceName: sourceName("initech"), managementAccountId: CUSTOMER, month: START, partner: "initech" })).transferId;
    } finally {
      client.destroy();
    }
  }

  beforeEach(async () => {
    aws = await startFakeOrganizations();
    aws.model.inboundQuota.set(BTA, 2);
    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    dir = await mkdtemp(join(tmpdir(), "payerfleet-withdraw-"));
    file = join(dir, "inventory.yaml");
    await writeFile(file, TRANSFER_INVENTORY);
  });
  afterEach(async () => {
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs only when confirmed with the same id, for a transfer partner, with a real month: else exit 2 and no AWS call", async () => {
    const unconfirmed = await withdraw("--partner", "initech");
    expect([unconfirmed.code, unconfirmed.stderr.split("\n")[0]]).to.deep.equal([2, "payerfleet withdraw: withdrawing initech's billing transfer cannot be undone (a new invitation would be needed): confirm with --yes-withdraw-partner initech"]);
    const other = await withdraw("--partner", "initech", "--yes-withdraw-partner", "acme", "--end-month", "2027-13");
    expect(other.code).to.equal(2);
    expect(other.stderr).to.include('payerfleet withdraw: --end-month "2027-13": must be a month written YYYY-MM, such as 2027-06\n');
    expect(other.stderr).to.include("confirm with --yes-withdraw-partner initech");
    const custody = await withdraw("--partner", "acme", "--yes-withdraw-partner", "acme");
    expect([custody.code, custody.stderr]).to.deep.equal([2, "payerfleet withdraw: acme is a custody partner: it has no billing transfer to withdraw (offboarding is payerfleet destroy)\n"]);
    expect(aws.model.calls).to.deep.equal([]);
    expect(aws.assumed).to.deep.equal([]);
  });

  it("cancels an open invitation, withdraws an accepted transfer at a month's end, and says when there is nothing left", async () => {
    const first = await invite();
    const cancelled = await withdraw("--partner", "initech", "--yes-withdraw-partner", "initech");
    expect([cancelled.code, cancelled.stdout]).to.deep.equal([0, `initech: invitation h-000000000002 (${first}) cancelled; nothing was transferred\n`]);
    expect(aws.model.transfers.get(first)!.Status).to.equal("CANCELED");

    aws.model.customers.set(CUSTOMER, { email: "aws-root@initech.example" });
    const second = await invite();
    aws.model.accept(second);
    const done = await withdraw("--partner", "initech", "--yes-withdraw-partner", "initech", "--end-month", START);
    expect([done.code, done.stdout]).to.deep.equal([0, `initech: ${second} withdrawn: the distributor pays until ${withdrawalEnd(START).toISOString()}; a withdrawal cannot be undone\n`]);
    expect([aws.model.transfers.get(second)!.Status, aws.model.transfers.get(second)!.EndTimestamp]).to.deep.equal(["WITHDRAWN", withdrawalEnd(START)]);
    expect(aws.assumed.every((r) => r === `arn:aws:iam::${BTA}:role/payerfleet-automation`)).to.equal(true);

    const again = await withdraw("--partner", "initech", "--yes-withdraw-partner", "initech");
    expect([again.code, again.stderr]).to.deep.equal([1, `payerfleet withdraw: initech has no live billing transfer to withdraw (${second} is withdrawing)\n`]);
  });
});
