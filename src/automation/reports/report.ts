/**
 * The fleet report: what `--json` writes, and what the table and the Markdown comment are
 * rendered from. A stable contract for CI pipelines; fields are added, never renamed.
 */
import { EXIT, type ExitCode } from "../../io/exit-codes.ts";
import type { Operation } from "../operations.ts";
import type { TransferRecord } from "../../programs/stack-context.ts";

export type StackOutcome = "succeeded" | "failed" | "cancelled" | "skipped";

/** One changed property of a resource, from the engine's `detailedDiff` (or `diffs`). */
export interface PropertyDiff {
  /** Property path as the engine writes it, e.g. `email`, `tags.Name`, `statement[0]`. */
  readonly path: string;
  /** `add`, `delete`, `update`, or their `-replace` forms when the change forces a replacement. */
  readonly kind: string;
  /** The old value as short JSON, secrets masked; absent when unknown or added. */
  readonly old?: string;
  /** The new value as short JSON, secrets masked; absent when unknown or deleted. */
  readonly new?: string;
  /** The old value whole, secrets masked; absent with `old`. */
  readonly before?: unknown;
  /** The new value whole, secrets masked, `[known after apply]` where the engine does not know it yet; absent with `new`. */
  readonly after?: unknown;
}

/** A resource the operation creates, updates, replaces, deletes, releases or finds drifted. */
export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  /**
   * The engine's step op; the several steps of one replacement are folded into `replace`.
   * `release`: offboarding forgot the resource without touching it in AWS (destroy only).
   */
  readonly op: string;
  readonly diffs: PropertyDiff[];
  /**
   * The resource's values, secrets masked: every input of a create; for a replace or a delete,
   * the properties that identify it (its id, name, e-mail, ...). Absent for other ops.
   */
  readonly properties?: Record<string, unknown>;
  /** Whether the resource is protected in the stack (the customer's organization, OUs, accounts). */
  readonly protect?: boolean;
  /** Why, where payerfleet has something to say: why a resource was released. */
  readonly detail?: string;
}

export interface StackReport {
  readonly stack: string;
  /** The partner id, or null for the `hub` stack. */
  readonly partner: string | null;
  readonly result: StackOutcome;
  /** Resource counts by step op, from the engine's summary (`same` included). */
  readonly changes: Record<string, number>;
  readonly resources: ResourceChange[];
  readonly error: string | null;
  /** What a reviewer must look at first (review.ts); the JSON lists it under the report's `review`. */
  readonly review?: readonly ReviewItem[];
  /** A billing-transfer partner's transfer: where it stands after the run. Absent for custody partners and the hub. */
  readonly transfer?: TransferReport;
}

/** Where a billing-transfer partner's transfer stands: what its stack's outputs keep, and a line for people. */
export interface TransferReport extends TransferRecord {
  /** One line for people: where it stands and what happens next. */
  readonly summary: string;
}

export type ReviewKind = "account" | "trust" | "boundary" | "hub-payers" | "protected";

/** One thing a reviewer must look at first (review.ts): the JSON lists them under `review`. */
export interface ReviewItem {
  readonly stack: string;
  readonly kind: ReviewKind;
  /** The resource's name in the stack (the last part of its URN). */
  readonly resource: string;
  /** The facts the line says, for tools. */
  readonly facts: Record<string, unknown>;
  /** One line, for people. */
  readonly text: string;
}

/** A stack that the inventory no longer names: reported, never destroyed implicitly. */
export interface Orphan {
  readonly stack: string;
  /** Where it was seen: `backend` (a stack in the state backend), `changed-since` (removed since the ref). */
  readonly sources: ("backend" | "changed-since")[];
}

export interface FleetReport {
  readonly operation: Operation;
  readonly stacks: StackReport[];
  readonly orphans: Orphan[];
}

/** Ops that change nothing: left out of change summaries. */
const UNCHANGED_OPS: ReadonlySet<string> = new Set(["same", "read", "refresh"]);

/** The counts of a stack's changes, `same` left out, in a stable order. */
export function changeCounts(changes: Record<string, number>): [string, number][] {
  return Object.entries(changes)
    .filter(([op, n]) => !UNCHANGED_OPS.has(op) && n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Failed when any stack did not succeed; skipped stacks only follow a cancellation. */
export function exitCodeOf(report: FleetReport): ExitCode {
  return report.stacks.every((s) => s.result === "succeeded") ? EXIT.ok : EXIT.failed;
}
