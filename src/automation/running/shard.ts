/**
 * `--shard I/N` splits the fleet across CI matrix jobs. A partner's shard depends on its id
 * alone (a hash), never on its position in the inventory, so adding or reordering partners
 * moves no other partner to another job; the hub always runs in shard 1.
 */
import { createHash } from "node:crypto";
import { UsageError } from "../../io/errors.ts";

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `"2/4"` → `{ index: 2, count: 4 }`; a {@link UsageError} saying what is allowed otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError([`--shard must be I/N with 1 <= I <= N, e.g. 2/4 (got ${text})`]);
  }
  return { index, count };
}

/** The 1-based shard of a stack among `count`: the first 32 bits of its id's SHA-256, modulo. */
export function shardOf(stack: string, count: number): number {
  return (createHash("sha256").update(stack, "utf8").digest().readUInt32BE(0) % count) + 1;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
