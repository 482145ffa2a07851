/**
 * `comment`: the Markdown report as the pull request's comments, one set per key, kept current
 * (github/comments.ts). A token that may not write (a fork's pull request) is no failure: the
 * report goes to the job's step summary instead, with a note. A GitHub that keeps failing after
 * the retries is exit 1; the report files stay where they are either way.
 */
import { appendFile, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isReportPart } from "../../automation/reports/write.ts";
import { syncComments } from "../../github/comments.ts";
import { commentContext } from "../../github/context.ts";
import { commentApi, httpStatus } from "../../github/octokit.ts";
import { InputError } from "../../io/errors.ts";
import { EXIT, type ExitCode } from "../../io/exit-codes.ts";
import { exists } from "../../io/files.ts";
import { partFile } from "../../io/outputs.ts";
import type { CommandIo } from "../io.ts";

export interface CommentOptions {
  /** The Markdown report's first part; its further parts are found beside it. */
  readonly markdown: string;
  readonly pr?: number;
  readonly repo?: string;
  /** Default: the workflow, the job and the report's shard. */
  readonly key?: string;
  /** Also write a short summary of the report to `$GITHUB_STEP_SUMMARY`. */
  readonly summary: boolean;
  /** Post the comments; without it only the summary is written. */
  readonly post: boolean;
}

export interface CommentDeps {
  /** Retry pacing, for tests; GitHub's own pacing otherwise. */
  readonly retries?: number;
  readonly retryBaseMs?: number;
}

/** The report's parts, in order: FILE, FILE.2.md, ... as long as they are payerfleet's. */
async function reportParts(io: CommandIo, file: string): Promise<string[]> {
  const first = resolve(io.cwd, file);
  if (!(await exists(first))) throw new InputError([`--markdown ${file}: no such file (payerfleet preview --markdown ${file} writes it)`]);
  const parts = [await readFile(first, "utf8")];
  for (let k = 2; (await exists(partFile(first, k))) && (await isReportPart(partFile(first, k))); k++) parts.push(await readFile(partFile(first, k), "utf8"));
  return parts;
}

/** `preview / plan / shard 2/4`: the workflow, the job, and the shard the report's heading names. */
export function defaultKey(env: NodeJS.ProcessEnv, firstPart: string): string {
  const shard = /· (shard \d+\/\d+)/.exec(firstPart.split("\n", 1)[0] ?? "")?.[1];
  const parts = [env["GITHUB_WORKFLOW"], env["GITHUB_JOB"], shard].filter((p): p is string => p !== undefined && p !== "");
  return parts.length > 0 ? parts.join(" / ") : "payerfleet";
}

/** What a reviewer sees in the job's summary: the report down to the first stack's details. */
function summaryOf(parts: readonly string[]): string {
  const first = parts[0] ?? "";
  const details = first.indexOf("\n<details>");
  const head = details < 0 ? first : first.slice(0, details);
  return `${head.trimEnd()}\n${parts.length > 1 || details >= 0 ? "\n_Each stack's changes are in the pull request's comments and the JSON report._\n" : ""}`;
}

async function appendSummary(io: CommandIo, text: string): Promise<boolean> {
  const file = io.env["GITHUB_STEP_SUMMARY"];
  if (file === undefined || file === "") return false;
  await appendFile(file, `${text}\n`);
  return true;
}

export async function runComment(options: CommentOptions, io: CommandIo, deps: CommentDeps = {}): Promise<ExitCode> {
  const parts = await reportParts(io, options.markdown);
  const context = options.post ? await commentContext(io.env, { ...(options.pr === undefined ? {} : { pr: options.pr }), ...(options.repo === undefined ? {} : { repo: options.repo }) }) : undefined;
  if (options.summary && !(await appendSummary(io, summaryOf(parts)))) io.stderr("payerfleet comment: note: GITHUB_STEP_SUMMARY is not set: no summary written\n");
  if (context === undefined) return EXIT.ok;
  const key = options.key ?? defaultKey(io.env, parts[0]!);
  const api = commentApi(context.pr, { token: context.token, baseUrl: context.baseUrl, retries: deps.retries ?? 3, retryBaseMs: deps.retryBaseMs ?? 1000 });
  const where = `${context.pr.owner}/${context.pr.repo}#${context.pr.number}`;
  try {
    const done = await syncComments(api, key, parts);
    io.stdout(`${where}: ${done.created} created, ${done.updated} updated, ${done.unchanged} unchanged, ${done.deleted} deleted (key ${key})\n`);
    return EXIT.ok;
  } catch (err) {
    const status = httpStatus(err);
    const reason = `${status === undefined ? "" : `HTTP ${status}: `}${(err as Error).message.split("\n")[0]}`;
    if (status === 403 || status === 404) {
      // A fork's pull request gets a read-only token: the report still reaches the reviewer.
      const note = `> [!NOTE]\n> payerfleet could not comment on ${where} (${reason}): the token may not write there, as on a fork's pull request. The report is here instead.\n`;
      const written = await appendSummary(io, `${note}\n${parts.join("\n")}`);
      io.stderr(`payerfleet comment: note: cannot comment on ${where} (${reason}); ${written ? "the report is in the job's step summary" : "GITHUB_STEP_SUMMARY is not set either"}\n`);
      return EXIT.ok;
    }
    io.stderr(`payerfleet comment: ${where}: ${reason}; the report files are unchanged\n`);
    return EXIT.failed;
  }
}
