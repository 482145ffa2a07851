/**
 * Files payerfleet writes (reports, the state backend's directory), written so that a killed
 * run never leaves half a file and a bad path is found before anything runs.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, open, rename, rm, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive `mkdir` loops
 * forever under a pseudo-filesystem such as /proc (each level says ENOENT, its parent EEXIST);
 * here any refusal is an error naming the directory.
 */
export async function makeDirectory(dir: string): Promise<void> {
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
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot create ${d}: ${(err as Error).message}`);
    }
  }
}

/**
 * Makes sure a file can be written at `file`: its folder exists (created if needed) and a file
 * can be created in it. Run before anything else happens, so that a report that could not be
 * written never comes after a whole run.
 */
export async function prepareOutput(file: string): Promise<void> {
  const dir = dirname(resolve(file));
  await makeDirectory(dir);
  try {
    if ((await stat(file)).isDirectory()) throw new Error(`${file} is a directory`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const probe = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.probe`);
  const handle = await open(probe, "wx");
  await handle.close();
  await unlink(probe);
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
