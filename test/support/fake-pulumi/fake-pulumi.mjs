// A fake `pulumi` CLI for the driver's tests: it answers the commands the Automation API runs
// (`version`, `stack select|init|ls|export|output|history`, `preview`, `up`, `refresh`,
// `destroy`, `whoami`, `plugin ls`, `config`) against a file backend, and reports version
// 3.205.0 so that the SDK tails the `--event-log` file, into which it replays recorded engine
// event streams. Behaviour per stack comes from the JSON file named by FAKE_PULUMI_SCRIPT:
//
//   { "defaults": STEP, "stacks": { "<stack>": STEP & { "<operation>": STEP } } }
//   STEP = { "stream": "/abs/file.ndjson",   events to replay (default: a one-line summary)
//            "events": N, "resources": M,    or N synthetic events updating M resources (default N/2)
//            "exitCode": 1, "stderr": "...", fail after the stream ($PASSPHRASE in stderr expands
//                                            to the passphrase, to test that it is scrubbed)
//            "locked": N,                    answer "the stack is currently locked" N times first
//            "delayMs": 100, "hang": true }  wait before exiting; or until SIGINT
//
// State lives where the real file backend keeps it: <dir>/.pulumi/stacks/payerfleet/<stack>.json,
// locks under <dir>/.pulumi/locks/payerfleet/<stack>/. FAKE_PULUMI_LOG, when set, names a file
// that gets one JSON line per operation start and end, for tests to check order and cleanup.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const VERSION = "v3.205.0";
const PROJECT = "payerfleet";
const SALT = "v1:ZmFrZXNhbHQ=:v1:ZmFrZQ==:ZmFrZQ==";
const args = process.argv.slice(2).filter((a) => a !== "--non-interactive");

function fail(message, code = 255) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function flag(name) {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq === undefined ? undefined : eq.slice(name.length + 1);
}

function backendDir() {
  const url = process.env.PULUMI_BACKEND_URL ?? "";
  if (!url.startsWith("file://")) fail(`error: the fake pulumi supports file:// backends only (got ${url || "none"})`);
  return resolve(url.slice("file://".length));
}

const stacksDir = () => join(backendDir(), ".pulumi", "stacks", PROJECT);
const stackFile = (name) => join(stacksDir(), `${name}.json`);
const locksDir = (name) => join(backendDir(), ".pulumi", "locks", PROJECT, name);
const readStack = (name) => (existsSync(stackFile(name)) ? JSON.parse(readFileSync(stackFile(name), "utf8")) : undefined);

function log(entry) {
  const file = process.env.FAKE_PULUMI_LOG;
  if (file) appendFileSync(file, `${JSON.stringify({ ...entry, pid: process.pid })}\n`);
}

function step(stack, operation) {
  const file = process.env.FAKE_PULUMI_SCRIPT;
  const script = file ? JSON.parse(readFileSync(file, "utf8")) : {};
  const own = script.stacks?.[stack] ?? {};
  return { ...script.defaults, ...own, ...own[operation] };
}

function needStack(name) {
  const state = readStack(name);
  if (state === undefined) fail(`error: no stack named '${name}' found`);
  return state;
}

function needPassphrase(state) {
  if (state.deployment.secrets_providers?.type !== "passphrase") return;
  const file = process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (process.env.PULUMI_CONFIG_PASSPHRASE === undefined && file === undefined) {
    fail("error: getting secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables");
  }
  // As the CLI does: a relative file is read from the CLI's own working directory.
  if (process.env.PULUMI_CONFIG_PASSPHRASE === undefined && !existsSync(resolve(file))) {
    fail(`error: unable to read PULUMI_CONFIG_PASSPHRASE_FILE: open ${resolve(file)}: no such file or directory`);
  }
}

function lockedMessage(name) {
  return `error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n  ${join(locksDir(name), "other.json")}: created by ci@runner (pid 4242) at 2026-01-01T00:00:00Z`;
}

function synthetic(n, stack, resources = n) {
  const lines = [JSON.stringify({ sequence: 0, timestamp: 0, preludeEvent: { config: {} } })];
  for (let i = 1; i < n - 1; i++) {
    const r = Math.floor((i - 1) / 2) % resources;
    const urn = `urn:pulumi:${stack}::${PROJECT}::aws:iam/role:Role::role-${r}`;
    const metadata = {
      op: "update", urn, type: "aws:iam/role:Role", provider: "",
      old: { type: "aws:iam/role:Role", urn, id: `role-${r}`, parent: "", inputs: { description: "old" }, outputs: {}, provider: "" },
      new: { type: "aws:iam/role:Role", urn, id: `role-${r}`, parent: "", inputs: { description: "new" }, outputs: {}, provider: "" },
      diffs: ["description"], detailedDiff: { description: { diffKind: "update", inputDiff: true } },
    };
    lines.push(JSON.stringify({ sequence: i, timestamp: 0, [i % 2 === 1 ? "resourcePreEvent" : "resOutputsEvent"]: { metadata } }));
  }
  lines.push(JSON.stringify({ sequence: n, timestamp: 0, summaryEvent: { maybeCorrupt: false, durationSeconds: 0, resourceChanges: { update: Math.min(resources, Math.floor((n - 2) / 2)) }, PolicyPacks: {} } }));
  return lines;
}

