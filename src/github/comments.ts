/**
 * One set of pull-request comments per key (workflow, job and shard), kept current: each run
 * edits the comments it wrote before, adds parts the report grew, and deletes parts it no
 * longer has. Its comments are found by a hidden marker carrying the key and the part; any
 * other comment, other keys' included, is never touched.
 */

/** A comment as the issues API lists it. */
export interface IssueComment {
  readonly id: number;
  readonly body: string;
}

/** What payerfleet does with a pull request's comments. */
export interface CommentApi {
  list(): Promise<IssueComment[]>;
  create(body: string): Promise<void>;
  update(id: number, body: string): Promise<void>;
  remove(id: number): Promise<void>;
}

/** Room a comment body keeps for the marker, out of GitHub's 65,536 characters. */
export const MARKER_RESERVE = 512;

const MARKER = /^<!-- payerfleet-comment key="([^"]*)" part="(\d+)" -->/;

/** The first line of a comment: the key is percent-encoded, so it can neither end the HTML comment nor the attribute. */
export function marker(key: string, part: number): string {
  return `<!-- payerfleet-comment key="${encodeURIComponent(key)}" part="${part}" -->`;
}

/** The key and part of a comment payerfleet wrote, or undefined for any other comment. */
export function markerOf(body: string): { key: string; part: number } | undefined {
  const m = MARKER.exec(body);
  if (m === null) return undefined;
  try {
    return { key: decodeURIComponent(m[1]!), part: Number(m[2]) };
  } catch {
    return undefined;
  }
}

export interface SyncResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
}

/**
 * Makes the pull request's comments of `key` the report's `parts`, in order: part k edits the
 * comment of part k when there is one (and it differs), else is created; comments of parts past
 * the last, and duplicates of one part, are deleted.
 */
export async function syncComments(api: CommentApi, key: string, parts: readonly string[]): Promise<SyncResult> {
  const own = new Map<number, IssueComment>();
  const extra: IssueComment[] = [];
  for (const comment of await api.list()) {
    const found = markerOf(comment.body);
    if (found === undefined || found.key !== key) continue;
    if (found.part >= 1 && found.part <= parts.length && !own.has(found.part)) own.set(found.part, comment);
    else extra.push(comment);
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [i, text] of parts.entries()) {
    const body = `${marker(key, i + 1)}\n${text}`;
    const existing = own.get(i + 1);
    if (existing === undefined) {
      await api.create(body);
      created++;
    } else if (existing.body !== body) {
      await api.update(existing.id, body);
      updated++;
    } else {
      unchanged++;
    }
  }
  for (const comment of extra) await api.remove(comment.id);
  return { created, updated, unchanged, deleted: extra.length };
}
