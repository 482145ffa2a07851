/**
 * Packaging the stand-in as the engine's `aws` resource plugin and installing it into a
 * PULUMI_HOME, in place of the real provider (which cannot be downloaded here).
 *
 * The engine runs a resource plugin from `$PULUMI_HOME/plugins/resource-aws-v7.48.0/`, the
 * version @pulumi/aws 7.48.0 asks for, by executing `pulumi-resource-aws` there. The tarball
 * holds only that executable, a shell script running main.ts with this repository's Node.js
 * and tsx by absolute paths. No PulumiPlugin.yaml: with one, `pulumi plugin install` would
 * treat the plugin as a Node.js project and install its dependencies through the language
 * host (pkg/workspace/plugin.go, installDependenciesForPluginSpec).
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { STANDIN_VERSION } from "./provider.ts";

const run = promisify(execFile);

/** The plugin's entry point and the repository whose node_modules it uses. */
export const STANDIN_MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../", import.meta.url));

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `pulumi-resource-aws` script: absolute paths, fixed when packaged. */
export function launcherScript(): string {
  // `node --import tsx` as .mocharc.json does, by absolute path: the plugin's cwd is the engine's.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return [
    "#!/bin/sh",
    "# The payerfleet aws stand-in (test/support/aws-standin), packaged by install.ts.",
    `cd ${shellQuote(REPO)} || exit 1`,
    `exec ${shellQuote(process.execPath)} --import ${shellQuote(tsx)} ${shellQuote(STANDIN_MAIN)} "$@"`,
    "",
  ].join("\n");
}

/** Writes the plugin tarball into `dir` and returns its path. */
export async function packageStandin(dir: string): Promise<string> {
  const stage = await mkdtemp(join(dir, "stage-"));
  const exe = join(stage, "pulumi-resource-aws");
  await writeFile(exe, launcherScript());
  await chmod(exe, 0o755);
  const tgz = join(dir, `pulumi-resource-aws-v${STANDIN_VERSION}.tgz`);
  await run("tar", ["-czf", tgz, "-C", stage, "pulumi-resource-aws"]);
  await rm(stage, { recursive: true, force: true });
  return tgz;
}

/**
 * Installs the stand-in as resource plugin `aws` v7.48.0 into `pulumiHome`, with the Pulumi
 * CLI `pulumiBin`. Reinstalls over a previous install, so a home can be reused.
 */
export async function installStandin(pulumiHome: string, pulumiBin: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-standin-"));
  try {
    const tgz = await packageStandin(dir);
    await run(pulumiBin, ["plugin", "install", "resource", "aws", `v${STANDIN_VERSION}`, "--file", tgz, "--reinstall"], {
      env: { ...process.env, PULUMI_HOME: pulumiHome, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
