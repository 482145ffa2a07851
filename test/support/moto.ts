/**
 * A moto server for the tests that talk to AWS APIs: started on a free loopback port, waited
 * for until it answers, and stopped (killed if it will not stop) by the caller's `after` hook.
 * Starting fails loudly, never skips: `.ci/run` checks that moto is installed first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

export interface MotoCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface Moto {
  readonly endpoint: string;
  /** Credentials in `accountId`: moto's AssumeRole switches to the account in the role ARN. */
  credentialsIn(accountId: string, roleName?: string): Promise<MotoCredentials>;
  /** From now on moto checks signatures and evaluates the caller's IAM policies. */
  enforceIam(): Promise<void>;
  stop(): Promise<void>;
}

/** Before IAM is enforced moto accepts any key; this one names no real account. */
const ANY_KEY: MotoCredentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret" };
const START_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto's server exited with ${child.exitCode} before answering:\n${output()}`);
    try {
      await fetch(`${endpoint}/moto-api/reset-auth`, { method: "GET", signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`moto's server did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output = (output + d).slice(-4000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d).slice(-4000)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (err) => reject(new Error(`cannot run python3 -m moto.server: ${err.message}`)));
  });
  try {
    await spawned;
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  const sts = new STSClient({ region: "us-east-1", endpoint, credentials: ANY_KEY });
  return {
    endpoint,
    async credentialsIn(accountId, roleName = "moto-setup") {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: "test" }));
      const c = out.Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
    },
    async enforceIam() {
      const res = await fetch(`${endpoint}/moto-api/reset-auth`, { method: "POST", body: "0" });
      if (!res.ok) throw new Error(`moto refused to enforce IAM: HTTP ${res.status}`);
    },
    async stop() {
      sts.destroy();
      await stopProcess(child);
    },
  };
}
