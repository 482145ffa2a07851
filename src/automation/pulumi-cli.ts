/**
 * Finds the Pulumi CLI that the Automation API drives: `--pulumi-root DIR` (an install root,
 * holding `bin/pulumi`, as the SDK's `PulumiCommand.get` expects) or `pulumi` on PATH. Found
 * once and shared by every workspace, so the fleet runs `pulumi version` once, not per stack.
 */
import { join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation/index.js";

export const INSTALL_URL = "https://www.pulumi.com/docs/install/";

/** The CLI could not be found or run: bad input for payerfleet, exit 2, nothing run. */
export class PulumiCliMissingError extends Error {
  override name = "PulumiCliMissingError";
}

export async function findPulumi(root: string | undefined): Promise<PulumiCommand> {
  try {
    return await PulumiCommand.get(root === undefined ? {} : { root });
  } catch (err) {
    const where = root === undefined ? "`pulumi` on PATH" : join(root, "bin", "pulumi");
    const reason = err instanceof Error && /ENOENT|not found|EACCES/.test(err.message) ? "" : ` (${firstLine(err)})`;
    throw new PulumiCliMissingError(
      [
        `the Pulumi CLI is needed for this command and was not found at ${where}${reason}.`,
        `Install it (${INSTALL_URL}), e.g. \`curl -fsSL https://get.pulumi.com | sh\`, or name an install root with --pulumi-root DIR.`,
        "To see the desired state of every stack without the Pulumi CLI or any cloud access, run `payerfleet plan`.",
      ].join("\n"),
    );
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split("\n").find((l) => /error|version/i.test(l)) ?? text.split("\n")[0] ?? "";
  return line.trim().slice(0, 300);
}
