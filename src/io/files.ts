/**
 * Files payerfleet writes (reports, the state backend's directory), written so that a killed
 * run never leaves half a file and a bad path is found before anything runs.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, open, realpath, rename, rm, rmdir, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Creates `dir` and its missing parents one level at a time, and resolves to the directories it
 * created, parents first. Node's recursive `mkdir` loops forever under a pseudo-filesystem such
 * as /proc (each level says ENOENT, its parent EEXIST); here any refusal is an error naming the
 * directory, and what was created before it is removed again.
 */
export async function makeDirectory(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if (!(await stat(d)).isDirectory()) throw new Error(`${d} is not a directory`);
      break;
    } catch (err) {
      // ENOTDIR: a file stands somewhere above; the walk up finds it and says which.
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(d) === d) throw err;
      missing.push(d);
    }
  }
  const created: string[] = [];
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
      created.push(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue;
      await removeDirectories(created);
      throw new Error(`cannot create ${d}: ${(err as Error).message}`);
    }
  }
  return created;
}

/**
 * Removes directories a command created (as {@link makeDirectory} listed them) when a later
 * check stops it: bad input leaves nothing behind. Only empty ones: anything put there since
 * is not payerfleet's to delete.
 */
export async function removeDirectories(created: readonly string[]): Promise<void> {
  for (const d of [...created].reverse()) await rmdir(d).catch(() => undefined);
}

/**
 * The path `file` names once links are followed, whether or not it exists yet: the real path
 * of its nearest existing ancestor, with the rest appended. Two names of one file compare equal.
 */
export async function canonicalPath(file: string): Promise<string> {
  const rest: string[] = [];
  for (let p = resolve(file); ; p = dirname(p)) {
    try {
      return join(await realpath(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return resolve(file);
      rest.push(basename(p));
    }
  }
}

/**
 * Makes sure a file can be written at `file`: its folder exists (created if needed) and a file
 * can be created in it. Run before anything else happens, so that a report that could not be
 * written never comes after a whole run. Resolves to the directories it created.
 */
export async function prepareOutput(file: string): Promise<string[]> {
  const dir = dirname(resolve(file));
  const created = await makeDirectory(dir);
  try {
    try {
      if ((await stat(file)).isDirectory()) throw new Error(`${file} is a directory`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const probe = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.probe`);
    const handle = await open(probe, "wx");
    await handle.close();
    await unlink(probe);
  } catch (err) {
    await removeDirectories(created);
    throw err;
  }
  return created;
}

/**
 * Writes `content` to a temporary file beside `file`, then renames it into place: a reader, or
 * a run killed halfway, sees the old file or the new one, never a truncated one.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}
