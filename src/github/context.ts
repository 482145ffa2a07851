/**
 * Where a comment goes, read as GitHub Actions sets it: `GITHUB_TOKEN`, `GITHUB_REPOSITORY`,
 * `GITHUB_API_URL`, and the pull request's number from the event that started the workflow
 * (`GITHUB_EVENT_PATH`). Anything missing is bad input, all of it said at once.
 */
import { readFile } from "node:fs/promises";
import { InputError } from "../io/errors.ts";
import type { PullRequest } from "./octokit.ts";

export interface CommentContext {
  readonly token: string;
  readonly baseUrl: string;
  readonly pr: PullRequest;
}

/** The pull request of a workflow event: `pull_request`, `pull_request_target`, or a comment on one. */
async function eventPullRequest(file: string | undefined): Promise<number | undefined> {
  if (file === undefined || file === "") return undefined;
  const event = JSON.parse(await readFile(file, "utf8")) as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown }; number?: unknown };
  const number = event.pull_request?.number ?? (event.issue?.pull_request !== undefined ? event.issue.number : undefined) ?? event.number;
  return typeof number === "number" ? number : undefined;
}

export async function commentContext(env: NodeJS.ProcessEnv, given: { readonly pr?: number; readonly repo?: string }): Promise<CommentContext> {
  const problems: string[] = [];
  const token = env["GITHUB_TOKEN"] ?? "";
  if (token === "") problems.push("GITHUB_TOKEN is not set: the token comments are written with (in a workflow, secrets.GITHUB_TOKEN with pull-requests: write)");
  const repository = given.repo ?? env["GITHUB_REPOSITORY"] ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (owner === undefined || owner === "" || repo === undefined || repo === "" || rest.length > 0) {
    problems.push(repository === "" ? "no repository: set GITHUB_REPOSITORY or give --repo OWNER/NAME" : `--repo must be OWNER/NAME (got ${repository})`);
  }
  let pr = given.pr;
  if (pr === undefined) {
    try {
      pr = await eventPullRequest(env["GITHUB_EVENT_PATH"]);
      if (pr === undefined) problems.push("no pull request: the workflow's event is not a pull request's; give --pr N");
    } catch (err) {
      problems.push(`GITHUB_EVENT_PATH names ${env["GITHUB_EVENT_PATH"]}, which cannot be read as an event: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { token, baseUrl: (env["GITHUB_API_URL"] || "https://api.github.com").replace(/\/+$/, ""), pr: { owner: owner!, repo: repo!, number: pr! } };
}
