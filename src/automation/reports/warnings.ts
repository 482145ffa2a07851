/**
 * Changes a reviewer must not miss. An `aws:organizations/account:Account` replaced or deleted
 * means an AWS account leaving the organization: an e-mail change previews as a replace, and
 * renaming an account the inventory knows by name only reads as one account removed and
 * another created, so an innocent-looking inventory edit can carry one. Warnings are data (the
 * names in them come from the engine); each report renders them with its own escaping.
 */
import { mdCode, mdInline } from "../../text/markdown.ts";
import { visible } from "../../text/characters.ts";
import { ACCOUNT_TYPE } from "../events/events.ts";
import type { ResourceChange, StackReport } from "./report.ts";

export type StackWarning =
  /** An AWS account would leave the organization and a new one be created. */
  | { readonly kind: "account-replace"; readonly resource: string; readonly paths: readonly string[] }
  /** An AWS account would leave the organization. */
  | { readonly kind: "account-delete"; readonly resource: string }
  /** A warning diagnostic of the engine, a provider or the program, as it said it. */
  | { readonly kind: "engine"; readonly text: string }
  /** What payerfleet has to say of the stack. */
  | { readonly kind: "note"; readonly text: string };

/** The resource's name: the last segment of its URN. */
export function resourceName(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

function forcing(resource: ResourceChange): string[] {
  const paths = resource.diffs.filter((d) => d.kind.endsWith("-replace")).map((d) => d.path);
  return paths.length > 0 ? paths : resource.diffs.map((d) => d.path);
}

/** The account replacements and deletions of a stack. */
function accountWarnings(report: StackReport): StackWarning[] {
  const out: StackWarning[] = [];
  for (const r of report.resources) {
    if (r.type !== ACCOUNT_TYPE) continue;
    if (r.op === "replace") out.push({ kind: "account-replace", resource: resourceName(r.urn), paths: forcing(r) });
    else if (r.op === "delete") out.push({ kind: "account-delete", resource: resourceName(r.urn) });
  }
  return out;
}

/** Every warning of a stack: dangerous changes first, then the engine's own warnings, then payerfleet's notes. */
export function collectStackWarnings(report: StackReport, engineWarnings: readonly string[], notes: readonly string[] = []): StackWarning[] {
  return [
    ...accountWarnings(report),
    ...engineWarnings.map((text): StackWarning => ({ kind: "engine", text })),
    ...notes.map((text): StackWarning => ({ kind: "note", text })),
  ];
}

/** Whether a reviewer must see the warning above everything else. */
export function isLoud(warning: StackWarning): boolean {
  return warning.kind === "account-replace" || warning.kind === "account-delete";
}

const REPLACE_ADVICE = "An e-mail change replaces an account: make it in the account itself, then update the inventory.";

/** One line of plain text, for the terminal table: every control character shown as an escape. */
export function warningText(warning: StackWarning): string {
  switch (warning.kind) {
    case "account-replace": {
      const paths = warning.paths.length > 0 ? ` (${warning.paths.join(", ")})` : "";
      return visible(`REPLACES AWS account ${warning.resource}${paths}: the account would leave the organization and a new one be created. ${REPLACE_ADVICE}`);
    }
    case "account-delete":
      return visible(`DELETES AWS account ${warning.resource}: the account would leave the partner's organization.`);
    case "engine":
      return visible(`engine warning: ${warning.text}`);
    case "note":
      return visible(warning.text);
  }
}

/** One line of Markdown: payerfleet's emphasis around values escaped for their context. */
export function warningMarkdown(warning: StackWarning): string {
  switch (warning.kind) {
    case "account-replace": {
      const paths = warning.paths.length > 0 ? ` (${warning.paths.map((p) => mdInline(p)).join(", ")})` : "";
      return `**REPLACES AWS account ${mdCode(warning.resource)}**${paths}: the account would leave the organization and a new one be created. ${REPLACE_ADVICE}`;
    }
    case "account-delete":
      return `**DELETES AWS account ${mdCode(warning.resource)}**: the account would leave the partner's organization.`;
    case "engine":
      return `engine warning: ${mdInline(warning.text)}`;
    case "note":
      return mdInline(warning.text);
  }
}
