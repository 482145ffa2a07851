/** Exit codes, a stable contract for CI pipelines: the driver returns them, the CLI exits with them. */
export const EXIT = {
  ok: 0,
  /** A stack, or a check, failed. */
  failed: 1,
  /** The inventory or the command line is wrong; nothing was run. */
  badInput: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
