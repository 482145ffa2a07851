/**
 * Folds one stack's engine events into its report as they arrive. Node's `stack.preview()` has
 * no JSON output, so the events are the only structured record of what the engine did; none is
 * kept: memory grows with the resources that change, never with the number of events.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { propertyDiffs, refreshDrifted } from "./diffs.ts";
import type { ResourceChange } from "../reports/report.ts";
import { resourceProperties } from "./values.ts";

/** The type token of an AWS account in an organization. */
export const ACCOUNT_TYPE = "aws:organizations/account:Account";
const OU_TYPE = "aws:organizations/organizationalUnit:OrganizationalUnit";
const ORGANIZATION_TYPE = "aws:organizations/organization:Organization";

/** What the stack's events tell of its organization: to name the OU an account is in. */
export interface OrganizationFacts {
  /** The root's id (`r-...`), when the organization was in the stack. */
  readonly rootId?: string;
  /** Existing OUs by id: their name and parent's id. */
  readonly ous: ReadonlyMap<string, { readonly name: string; readonly parentId: string }>;
  /** Names of the OUs this operation creates, whose ids are not known yet. */
  readonly newOus: readonly string[];
}
/** Steps of one replacement, folded into `replace` in reports. */
const REPLACE_STEPS = new Set(["replace", "create-replacement", "delete-replaced", "discard-replaced", "import-replacement", "read-replacement"]);
/** Ops that mean no change to report per resource. */
const QUIET_OPS = new Set(["same", "read", "refresh"]);
/** Diagnostics kept per stack and per severity: a looping provider cannot exhaust memory. */
const MAX_DIAGNOSTICS = 20;
const MAX_DIAGNOSTIC_CHARS = 500;

