/**
 * The options and the handler shared by `preview`, `up`, `refresh` and `destroy`. The handler
 * imports the driver (and with it Pulumi) lazily, so `validate` and `--help` stay fast.
 */
import type { Argv, CommandModule } from "yargs";
import type { FleetOptions } from "../../automation/fleet.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_DEADLINE_MS, formatDuration, parseDuration, type Operation } from "../../automation/operations.ts";
import { parseShard } from "../../automation/running/shard.ts";
import { backendUrlProblem } from "../../automation/running/backend.ts";
import { inventoryOption } from "../inventory-option.ts";
import type { CommandContext } from "../io.ts";
import { commandModule } from "../command-module.ts";
import { shown, type OptionProblems, type ParseOptions } from "../usage.ts";

const DESCRIBE: Record<Operation, string> = {
  preview: "Preview every selected stack: changes, property diffs, PR-ready reports",
  up: "Deploy every selected stack, the hub first",
  refresh: "Read every selected stack's resources back from AWS: drift",
  destroy: "Destroy the named stacks only, each confirmed explicitly",
};

const EXAMPLES: Record<Operation, [string, string][]> = {
  preview: [
    ["$0 preview --changed-since origin/main --markdown pr.md", "Preview what a pull request changes, as a PR comment"],
    ["$0 preview --shard 2/4 --json preview.json", "One job of a 4-way CI matrix"],
  ],
  up: [
    ["$0 up --partner acme", "Onboard or update one partner"],
    ["$0 up --concurrency 8 --json up.json", "Bulk onboarding on a larger runner"],
  ],
  refresh: [["$0 refresh --preview-only --expect-no-changes --markdown drift.md", "Scheduled drift check: exit 1 on any drift, state untouched"]],
  destroy: [["$0 destroy --partner acme --yes-destroy-partner acme", "Remove one partner's stack resources"]],
};

function fleetOptions(y: Argv, operation: Operation, env: NodeJS.ProcessEnv): Argv {
  let out = inventoryOption(y, env)
    .option("partner", {
      alias: "p",
      type: "string",
      array: true,
      nargs: 1,
      default: [],
      describe: operation === "destroy" ? "A stack to destroy (repeatable): a partner id, or hub" : "Only this partner (repeatable); `hub` names the hub stack",
    })
    .option("concurrency", { type: "string", nargs: 1, default: String(DEFAULT_CONCURRENCY), describe: "Stacks run at once (each is a CLI plus an AWS provider process, ~300-430 MB)" })
    .option("backend", { type: "string", nargs: 1, describe: "State backend URL (file://, s3://, gs://, azblob://, https://); default $PULUMI_BACKEND_URL or file://.payerfleet/state" })
    .option("secrets-provider", { type: "string", nargs: 1, describe: "Secrets provider of new stacks; default passphrase (PULUMI_CONFIG_PASSPHRASE[_FILE]) on file and blob backends" })
    .option("pulumi-root", { type: "string", nargs: 1, describe: "Pulumi CLI install root holding bin/pulumi; default: pulumi on PATH" })
    .option("json", { type: "string", nargs: 1, describe: "Write the JSON report to FILE ('-' for stdout; the table then goes to stderr)" })
    .option("markdown", { type: "string", nargs: 1, describe: "Write the PR-comment Markdown to FILE (more parts as FILE.2.md ...; '-' for stdout)" })
    .option("lock-retries", { type: "string", nargs: 1, default: "5", describe: "Tries in all while a stack is locked by another update" })
    .option("lock-retry-delay", { type: "string", nargs: 1, default: "2000", describe: "Milliseconds before the second try; doubled before each further one" })
    .option("deadline", {
      type: "string",
      nargs: 1,
      default: formatDuration(DEFAULT_DEADLINE_MS[operation]),
      describe: "Each stack's time limit (90s, 30m, 2h); past it the stack fails, its operation cancelled",
    });
  if (operation !== "destroy") {
    out = out
      .option("changed-since", { type: "string", nargs: 1, describe: "Only stacks whose inventory entry (or the program) changed since this git ref" })
      .option("shard", { type: "string", nargs: 1, describe: "Only shard I of N (e.g. 2/4), split by a hash of the stack name; the hub is in shard 1" });
  }
  if (operation === "preview" || operation === "refresh") {
    out = out.option("expect-no-changes", { type: "boolean", default: false, describe: "Fail (exit 1) every stack that has any change: a drift check" });
  }
  if (operation === "refresh") {
    out = out.option("preview-only", { type: "boolean", default: false, describe: "Find drift without writing state or taking the stack lock" });
  }
  if (operation === "destroy") {
    out = out.option("yes-destroy-partner", { type: "string", array: true, nargs: 1, default: [], describe: "Confirms the destruction of this stack (repeat per --partner)" });
  }
  return out as unknown as Argv;
}

