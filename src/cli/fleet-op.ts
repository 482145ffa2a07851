/**
 * The options and the handler shared by `preview`, `up`, `refresh` and `destroy`. The handler
 * imports the driver (and with it Pulumi) lazily, so `validate` and `--help` stay fast.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { inventoryOption, type InventoryArgs } from "./inventory-option.ts";

export type FleetOperation = "preview" | "up" | "refresh" | "destroy";

export interface FleetArgs extends InventoryArgs {
  partner: string[];
  changedSince?: string;
  shard?: string;
  concurrency: number;
  backend?: string;
  secretsProvider?: string;
  pulumiRoot?: string;
  json?: string;
  markdown?: string;
  expectNoChanges: boolean;
  previewOnly: boolean;
  yesDestroyPartner: string[];
  lockRetries: number;
  lockRetryDelay: number;
}

/** Keep in step with DEFAULT_CONCURRENCY in src/automation/fleet.ts (not imported: it loads Pulumi). */
const DEFAULT_CONCURRENCY = 2;

function fleetOptions(y: Argv, operation: FleetOperation): Argv<FleetArgs> {
  let out = inventoryOption(y)
    .option("partner", {
      alias: "p",
      type: "string",
      array: true,
      default: [],
      describe: operation === "destroy" ? "A stack to destroy (repeatable): a partner id, or hub" : "Only this partner (repeatable); `hub` names the hub stack",
    })
    .option("concurrency", { type: "number", default: DEFAULT_CONCURRENCY, describe: "Stacks run at once (each is a CLI plus an AWS provider process, ~300-430 MB)" })
    .option("backend", { type: "string", describe: "State backend URL (file://, s3://, https://api.pulumi.com); default $PULUMI_BACKEND_URL or file://.payerfleet/state" })
    .option("secrets-provider", { type: "string", describe: "Secrets provider of new stacks; default passphrase (PULUMI_CONFIG_PASSPHRASE[_FILE]) on file and S3 backends" })
    .option("pulumi-root", { type: "string", normalize: true, describe: "Pulumi CLI install root holding bin/pulumi; default: pulumi on PATH" })
    .option("json", { type: "string", normalize: true, describe: "Write the JSON report to this file" })
    .option("markdown", { type: "string", normalize: true, describe: "Write the PR-comment Markdown to this file (more parts as FILE.2.md, FILE.3.md ...)" })
    .option("lock-retries", { type: "number", default: 5, describe: "Tries in all while a stack is locked by another update" })
    .option("lock-retry-delay", { type: "number", default: 2000, describe: "Milliseconds before the second try; doubled before each further one" });
  if (operation !== "destroy") {
    out = out
      .option("changed-since", { type: "string", describe: "Only stacks whose inventory entry (or the program) changed since this git ref" })
      .option("shard", { type: "string", describe: "Only shard I of N (e.g. 2/4), split by a hash of the stack name; the hub is in shard 1" });
  }
  if (operation === "preview" || operation === "refresh") {
    out = out.option("expect-no-changes", { type: "boolean", default: false, describe: "Fail (exit 1) every stack that has any change: a drift check" });
  }
  if (operation === "refresh") {
    out = out.option("preview-only", { type: "boolean", default: false, describe: "Find drift without writing state or taking the stack lock" });
  }
  if (operation === "destroy") {
    out = out.option("yes-destroy-partner", { type: "string", array: true, default: [], describe: "Confirms the destruction of this stack (repeat per --partner)" });
  }
  return out as unknown as Argv<FleetArgs>;
}

/** A fleet command module: `operation`, its description and examples. */
export function fleetCommand(operation: FleetOperation, describe: string, examples: [string, string][]): CommandModule<object, FleetArgs> {
  return {
    command: operation,
    describe,
    builder: (y: Argv) => examples.reduce((a, [cmd, what]) => a.example(cmd, what), fleetOptions(y, operation)),
    handler: async (args: ArgumentsCamelCase<FleetArgs>) => {
      const { runFleetFromCli } = await import("../automation/cli-run.ts");
      process.exitCode = await runFleetFromCli(operation, args);
    },
  };
}
