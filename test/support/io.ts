/** A command's IO in memory, so tests run commands in-process and read what they printed. */
import type { CommandIo } from "../../src/cli/io.ts";
import { REPO } from "./cli.ts";

export interface MemoryIo extends CommandIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function memoryIo(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): MemoryIo {
  let out = "";
  let err = "";
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
    out: () => out,
    err: () => err,
  };
}