/** Every option read, checked and typed; every problem recorded, the relations between options included. */
function parser(operation: Operation, cwd: string): ParseOptions<FleetOptions> {
  return (argv, problems) => {
    const inventory = problems.inventory(argv);
    const partners = problems.partners(argv);
    const reports = problems.reports(argv, inventory, cwd);
    const backend = problems.single("backend", argv["backend"], "one backend URL");
    const badBackend = backend === undefined ? undefined : backendUrlProblem(backend);
    if (badBackend !== undefined) problems.add(`--backend ${badBackend}`);
    const shardText = problems.single("shard", argv["shard"], "one shard");
    const shard = shardText === undefined ? undefined : problems.attempt(() => parseShard(shardText));
    const confirmDestroy = problems.many("yes-destroy-partner", argv["yesDestroyPartner"]);
    if (operation === "destroy") {
      const unconfirmed = partners.filter((id) => !confirmDestroy.includes(id));
      const unnamed = confirmDestroy.filter((id) => !partners.includes(id));
      if (partners.length === 0) {
        problems.add("destroy offboards a stack (the distributor's resources deleted, the customer's released), so it acts only on stacks named with --partner ID, each confirmed with --yes-destroy-partner ID");
      } else if (unconfirmed.length > 0) {
        problems.add(`destroy offboards a stack: confirm each one with --yes-destroy-partner ID; not confirmed: ${unconfirmed.join(", ")}`);
      }
      if (unnamed.length > 0) problems.add(`--yes-destroy-partner names ${unnamed.join(", ")}, which --partner does not: name and confirm the same stacks`);
    }
    const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    return {
      operation,
      inventory,
      partners,
      concurrency: problems.integer("concurrency", argv["concurrency"], 1) ?? DEFAULT_CONCURRENCY,
      lockTries: problems.integer("lock-retries", argv["lockRetries"], 1, 100) ?? 1,
      lockRetryDelayMs: problems.integer("lock-retry-delay", argv["lockRetryDelay"], 0, 3_600_000) ?? 0,
      deadlineMs: deadline(problems, argv["deadline"], operation),
      expectNoChanges: argv["expectNoChanges"] === true,
      previewOnly: argv["previewOnly"] === true,
      confirmDestroy,
      ...optional("changedSince", problems.single("changed-since", argv["changedSince"], "one git ref")),
      ...optional("shard", shard),
      ...optional("backend", backend),
      ...optional("secretsProvider", problems.single("secrets-provider", argv["secretsProvider"], "one secrets provider")),
      ...optional("pulumiRoot", problems.single("pulumi-root", argv["pulumiRoot"], "one install root")),
      ...reports,
    };
  };
}

function deadline(problems: OptionProblems, raw: unknown, operation: Operation): number {
  const text = problems.single("deadline", raw, "one duration") ?? "";
  const ms = parseDuration(text);
  if (ms === undefined && text !== "") problems.add(`--deadline must be a duration such as 90s, 30m or 2h (got ${shown(text)})`);
  return ms ?? DEFAULT_DEADLINE_MS[operation];
}

/** A fleet command module: `operation`, its description and examples. */
export function fleetCommand(operation: Operation): (ctx: CommandContext) => CommandModule<object, never> {
  return (ctx) =>
    commandModule<FleetOptions>(ctx, {
      command: operation,
      describe: DESCRIBE[operation],
      options: (y: Argv) => EXAMPLES[operation].reduce((a, [cmd, what]) => a.example(cmd, what), fleetOptions(y, operation, ctx.io.env)),
      parse: parser(operation, ctx.io.cwd),
      load: async () => (await import("./run.ts")).runFleetFromCli,
    });
}
