/**
 * The pull request's comments through GitHub's REST API, with Octokit: rate limits waited out
 * and retried (plugin-throttling), server errors retried with backoff (plugin-retry).
 */
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { CommentApi } from "./comments.ts";

export interface PullRequest {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export interface GitHubOptions {
  readonly token: string;
  /** `GITHUB_API_URL`: https://api.github.com, or a GitHub Enterprise Server's. */
  readonly baseUrl: string;
  /** Tries after the first, for server errors and rate limits. */
  readonly retries: number;
  /** The first wait before a retry, in milliseconds; later ones grow as the square of the try. */
  readonly retryBaseMs: number;
}

const GitHub = Octokit.plugin(retry, throttling);
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function commentApi(pr: PullRequest, options: GitHubOptions): CommentApi {
  const again = (_after: number, _request: unknown, _octokit: unknown, tries: number) => tries < options.retries;
  const octokit = new GitHub({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: "payerfleet",
    log: quiet,
    retry: { retries: options.retries, retryAfterBaseValue: options.retryBaseMs },
    throttle: { onRateLimit: again, onSecondaryRateLimit: again, retryAfterBaseValue: options.retryBaseMs },
  });
  const where = { owner: pr.owner, repo: pr.repo };
  return {
    list: async () =>
      (await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 })).map((c) => ({ id: c.id, body: c.body ?? "" })),
    create: async (body) => void (await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })),
    update: async (id, body) => void (await octokit.rest.issues.updateComment({ ...where, comment_id: id, body })),
    remove: async (id) => void (await octokit.rest.issues.deleteComment({ ...where, comment_id: id })),
  };
}

/** The HTTP status of an Octokit request error, if that is what `err` is. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}
