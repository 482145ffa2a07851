import { InputError } from "../io/errors.ts";
import type { CommandIo } from "./io.ts";

/** Exit codes, a stable contract for CI pipelines. */
export const EXIT = {
  ok: 0,
  /** A stack, or a check, failed. */
  failed: 1,
  /** The inventory or the command line is wrong; nothing was run. */
  badInput: 2,
} as const;

/**
 * Runs a command's implementation; bad input it throws is printed, one line per problem, and
 * becomes exit 2. The CLI's `main` does the same for the whole command line.
 */
export async function exitCodeOf(io: CommandIo, command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const line of err.lines(command)) io.stderr(`${line}\n`);
    return EXIT.badInput;
  }
}
