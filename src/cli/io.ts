/**
 * What a command reads from and writes to its process, passed in rather than reached for, so
 * that tests run commands in-process and the real process is wired in one place.
 */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** What a command module gets: its IO, and where its handler leaves the exit code. */
export interface CommandContext {
  readonly io: CommandIo;
  /** The command line as given, for what yargs does not keep (the text of a switch's value). */
  readonly args: readonly string[];
  exitCode: number;
}

export function processIo(): CommandIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
