/**
 * A lock shared by processes: every provider resource in a stack is its own plugin process,
 * and a test reads and edits the same emulated AWS, so each read-modify-write of the state
 * file holds `<state>.lock`. Creating it with O_EXCL is atomic on a local file system; the
 * file names its holder so that a lock left by a killed process (a cancelled or timed-out
 * test) can be taken over instead of hanging every later run.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** A lock older than this whose holder is gone is stale. No operation holds it this long. */
const STALE_MS = 10_000;
/** Give up after this: something is badly wrong (a live process holding the lock forever). */
const GIVE_UP_MS = 120_000;

function holderAlive(lockFile: string): boolean {
  try {
    const pid = Number(readFileSync(lockFile, "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but is someone else's; treat it as alive.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = openSync(lockFile, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return false;
  }
}

function breakIfStale(lockFile: string): void {
  try {
    const age = Date.now() - statSync(lockFile).mtimeMs;
    if (age > STALE_MS && !holderAlive(lockFile)) rmSync(lockFile, { force: true });
  } catch {
    // Released meanwhile: the next attempt will tell.
  }
}

/** Runs `fn` while holding the lock named `lockFile`. */
export async function withLock<T>(lockFile: string, fn: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  let wait = 5;
  while (!tryAcquire(lockFile)) {
    if (Date.now() - started > GIVE_UP_MS) throw new Error(`aws stand-in: could not take ${lockFile} within ${GIVE_UP_MS} ms`);
    breakIfStale(lockFile);
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