const ANSI = /\u001b\[[0-9;]*[A-Za-z]|<\{%[^%]*%\}>/g;

/** Strips ANSI and the engine's `<{%fg 1%}>` colour markup, trims and bounds a message. */
export function cleanMessage(text: string): string {
  const clean = text.replace(ANSI, "").trim();
  return clean.length > MAX_DIAGNOSTIC_CHARS ? `${clean.slice(0, MAX_DIAGNOSTIC_CHARS - 1)}…` : clean;
}

export class StackEvents {
  /** Changed resources by URN, in the order the engine first reported them. */
  private readonly resources = new Map<string, ResourceChange>();
  /** Step counts, used when the engine's summary event never came (a failed or cancelled run). */
  private readonly stepCounts: Record<string, number> = {};
  private summary: Record<string, number> | undefined;
  /** The engine's error diagnostics, cleaned, at most {@link MAX_DIAGNOSTICS}. */
  readonly errors: string[] = [];
  /** The engine's warning diagnostics, cleaned, at most {@link MAX_DIAGNOSTICS}. */
  readonly warnings: string[] = [];
  /** Events seen, for the live progress view. */
  events = 0;
  /** Resources whose step finished (outputs or failure), for the live progress view. */
  stepsDone = 0;

  /**
   * Handles one engine event. Never throws: the SDK would drop the event with a warning, and
   * one odd event must not cost the rest of the report.
   */
  readonly onEvent = (event: EngineEvent): void => {
    this.events++;
    try {
      this.handle(event);
    } catch {
      this.malformed++;
    }
  };

  /** Events that could not be read; counted, not fatal. */
  malformed = 0;

  /** Resources whose step is a refresh: their outputs event says what drifted. */
  private readonly refreshing = new Set<string>();

  private rootId: string | undefined;
  private readonly ous = new Map<string, { name: string; parentId: string }>();
  private readonly newOus: string[] = [];

  /** The organization as the events showed it, for naming OUs in the review. */
  organization(): OrganizationFacts {
    return { ...(this.rootId === undefined ? {} : { rootId: this.rootId }), ous: this.ous, newOus: [...this.newOus] };
  }

  /** Remembers the organization's root and OUs from any step that carries their state. */
  private learn(meta: StepEventMetadata): void {
    const state = meta.old ?? meta.new;
    if (meta.type === ORGANIZATION_TYPE) {
      const roots = (state?.outputs?.["roots"] ?? []) as { id?: unknown }[];
      if (Array.isArray(roots) && typeof roots[0]?.id === "string") this.rootId = roots[0].id;
    } else if (meta.type === OU_TYPE) {
      const inputs = (meta.new ?? meta.old)?.inputs ?? {};
      const id = meta.old?.id;
      if (typeof id === "string" && id !== "" && typeof inputs["name"] === "string") {
        this.ous.set(id, { name: inputs["name"], parentId: String(meta.old?.inputs?.["parentId"] ?? "") });
      } else if (meta.op === "create" && typeof inputs["name"] === "string" && !this.newOus.includes(inputs["name"])) {
        this.newOus.push(inputs["name"]);
      }
    }
  }

  private handle(event: EngineEvent): void {
    if (event.resourcePreEvent) {
      const meta = event.resourcePreEvent.metadata;
      if (meta.op === "refresh") this.refreshing.add(meta.urn);
      this.learn(meta);
      this.step(meta, false);
    } else if (event.resOutputsEvent) {
      this.stepsDone++;
      const meta = event.resOutputsEvent.metadata;
      // A refresh is announced with op `refresh`; its outputs event says `refresh` up to CLI
      // 3.205 and, since, what the cloud's state is to the stack's: `update` with the drifted
      // properties, `delete` for a resource gone, `same` for none.
      if (meta.op === "refresh") this.step(meta, true);
      else if (this.refreshing.delete(meta.urn) && meta.op !== "same") this.drift(meta);
    } else if (event.resOpFailedEvent) this.stepsDone++;
    else if (event.diagnosticEvent) {
      const { severity, message, ephemeral } = event.diagnosticEvent;
      if (ephemeral) return;
      const list = severity === "error" ? this.errors : severity === "warning" ? this.warnings : undefined;
      const text = cleanMessage(message);
      if (list && text !== "" && list.length < MAX_DIAGNOSTICS && !list.includes(text)) list.push(text);
    } else if (event.summaryEvent) {
      this.summary = { ...event.summaryEvent.resourceChanges } as Record<string, number>;
    }
  }

  private step(meta: StepEventMetadata, outputs: boolean): void {
    if (!outputs) this.stepCounts[meta.op] = (this.stepCounts[meta.op] ?? 0) + 1;
    if (meta.op === "refresh") {
      // A refresh step announces every resource; only what the cloud changed is drift.
      if (!outputs || !refreshDrifted(meta)) return;
    } else if (QUIET_OPS.has(meta.op)) return;
    const op = REPLACE_STEPS.has(meta.op) ? "replace" : meta.op;
    const seen = this.resources.get(meta.urn);
    const diffs = propertyDiffs(meta);
    const protect = meta.old?.protect === true || meta.new?.protect === true;
    if (seen === undefined) {
      const properties = resourceProperties(op, meta.type, meta.old?.inputs, meta.new?.inputs, meta.old?.id);
      this.resources.set(meta.urn, { urn: meta.urn, type: meta.type, op, diffs, ...(properties === undefined ? {} : { properties }), ...(protect ? { protect } : {}) });
    } else {
      // The steps of one replacement come one by one; the first that has diffs describes it,
      // the first that has the old state identifies it.
      const folded = seen.op === "replace" || op === "replace" ? "replace" : op;
      const properties = seen.properties ?? resourceProperties(folded, meta.type, meta.old?.inputs, meta.new?.inputs, meta.old?.id);
      this.resources.set(meta.urn, {
        ...seen,
        op: folded,
        diffs: seen.diffs.length > 0 ? seen.diffs : diffs,
        ...(properties === undefined ? {} : { properties }),
        ...(protect || seen.protect ? { protect: true } : {}),
      });
    }
  }

  /** A drifted resource, as CLIs after 3.205 report it: the outputs event's op and diffs. */
  private drift(meta: StepEventMetadata): void {
    const op = meta.op === "delete" || meta.op === "discard" ? "delete" : "update";
    const properties = resourceProperties(op, meta.type, meta.old?.inputs, meta.new?.inputs, meta.old?.id);
    this.resources.set(meta.urn, { urn: meta.urn, type: meta.type, op, diffs: propertyDiffs({ ...meta, op }), ...(properties === undefined ? {} : { properties }) });
  }

  /** Counts by op: the engine's own summary when it came, else the steps seen; zeros left out. */
  changes(): Record<string, number> {
    const source = this.summary ?? this.stepCounts;
    const out: Record<string, number> = {};
    for (const op of Object.keys(source).sort()) {
      const n = source[op];
      if (n !== undefined && n > 0) out[op] = n;
    }
    return out;
  }

  /** Whether the engine's summary event arrived. */
  get summarized(): boolean {
    return this.summary !== undefined;
  }

  changedResources(): ResourceChange[] {
    return [...this.resources.values()];
  }
}
