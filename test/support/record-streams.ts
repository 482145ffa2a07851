/**
 * Records the engine events the real Pulumi CLI sends the Automation API, for payerfleet's
 * programs against the stand-in `aws` plugin, as JSON lines: the fixtures the event and report
 * tests replay. Run: npx tsx test/support/record-streams.ts OUT_DIR [SCENARIO ...] (default: all)
 *
 * Each scenario is a sequence of operations on one partner's stack of the example fleet; the
 * events of the operation named by `record` are written to OUT_DIR/<name>.ndjson.
 */
import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { LocalWorkspace, type EngineEvent, type Stack } from "@pulumi/pulumi/automation/index.js";
import { findPulumi } from "../../src/automation/running/pulumi-cli.ts";
import { parseInventory } from "../../src/inventory/load.ts";
import type { CustodyPartner, Inventory } from "../../src/inventory/schema.ts";
import { programFor } from "../../src/programs/stack-program.ts";
import { editResource, removeResource } from "./aws-standin/state.ts";
import { EngineSandbox, PASSPHRASE, PULUMI_ROOT } from "./real-engine.ts";
import { EXAMPLE_INVENTORY } from "./example.ts";

type Op = "preview" | "up" | "refresh-preview" | "destroy-preview";

interface Scenario {
  readonly name: string;
  readonly stack: string;
  /** Runs before the recorded operation, with the sandbox to make drift or changes. */
  readonly before?: (box: EngineSandbox, run: (inventory: Inventory) => Promise<Stack>) => Promise<Inventory | void>;
  readonly record: Op;
  /** Edits the inventory the recorded operation runs with. */
  readonly edit?: (inventory: Inventory) => Inventory;
}

const SCENARIOS: Scenario[] = [
  {
    name: "real-3.248-refresh-drift",
    stack: "fabrikam",
    record: "refresh-preview",
    before: async (box) => {
      await editResource(box.awsFile, "aws:iam/role:Role", "payerfleet-partner-admin", (p) => delete p["permissionsBoundary"]);
      await removeResource(box.awsFile, "aws:cloudtrail/trail:Trail", "arn:aws:cloudtrail:us-east-1:100000000003:trail/payerfleet-organization-trail");
    },
  },
  {
    name: "real-3.248-preview-account-changes",
    stack: "contoso",
    record: "preview",
    edit: (inventory) => {
      const copy = structuredClone(inventory);
      const contoso = copy.partners.find((p) => p.id === "contoso")!;
      contoso.partnerAdmins = ["arn:aws:iam::100000000002:role/contoso-cloud-admins", "arn:aws:iam::400000000009:role/contoso-auditors"];
      contoso.organizationalUnits.push("Review");
      contoso.linkedAccounts.push({ name: "contoso-review-probe", email: "aws.review@contoso.example", ou: "Review" });
      contoso.linkedAccounts[1]!.ou = "Manufacturing";
      return copy;
    },
  },
  {
    name: "real-3.248-preview-trust-and-boundary",
    stack: "fabrikam",
    record: "preview",
    edit: (inventory) => {
      const copy = structuredClone(inventory);
      const fabrikam = copy.partners.find((p) => p.id === "fabrikam")!;
      // One admin swapped for another, and a guardrail more: the boundary and the billing policy change.
      fabrikam.partnerAdmins = [...fabrikam.partnerAdmins.slice(1), "arn:aws:iam::400000000001:role/fabrikam-security"];
      copy.distributor.guardrails.buckets.push("distributor-remittances");
      return copy;
    },
  },
  {
    name: "real-3.248-preview-hub-payers",
    stack: "hub",
    record: "preview",
    edit: (inventory) => {
      const copy = structuredClone(inventory);
      // contoso offboarded, a new partner onboarded, and the webhook (a secret) moved.
      const contoso = copy.partners.findIndex((p) => p.id === "contoso");
      const template = copy.partners[contoso] as CustodyPartner;
      copy.partners.splice(contoso, 1);
      copy.partners.push({
        ...structuredClone(template),
        id: "wingtip",
        name: "Wingtip Toys",
        payer: { ...structuredClone(template.payer), accountId: "100000000009", rootEmail: "aws+wingtip@payers.distributor.example" },
        organizationalUnits: [],
        existingOrganizationalUnits: {},
        linkedAccounts: [],
        partnerAdmins: [],
      });
      delete (copy.partners.at(-1)!.payer as { organizationId?: string }).organizationId;
      copy.distributor.hub.alertSubscriptions = copy.distributor.hub.alertSubscriptions.map((s) => (s.protocol === "https" ? { ...s, endpoint: "https://oncall.distributor.example/hooks/aws-root-v2" } : s));
      return copy;
    },
  },
];

async function main(out: string, only: readonly string[]): Promise<void> {
  await mkdir(out, { recursive: true });
  const text = await readFile(EXAMPLE_INVENTORY, "utf8");
  const inventory = parseInventory(text, "inventory.yaml").inventory!;
  const pulumi = await findPulumi(PULUMI_ROOT);
  for (const scenario of SCENARIOS.filter((s) => only.length === 0 || only.includes(s.name))) {
    const box = await EngineSandbox.create();
    try {
      await box.writeFleet(text, inventory);
      await mkdir(box.backend, { recursive: true });
      const env = Object.fromEntries(Object.entries(box.env({ PULUMI_BACKEND_URL: `file://${box.backend}` })).filter((e): e is [string, string] => e[1] !== undefined));
      const open = (inv: Inventory) =>
        LocalWorkspace.createOrSelectStack(
          { stackName: scenario.stack, projectName: "payerfleet", program: programFor(inv, scenario.stack) },
          { workDir: box.dir, pulumiCommand: pulumi, envVars: { ...env, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE }, projectSettings: { name: "payerfleet", runtime: "nodejs", backend: { url: `file://${box.backend}` } } },
        );
      if (scenario.record !== "preview" || scenario.edit) await (await open(inventory)).up();
      await scenario.before?.(box, open);
      const stack = await open(scenario.edit ? scenario.edit(inventory) : inventory);
      const file = createWriteStream(join(out, `${scenario.name}.ndjson`));
      const onEvent = (event: EngineEvent) => file.write(`${JSON.stringify(event)}\n`);
      try {
        if (scenario.record === "preview") await stack.preview({ onEvent });
        else if (scenario.record === "up") await stack.up({ onEvent });
        else if (scenario.record === "refresh-preview") await stack.previewRefresh({ onEvent });
        else await stack.previewDestroy({ onEvent });
      } catch (err) {
        console.error(`${scenario.name}: ${(err as Error).message.split("\n").slice(0, 5).join("\n")}`);
      }
      await new Promise((resolve) => file.end(resolve));
      console.log(`wrote ${join(out, `${scenario.name}.ndjson`)}`);
    } finally {
      await box.remove();
    }
  }
}

await main(process.argv[2] ?? "test/automation/streams", process.argv.slice(3));
