/**
 * The call log (PAYERFLEET_STANDIN_LOG): one JSON line per call the engine makes, so that a
 * test can assert what reached "AWS", e.g. that no `aws:organizations/account:Account` was
 * ever updated or deleted. Every plugin process appends to the same file; a single short
 * write with O_APPEND is not interleaved with another's.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";

export type Method = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete" | "invoke" | "cancel";

export interface CallRecord {
  method: Method;
  /** The resource type token, or the function token of an invoke. */
  type?: string;
  urn?: string;
  id?: string;
  /** The account and region the provider acts in, once configured. */
  account?: string;
  region?: string;
  /** diff and update: the input properties that changed; diff: those forcing a replacement. */
  changed?: string[];
  replaces?: string[];
  /** create and read: the id AWS gave or found ("" when the resource is gone). */
  result?: string;
  /** check: the inputs AWS (or the provider's schema) refuses, `property: reason`. */
  failures?: string[];
  /** The call failed with this message. */
  error?: string;
  /** The call was made to hang (PAYERFLEET_STANDIN_HANG) and has not returned yet. */
  hanging?: boolean;
  /** A preview's create or update (the engine asks the provider to compute, not apply). */
  preview?: boolean;
  pid: number;
  time: string;
}

export function logCall(record: Omit<CallRecord, "pid" | "time">): void {
  const file = process.env["PAYERFLEET_STANDIN_LOG"];
  if (!file) return;
  const line: CallRecord = { ...record, pid: process.pid, time: new Date().toISOString() };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** Reads a call log back (for tests). */
export function readCallLog(file: string): CallRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CallRecord);
}
