import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { payerfleet } from "../support/cli.ts";
import { BASE_INVENTORY, edit } from "../support/fixtures.ts";

describe("payerfleet validate", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-validate-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("accepts the example fleet, printing its warnings and a summary, exit 0", async () => {
    const run = await payerfleet(["validate", "examples/inventory.yaml"]);
    expect(run.code).to.equal(0);
    expect(run.stdout.trimEnd().split("\n")).to.deep.equal([
      "examples/inventory.yaml:36:5: warning: partners[0]: no partnerAdmins: the partner gets no admin access to its payer, so only the distributor can run its organization",
      "examples/inventory.yaml: valid: 3 partners, 42 linked accounts, 1 warning",
    ]);
  });

  it("prints every error as FILE:LINE:COL and exits 2", async () => {
    const file = join(dir, "bad.yaml");
    let text = edit(BASE_INVENTORY, 'accountId: "210987654321"', "accountId: 210987654321");
    text = edit(text, "aws+globex@payers.distributor.example", "aws+globex@globex.example");
    await writeFile(file, text);
    const run = await payerfleet(["validate", file]);
    expect(run.code).to.equal(2);
    expect(run.stdout.trimEnd().split("\n")).to.deep.equal([
      `${file}:5:16: error: distributor.hub.accountId: must be a quoted string: YAML reads the unquoted 210987654321 as the number 210987654321; write "210987654321" (got 210987654321)`,
      `${file}:35:18: error: partners[1].payer.rootEmail: the payer's root e-mail must be on one of the distributor's domains (payers.distributor.example), which AWS support cross-checks (got aws+globex@globex.example)`,
      `${file}: invalid: 2 errors, 0 warnings; nothing was run`,
    ]);
  });

  it("prints the same as JSON with --json", async () => {
    const file = join(dir, "json.yaml");
    await writeFile(file, edit(BASE_INVENTORY, "id: globex", "id: hub"));
    const run = await payerfleet(["validate", file, "--json"]);
    expect(run.code).to.equal(2);
    expect(JSON.parse(run.stdout)).to.deep.equal({
      file,
      valid: false,
      errors: 1,
      warnings: 0,
      partners: 0,
      linkedAccounts: 0,
      problems: [
        {
          severity: "error",
          rule: "reserved-stack-name",
          file,
          line: 31,
          column: 9,
          path: "partners[1].id",
          value: "hub",
          message: '"hub" is reserved for the root-activity hub stack; choose another partner id',
        },
      ],
    });
  });

  it("reads inventory.yaml in the working directory by default", async () => {
    await writeFile(join(dir, "inventory.yaml"), BASE_INVENTORY);
    const run = await payerfleet(["validate", "--json"], { cwd: dir });
    expect(run.code).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ file: "inventory.yaml", valid: true, partners: 2, linkedAccounts: 2 });
  });

  it("rejects an unknown command or option with exit 2", async () => {
    const command = await payerfleet(["valdate"]);
    expect([command.code, command.stdout, command.stderr]).to.deep.equal([2, "", "payerfleet: unknown command valdate: did you mean validate?\nRun payerfleet --help for usage.\n"]);
    const option = await payerfleet(["validate", "--jsn"]);
    // The default inventory is missing here too: said in the same run, before the option.
    expect([option.code, option.stdout, option.stderr]).to.deep.equal([
      2,
      "",
      "inventory.yaml:1:1: error: cannot read the inventory: no such file\ninventory.yaml: invalid; nothing was run\npayerfleet validate: unknown option --jsn\nRun payerfleet validate --help for usage.\n",
    ]);
  });
});
