/**
 * `--changed-since REF`: which stacks a change since a git ref can affect. Both versions of
 * the inventory are parsed and compared as data (defaults applied), so reformatting, comments
 * and reordering partners select nothing. A change to the distributor's settings, or to the
 * program (`src/`, the dependency lock), can change every stack, so it selects all of them.
 */
import { execFile } from "node:child_process";
import { basename, dirname, resolve } from "node:path";
import { promisify } from "node:util";
import { InputError } from "../../io/errors.ts";
import { parseInventory } from "../../inventory/load.ts";
import type { Inventory, Partner } from "../../inventory/schema.ts";
import { canonicalJson } from "../../text/canonical-json.ts";

const exec = promisify(execFile);

/** Paths (relative to the repository's top) whose change selects every stack. */
const PROGRAM_PATHS = [/^src\//, /^package(-lock)?\.json$/, /^Pulumi\.yaml$/];

export interface ChangedSince {
  readonly ref: string;
  /** Every stack is selected; `reason` says why. */
  readonly all: boolean;
  readonly reason?: string;
  /** Partners changed or added since the ref. */
  readonly partners: ReadonlySet<string>;
  /** Partners in the ref's inventory and no longer in the current one: orphans. */
  readonly removed: string[];
}

/** A git ref that cannot be read: bad input. */
/** The ref, the repository or git itself cannot be had: bad input, reported with the rest. */
export class GitRefError extends InputError {
  override name = "GitRefError";
  constructor(message: string) {
    super([message]);
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await exec("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
  return stdout;
}

/** Compares two parsed inventories; pure, for tests and for the git-backed entry point. */
export function compareInventories(ref: string, before: Inventory, after: Inventory): ChangedSince {
  const ids = new Set(after.partners.map((p) => p.id));
  const removed = before.partners.filter((p) => !ids.has(p.id)).map((p) => p.id);
  if (canonicalJson(before.distributor) !== canonicalJson(after.distributor)) {
    return { ref, all: true, reason: `the distributor settings changed since ${ref}`, partners: ids, removed };
  }
  const old = new Map<string, Partner>(before.partners.map((p) => [p.id, p]));
  const partners = new Set<string>();
  for (const p of after.partners) {
    const was = old.get(p.id);
    if (was === undefined || canonicalJson(was) !== canonicalJson(p)) partners.add(p.id);
  }
  return { ref, all: false, partners, removed };
}

/** What changed in `inventoryFile` and in the program since `ref`, from git. */
export async function changedSince(inventoryFile: string, current: Inventory, ref: string): Promise<ChangedSince> {
  const dir = dirname(resolve(inventoryFile));
  try {
    await git(dir, ["rev-parse", "--show-toplevel"]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new GitRefError("--changed-since needs git, which is not installed (or not on PATH)");
    throw new GitRefError(`--changed-since ${ref} needs the inventory in a git repository: ${dir} is not in one`);
  }
  try {
    await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new GitRefError(`--changed-since ${ref}: not a commit in the git repository of ${inventoryFile}`);
  }
  const everything = (reason: string): ChangedSince => ({ ref, all: true, reason, partners: new Set(current.partners.map((p) => p.id)), removed: [] });
  const top = (await git(dir, ["rev-parse", "--show-toplevel"])).trim();
  const touched = (await git(top, ["diff", "--name-only", ref, "--"])).split("\n").filter((f) => f !== "");
  const program = touched.find((f) => PROGRAM_PATHS.some((re) => re.test(f)));
  let text: string;
  try {
    text = await git(dir, ["show", `${ref}:./${basename(inventoryFile)}`]);
  } catch {
    return everything(`${inventoryFile} did not exist at ${ref}`);
  }
  const before = parseInventory(text, `${ref}:${inventoryFile}`).inventory;
  if (before === undefined) return everything(`the inventory at ${ref} does not validate, so it cannot be compared`);
  const diff = compareInventories(ref, before, current);
  if (program !== undefined && !diff.all) {
    return { ...diff, all: true, reason: `the program changed since ${ref} (${program})`, partners: new Set(current.partners.map((p) => p.id)) };
  }
  return diff;
}
