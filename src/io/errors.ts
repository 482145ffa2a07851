/**
 * Bad input: the one way a command says it will not run. Every check of the command line, the
 * inventory and the environment throws an {@link InputError} listing every problem it found,
 * before anything is previewed, applied or written; the CLI prints it and exits 2.
 */

/** Marks payerfleet's input errors whichever copy of this module made them. */
const BRAND = Symbol.for("payerfleet.InputError");

/** Input the command cannot run with; nothing was run. Exit 2. */
export class InputError extends Error {
  override name = "InputError";
  readonly [BRAND] = true;
  constructor(
    /** One line per problem, worded for the user. */
    readonly problems: readonly string[],
  ) {
    super(problems.join("\n"));
  }

  /**
   * By brand, not by prototype: a command's implementation is imported lazily, and where the
   * CLI itself was loaded as CommonJS (mocha's test files) the lazy import loads a second copy
   * of this module, whose classes the first copy's `instanceof` would not recognise.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[BRAND] !== true) return false;
    return this.name === "InputError" || (value as Error).name === this.name;
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

/** Input errors of several kinds found in one run (the options and the inventory), printed each its own way. */
export class InputErrors extends InputError {
  override name = "InputErrors";
  constructor(readonly parts: readonly InputError[]) {
    super(parts.flatMap((p) => p.problems));
  }

  override lines(command: string): string[] {
    return this.parts.flatMap((p) => p.lines(command));
  }
}

/**
 * The problems of several checks, gathered so that one run reports them all: each check's
 * {@link InputError} is recorded rather than thrown, and {@link throwIfAny} throws them together.
 */
export class Problems {
  readonly list: string[] = [];

  /** What `check` returns, or undefined after recording the problems of the InputError it threw. */
  async check<T>(check: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await check();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.list.push(...err.problems);
      return undefined;
    }
  }

  add(...problems: string[]): void {
    this.list.push(...problems);
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  throwIfAny(): void {
    if (this.any) throw new InputError(this.list);
  }
}

function program(command: string): string {
  return command === "" ? "payerfleet" : `payerfleet ${command}`;
}
