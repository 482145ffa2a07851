import { InputError } from "../io/errors.ts";
import { EXIT } from "../io/exit-codes.ts";
import { passphraseRedactor } from "../io/redact.ts";
import type { CommandIo } from "./io.ts";

/**
 * Runs a command's implementation; bad input it throws is printed, one line per problem, and
 * becomes exit 2. The CLI's `main` does the same for the whole command line.
 */
export async function reportingBadInput(io: CommandIo, command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // A value given on the command line may be the passphrase (`--deadline "$PASS"` by mistake).
    const redact = passphraseRedactor(io.env, io.cwd);
    for (const line of err.lines(command)) io.stderr(`${redact(line)}\n`);
    return EXIT.badInput;
  }
}
