/**
 * Reading the command line into typed values: every problem with an option's value is
 * collected, so that one run reports them all, and thrown as one {@link UsageError}.
 */
import { InputError, InputErrors, UsageError } from "../io/errors.ts";
import { outputClashes } from "../io/outputs.ts";
import { visible } from "../text/characters.ts";

/**
 * Collects problems with option values, so that all of them are reported in one run, and
 * turns raw strings into typed values.
 */
export class OptionProblems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  /** A whole number in [min, max], or undefined after recording what was given. */
  integer(flag: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const text = String(raw).trim();
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
      this.add(`--${flag} must be a whole number ${range} (got ${shown(raw)})`);
      return undefined;
    }
    return value;
  }

  /** A value given at most once, for an option that takes one. */
  single(flag: string, raw: unknown, what: string): string | undefined {
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) {
      this.add(`--${flag} takes ${what}; it was given ${raw.length} times (${raw.map(shown).join(", ")})`);
      return undefined;
    }
    return this.nonEmpty(flag, raw);
  }

  /** Every value of a repeatable option, none of them empty. */
  many(flag: string, raw: unknown): string[] {
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
    for (const v of values) if (v.trim() === "") this.add(`--${flag} needs a value`);
    return values.filter((v) => v.trim() !== "");
  }

  nonEmpty(flag: string, raw: unknown): string | undefined {
    const text = String(raw);
    if (text.trim() === "") {
      this.add(`--${flag} needs a value`);
      return undefined;
    }
    return text;
  }

  /** A value the command cannot do without, given once; `why` says what it is for. */
  required(flag: string, raw: unknown, what: string, why: string): string {
    if (raw === undefined) this.add(`--${flag} is required: ${why}`);
    return this.single(flag, raw, what) ?? "";
  }

  /** `--partner ID`, repeatable: one id per use, as no partner id holds a comma. */
  partners(argv: Record<string, unknown>): string[] {
    const ids = this.many("partner", argv["partner"]);
    const listed = ids.filter((id) => id.includes(","));
    if (listed.length > 0) this.add(`--partner takes one id each time: ${listed.map((l) => l.split(",").map((id) => `--partner ${shown(id.trim())}`).join(" ")).join(" ")}, not ${listed.map(shown).join(", ")}`);
    return ids;
  }

  /** `--inventory FILE`, given at most once. */
  inventory(argv: Record<string, unknown>): string {
    return this.single("inventory", argv["inventory"], "one inventory file") ?? "";
  }

  /**
   * `--json FILE` and `--markdown FILE` of a command that writes reports: each once, neither
   * the inventory nor the other's file.
   */
  reports(argv: Record<string, unknown>, inventory: string, cwd: string): { json?: string; markdown?: string } {
    const json = this.single("json", argv["json"], "one file");
    const markdown = this.single("markdown", argv["markdown"], "one file");
    const outputs = [...(json === undefined ? [] : [{ flag: "json", path: json }]), ...(markdown === undefined ? [] : [{ flag: "markdown", path: markdown }])];
    for (const clash of outputClashes(outputs, inventory, cwd)) this.add(clash);
    return { ...(json === undefined ? {} : { json }), ...(markdown === undefined ? {} : { markdown }) };
  }

  /** What `parse` returns, or undefined after recording the problems of the InputError it threw. */
  attempt<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.list.push(...err.problems);
      return undefined;
    }
  }

  /** Throws a {@link UsageError} with every problem, when there is any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new UsageError(this.list);
  }
}

/** A value as the user gave it, one line, bounded. */
export function shown(raw: unknown): string {
  const text = visible(String(raw));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text === "" ? '""' : text;
}

/**
 * The options yargs parsed that no command declares: yargs' own strict mode stops at them
 * before the command's checks run, and would report them apart from every other problem.
 * yargs adds a camelCase twin of every dashed option; only the spelling given is reported.
 */
function unknownOptions(argv: Record<string, unknown>, known: { key: Record<string, boolean>; alias: Record<string, string[]> }): string[] {
  const names = new Set<string>(["_", "$0", "help", "h", "version"]);
  const addName = (name: string) => {
    names.add(name);
    names.add(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  };
  for (const key of Object.keys(known.key)) addName(key);
  for (const [key, aliases] of Object.entries(known.alias)) [key, ...aliases].forEach(addName);
  const unknown = Object.keys(argv).filter((k) => !names.has(k));
  const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return unknown
    .filter((k) => !unknown.some((other) => other !== k && camel(other) === k))
    .map((k) => `unknown option ${k.length === 1 ? "-" : "--"}${k}`);
}

/** What yargs knows of a command's options, as it hands it to `.check()`. */
interface KnownOptions {
  readonly key: Record<string, boolean>;
  readonly alias: Record<string, string[]>;
  readonly boolean: readonly string[];
}

/**
 * Switches given a value yargs would read as false whatever it is (`--json=maybe`,
 * `--preview-only=yes`): only `true` and `false` mean something, and a switch read the wrong
 * way round runs a different command (a refresh that writes state, a drift check that passes).
 */
function switchValues(args: readonly string[], known: KnownOptions): string[] {
  const switches = new Set(known.boolean.flatMap((name) => [name, ...(known.alias[name] ?? [])]));
  return args.flatMap((arg) => {
    const m = /^--?([^=]+)=(.*)$/s.exec(arg);
    if (m === null || !switches.has(m[1]!) || m[2] === "true" || m[2] === "false") return [];
    return [`--${m[1]} is a switch: give it alone (or =true, =false), not ${shown(arg)}`];
  });
}

/** Reads a command's parsed arguments into its typed options, recording every problem. */
export type ParseOptions<T> = (argv: Record<string, unknown>, problems: OptionProblems) => T;

/**
 * The `.check()` of a command: unknown options and every problem with a value or a relation
 * between options, thrown together as one {@link UsageError} before the handler runs. With
 * them, `alsoWhenInvalid`'s problems (the inventory's), so that one run reports every one.
 */
export function checkOptions<T>(
  parse: ParseOptions<T>,
  args: readonly string[],
  alsoWhenInvalid?: (options: T) => Promise<InputError | undefined>,
): (argv: Record<string, unknown>, options: unknown) => Promise<true> {
  return async (argv, options) => {
    const problems = new OptionProblems();
    for (const unknown of unknownOptions(argv, options as KnownOptions)) problems.add(unknown);
    for (const bad of switchValues(args, options as KnownOptions)) problems.add(bad);
    const parsed = parse(argv, problems);
    if (problems.list.length === 0) return true;
    const usage = new UsageError(problems.list);
    const more = alsoWhenInvalid === undefined ? undefined : await alsoWhenInvalid(parsed);
    throw more === undefined ? usage : new InputErrors([more, usage]);
  };
}

/** The typed options of arguments that passed {@link checkOptions}. */
export function parseOptions<T>(parse: ParseOptions<T>, argv: Record<string, unknown>): T {
  const problems = new OptionProblems();
  const options = parse(argv, problems);
  problems.throwIfAny();
  return options;
}