async function operation(kind) {
  const name = flag("--stack");
  const state = needStack(name);
  needPassphrase(state);
  const previewOnly = kind === "preview" || args.includes("--preview-only");
  const operationName = previewOnly && kind !== "preview" ? `${kind}-preview` : kind;
  const s = step(name, kind);
  const counter = join(backendDir(), ".fake", `${name}.${kind}.locked`);
  if (s.locked) {
    const seen = existsSync(counter) ? Number(readFileSync(counter, "utf8")) : 0;
    if (seen < s.locked) {
      mkdirSync(join(backendDir(), ".fake"), { recursive: true });
      writeFileSync(counter, String(seen + 1));
      log({ stack: name, operation: operationName, event: "locked" });
      fail(lockedMessage(name));
    }
  }
  // Preview takes no lock; updates lock the stack as the file backend does.
  let lock;
  if (!previewOnly) {
    if (existsSync(locksDir(name)) && readdirSync(locksDir(name)).length > 0) fail(lockedMessage(name));
    mkdirSync(locksDir(name), { recursive: true });
    lock = join(locksDir(name), `${process.pid}.json`);
    writeFileSync(lock, JSON.stringify({ pid: process.pid }));
  }
  const release = () => lock && rmSync(lock, { force: true });
  log({ stack: name, operation: operationName, event: "start" });
  process.on("SIGINT", () => {
    release();
    log({ stack: name, operation: operationName, event: "cancelled" });
    fail("error: update canceled");
  });
  const eventLog = flag("--event-log");
  const lines = s.stream ? readFileSync(s.stream, "utf8").split("\n").filter((l) => l.trim() !== "") : s.events ? synthetic(s.events, name, s.resources) : [
    JSON.stringify({ sequence: 1, timestamp: 0, summaryEvent: { maybeCorrupt: false, durationSeconds: 0, resourceChanges: {}, PolicyPacks: {} } }),
  ];
  if (eventLog) {
    // Written in chunks, as a running engine appends to the log.
    for (let i = 0; i < lines.length; i += 1000) appendFileSync(eventLog, `${lines.slice(i, i + 1000).join("\n")}\n`);
  }
  if (s.hang) await new Promise(() => setInterval(() => {}, 1000));
  if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
  release();
  if (s.exitCode) {
    log({ stack: name, operation: operationName, event: "failed" });
    const file = process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
    const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE ?? (file ? readFileSync(file, "utf8").trim() : "");
    fail((s.stderr ?? "error: update failed").replaceAll("$PASSPHRASE", passphrase), s.exitCode);
  }
  if (!previewOnly) {
    state.history = [{ kind: kind === "up" ? "update" : kind, result: "succeeded", version: (state.history?.length ?? 0) + 1 }];
    if (kind === "destroy") state.deployment.resources = [];
    writeFileSync(stackFile(name), JSON.stringify(state));
  }
  log({ stack: name, operation: operationName, event: "end" });
  process.stdout.write(`${kind} of ${name} done\n`);
}

function stackCommand(sub) {
  const name = flag("--stack");
  switch (sub) {
    case "select":
      needStack(name);
      return;
    case "init": {
      const init = args[2];
      if (readStack(init) !== undefined) fail(`error: stack '${init}' already exists`);
      const provider = flag("--secrets-provider") ?? "passphrase";
      mkdirSync(stacksDir(), { recursive: true });
      const secrets = provider === "passphrase" ? { type: "passphrase", state: { salt: SALT } } : { type: "cloud", state: { url: provider } };
      writeFileSync(stackFile(init), JSON.stringify({ version: 3, deployment: { manifest: {}, secrets_providers: secrets, resources: [] }, history: [] }));
      if (provider === "passphrase") writeFileSync(join(process.cwd(), `Pulumi.${init}.yaml`), `encryptionsalt: ${SALT}\n`);
      return;
    }
    case "ls": {
      const names = existsSync(stacksDir()) ? readdirSync(stacksDir()).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort() : [];
      process.stdout.write(JSON.stringify(names.map((n) => ({ name: n, current: false, updateInProgress: false, url: `${process.env.PULUMI_BACKEND_URL}` }))));
      return;
    }
    case "export": {
      const { version, deployment } = needStack(name);
      process.stdout.write(JSON.stringify({ version, deployment }));
      return;
    }
    case "output":
      needStack(name);
      process.stdout.write("{}");
      return;
    case "history":
      process.stdout.write(JSON.stringify(needStack(name).history ?? []));
      return;
    case "rm": {
      const removed = args[2] && !args[2].startsWith("-") ? args[2] : name;
      needStack(removed);
      rmSync(stackFile(removed), { force: true });
      log({ stack: removed, operation: "stack-rm", event: "end" });
      return;
    }
    default:
      fail(`error: unknown command "stack ${sub}" for the fake pulumi`);
  }
}

const [command, sub] = args;
switch (command) {
  case "version":
    process.stdout.write(`${VERSION}\n`);
    break;
  case "whoami":
    process.stdout.write(JSON.stringify({ user: "fake", organizations: [], url: process.env.PULUMI_BACKEND_URL ?? "" }));
    break;
  case "plugin":
    process.stdout.write("[]");
    break;
  case "config":
    process.stdout.write("{}");
    break;
  case "stack":
    stackCommand(sub);
    break;
  case "state":
    // `state protect` before an offboarding: the fake's resources carry no protect bit.
    if (sub !== "protect") fail(`error: unknown command "state ${sub}" for the fake pulumi`);
    break;
  case "preview":
  case "up":
  case "refresh":
  case "destroy":
    await operation(command);
    break;
  default:
    fail(`error: unknown command "${command}" for the fake pulumi`);
}
