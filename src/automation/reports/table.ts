/** The final table on stdout: one row per stack, then warnings, orphans and a summary line. */
import { describeChanges } from "./progress.ts";
import { visible } from "../../text/characters.ts";
import type { FleetReport } from "./report.ts";
import { warningText, type StackWarning } from "./warnings.ts";
import { plural } from "../../text/plural.ts";

/** `2 succeeded, 1 failed` over the stacks of a report. */
export function tally(report: FleetReport): string {
  const counts = new Map<string, number>();
  for (const s of report.stacks) counts.set(s.result, (counts.get(s.result) ?? 0) + 1);
  return ["succeeded", "failed", "cancelled", "skipped"]
    .filter((r) => counts.has(r))
    .map((r) => `${counts.get(r)} ${r}`)
    .join(", ");
}

export function fleetTable(report: FleetReport, warnings: ReadonlyMap<string, readonly StackWarning[]>, notes: readonly string[]): string {
  const rows = [["STACK", "RESULT", "CHANGES"]];
  for (const s of report.stacks) {
    const detail = s.result === "succeeded" ? describeChanges(s) : (s.error ?? "").split("\n")[0] ?? "";
    rows.push([visible(s.stack), s.result, visible(detail)]);
  }
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`.trimEnd());
  for (const s of report.stacks) {
    for (const w of warnings.get(s.stack) ?? []) lines.push(`warning: ${visible(s.stack)}: ${warningText(w)}`);
  }
  for (const o of report.orphans) {
    lines.push(`orphan: ${visible(o.stack)} (${o.sources.join(", ")}): not in the inventory; payerfleet never destroys it implicitly`);
  }
  for (const n of notes) lines.push(`note: ${visible(n)}`);
  const orphans = report.orphans.length > 0 ? `; ${plural(report.orphans.length, "orphan")}` : "";
  lines.push(`${report.operation}: ${plural(report.stacks.length, "stack")}${report.stacks.length > 0 ? `: ${tally(report)}` : ""}${orphans}`);
  return `${lines.join("\n")}\n`;
}
