/**
 * Runs `bootstrap.sh` for real, with a stand-in `aws` first on PATH that records each call's
 * arguments exactly as the shell passed them. What the script asks of AWS is asserted as data,
 * so a value that slipped out of its quotes shows as a split or extra argument.
 */
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BootstrapFile } from "../../src/bootstrap/bundle.ts";

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each `aws` call's arguments, in order. */
  readonly calls: string[][];
}

const FAKE_AWS = `#!/usr/bin/env node
const { appendFileSync } = require("node:fs");
const args = process.argv.slice(2);
appendFileSync(process.env.AWS_CALLS, JSON.stringify(args) + "\\n");
const is = (...words) => words.every((w, i) => args[i] === w);
if (is("sts", "get-caller-identity")) console.log(process.env.FAKE_ACCOUNT);
else if (is("iam", "get-role") && args.includes("--query")) console.log("arn:aws:iam::" + process.env.FAKE_ACCOUNT + ":role/" + args[3]);
else if (is("iam", "get-role") && process.env.FAKE_ROLE_EXISTS !== "1") process.exit(254);
else if (is("organizations", "describe-handshake") && args.some((a) => a.startsWith("length("))) console.log(process.env.FAKE_HANDSHAKE_FROM ?? "0");
else if (is("organizations", "describe-handshake")) console.log(process.env.FAKE_HANDSHAKE_STATE ?? "");
`;

/** What the stand-in \`aws\` answers about a handshake: its "ACTION\\tSTATE" line, and how many parties are the expected account. */
export interface FakeHandshake {
  readonly state: string;
  readonly fromExpected: boolean;
}

export async function runBootstrapScript(
  files: readonly BootstrapFile[],
  options: { account: string; roleExists: boolean; script?: string; handshake?: FakeHandshake },
): Promise<ScriptRun> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-script-"));
  try {
    for (const f of files) await writeFile(join(dir, f.name), f.content, { mode: f.executable ? 0o755 : 0o644 });
    const bin = join(dir, "bin");
    await writeFile(join(dir, "calls.jsonl"), "");
    await mkdir(bin);
    await writeFile(join(bin, "aws"), FAKE_AWS);
    await chmod(join(bin, "aws"), 0o755);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env["PATH"]}`,
      AWS_CALLS: join(dir, "calls.jsonl"),
      FAKE_ACCOUNT: options.account,
      FAKE_ROLE_EXISTS: options.roleExists ? "1" : "0",
      ...(options.handshake === undefined ? {} : { FAKE_HANDSHAKE_STATE: options.handshake.state, FAKE_HANDSHAKE_FROM: options.handshake.fromExpected ? "1" : "0" }),
    };
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("bash", [join(dir, options.script ?? "bootstrap.sh")], { cwd: tmpdir(), env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (err += d));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    const calls = (await readFile(join(dir, "calls.jsonl"), "utf8")).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as string[]);
    return { code, stdout, stderr, calls };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
