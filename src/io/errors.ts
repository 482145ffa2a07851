/**
 * Bad input: the one way a command says it will not run. Every check of the command line, the
 * inventory and the environment throws an {@link InputError} listing every problem it found,
 * before anything is previewed, applied or written; the CLI prints it and exits 2.
 */

/** Input the command cannot run with; nothing was run. Exit 2. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    /** One line per problem, worded for the user. */
    readonly problems: readonly string[],
  ) {
    super(problems.join("\n"));
  }

  /** The lines to print, `payerfleet COMMAND: ` before each. */
  lines(command: string): string[] {
    return this.problems.map((p) => `${program(command)}: ${p}`);
  }
}

/** A problem with the command line itself: options, their values, their relations. */
export class UsageError extends InputError {
  override name = "UsageError";

  override lines(command: string): string[] {
    return [...super.lines(command), `Run ${program(command)} --help for usage.`];
  }
}

/** The inventory has errors: its located problem lines are printed as they are. */
export class InventoryError extends InputError {
  override name = "InventoryError";

  override lines(): string[] {
    return [...this.problems];
  }
}

function program(command: string): string {
  return command === "" ? "payerfleet" : `payerfleet ${command}`;
}
