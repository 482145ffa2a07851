/**
 * The stand-in `aws` provider: the Pulumi provider interface over the emulated AWS. One
 * instance per plugin process, which the engine starts for each provider resource (each
 * explicit `aws.Provider`, and the default provider); every operation reads and writes the
 * shared state file under its lock and is appended to the call log.
 */
import type * as provider from "@pulumi/pulumi/provider/index.js";
import { logCall, type CallRecord, type Method } from "./calllog.ts";
import { readConfig, resolveScope } from "./config.ts";
import { diffInputs, type DiffOutcome } from "./diff.ts";
import { apiError, StandinError } from "./errors.ts";
import { cancelHangs, hang, hangFor } from "./hang.ts";
import { INVOKES } from "./invokes.ts";
import { checkViolations, firstViolation } from "./limits.ts";
import { addRecord, findRecord, pickInputs, removeRecord } from "./records.ts";
import { creating, updating, withTags } from "./resources/common.ts";
import { RESOURCE_TYPES } from "./resources/index.ts";
import { readState, updateState } from "./state.ts";
import type { OpContext, ResourceRecord, ResourceType, Scope, StandinState } from "./types.ts";
import { isUnknown, randomLowerAlnum, urnName, urnType, type Props } from "./util.ts";

/** The version @pulumi/aws in node_modules asks the engine for. */
export const STANDIN_VERSION = "7.48.0";

function typeOf(urn: string): ResourceType {
  const type = urnType(urn);
  const rt = RESOURCE_TYPES.get(type);
  if (!rt) throw new StandinError(`does not emulate resource type ${type} (${urn}); add it under test/support/aws-standin/resources/`);
  return rt;
}

/** Inputs without the bridge's bookkeeping keys (`__defaults`). */
function clean(inputs: Props): Props {
  return Object.fromEntries(Object.entries(inputs).filter(([k]) => !k.startsWith("__")));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Standin implements provider.Provider {
  readonly version = STANDIN_VERSION;
  private scope: Scope | undefined;

  private get stateFile(): string {
    const file = process.env["PAYERFLEET_STANDIN_STATE"];
    if (!file) throw new StandinError("PAYERFLEET_STANDIN_STATE is not set: it names the JSON file holding the emulated AWS");
    return file;
  }

  private acting(): Scope {
    if (!this.scope) throw new StandinError("the provider was not configured");
    return this.scope;
  }

  /** Where the provider acts, for the log (once configured). */
  private where(): Props {
    return this.scope ? { account: this.scope.accountId, region: this.scope.region } : {};
  }

  /** Logs a call with the provider's account and region, and its outcome. */
  private async logged<T>(method: Method, what: Partial<Omit<CallRecord, "method" | "pid" | "time">>, fn: () => Promise<T>, describe?: (r: T) => Props): Promise<T> {
    try {
      const result = await fn();
      logCall({ method, ...what, ...this.where(), ...(describe ? describe(result) : {}) });
      return result;
    } catch (e) {
      logCall({ method, ...what, ...this.where(), error: message(e) });
      throw e;
    }
  }

  /** Waits out a hang the test asked for, before touching the state (and never holding its lock). */
  private async maybeHang(type: string, method: Method, urn: string): Promise<void> {
    const ms = hangFor(type, method);
    if (ms === undefined) return;
    logCall({ method, type, urn, hanging: true, ...this.where() });
    try {
      await hang(ms);
    } catch (e) {
      logCall({ method, type, urn, ...this.where(), error: message(e) });
      throw e;
    }
  }

  private context(state: StandinState, urn: string, region: string | undefined): OpContext {
    const scope = this.acting();
    return { state, scope, region: region ?? scope.region, name: urnName(urn) };
  }

  /** Configure: where this provider acts, or the refusal the real provider configures with. */
  async configure(args: Props, variables: Record<string, string>): Promise<void> {
    await this.logged("configure", {}, async () => {
      const config = readConfig(args, variables);
      this.scope = resolveScope(config, await readState(this.stateFile));
    });
  }

  async check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
    const failed = (r: provider.CheckResult): Props => (r.failures?.length ? { failures: r.failures.map((f) => `${f.property}: ${f.reason}`) } : {});
    return this.logged("check", { type: urnType(urn), urn }, async (): Promise<provider.CheckResult> => {
      const rt = typeOf(urn);
      const inputs: Props = { ...news };
      const defaulted: string[] = [];
      for (const [key, value] of Object.entries(rt.defaults ?? {})) {
        if (inputs[key] === undefined || inputs[key] === null) {
          inputs[key] = value;
          defaulted.push(key);
        }
      }
      const auto = rt.autoName;
      if (auto && (inputs[auto.property] === undefined || inputs[auto.property] === null)) {
        // Keep a generated name across previews and updates, as the bridge does.
        const previous = olds[auto.property];
        const wasGenerated = ((olds["__defaults"] as unknown[] | undefined) ?? []).includes(auto.property);
        const prefix = typeof inputs["namePrefix"] === "string" ? inputs["namePrefix"] : `${urnName(urn)}-`;
        let name = typeof previous === "string" && wasGenerated ? previous : `${prefix}${randomLowerAlnum(7)}`;
        if (auto.lowercase) name = name.toLowerCase();
        inputs[auto.property] = name.slice(0, auto.maxLength);
        defaulted.push(auto.property);
      }
      inputs["__defaults"] = defaulted.sort();
      const failures = [
        ...(rt.required ?? [])
          .filter((key) => inputs[key] === undefined || inputs[key] === null)
          .map((key) => ({ property: key, reason: `Missing required argument. The argument "${key}" is required, but no definition was found.` })),
        ...checkViolations(rt.token, inputs, isUnknown),
      ];
      return { inputs, failures };
    }, failed);
  }

  /** Diff: old inputs against checked new ones. `oldOutputs` tells where the resource is. */
  async diffInputs(id: string, urn: string, oldInputs: Props, oldOutputs: Props, news: Props, ignoreChanges: string[]): Promise<DiffOutcome> {
    return this.logged(
      "diff",
      { type: urnType(urn), urn, id },
      async () => {
        const rt = typeOf(urn);
        const scope = this.acting();
        const oldRegion = typeof oldOutputs["region"] === "string" ? oldOutputs["region"] : undefined;
        const newRegion = typeof news["region"] === "string" ? news["region"] : scope.region;
        return diffInputs(rt, oldInputs, news, ignoreChanges, { old: oldRegion, new: newRegion });
      },
      (d) => ({ changed: d.changed, replaces: d.replaces }),
    );
  }

  /** The resource's outputs as a read would report them now. */
  private view(rt: ResourceType, ctx: OpContext, record: ResourceRecord): Props {
    const outputs = rt.read ? rt.read(ctx, record) : record.properties;
    return rt.regional ? { ...outputs, region: record.region } : outputs;
  }

  /** AWS's refusal of inputs it validates only when called (limits.ts, phase `apply`). */
  private refuseInvalid(rt: ResourceType, ctx: OpContext, inputs: Props, call: ReturnType<typeof creating>): void {
    const violation = firstViolation(rt.token, "apply", inputs, isUnknown, ctx);
    if (violation) throw apiError(call, violation.code, violation.message);
  }

  async create(urn: string, news: Props): Promise<provider.CreateResult> {
    const rt = typeOf(urn);
    await this.maybeHang(rt.token, "create", urn);
    return this.logged(
      "create",
      { type: rt.token, urn },
      () =>
        updateState(this.stateFile, (state) => {
          const inputs = clean(news);
          const ctx = this.context(state, urn, rt.regional && typeof inputs["region"] === "string" ? inputs["region"] : undefined);
          const name = String(inputs[rt.autoName?.property ?? "name"] ?? ctx.name);
          this.refuseInvalid(rt, ctx, inputs, creating(rt, name));
          const { id, properties } = rt.create(ctx, inputs);
          const record: ResourceRecord = { type: rt.token, id, account: ctx.scope.accountId, region: rt.regional ? ctx.region : null, properties };
          addRecord(state, record);
          return { id, outs: this.view(rt, ctx, record) };
        }),
      (r) => ({ result: r.id }),
    );
  }

  /** Read: the resource as the emulated AWS has it now; gone reads as an empty id. */
  async readResource(id: string, urn: string, props: Props, inputs: Props | undefined): Promise<{ id: string; outputs?: Props; inputs?: Props }> {
    const rt = typeOf(urn);
    await this.maybeHang(rt.token, "read", urn);
    return this.logged(
      "read",
      { type: rt.token, urn, id },
      async () => {
        const state = await readState(this.stateFile);
        const region = rt.regional ? (typeof props["region"] === "string" ? props["region"] : typeof inputs?.["region"] === "string" ? inputs["region"] : undefined) : undefined;
        const ctx = this.context(state, urn, region);
        const record = findRecord(state, rt.token, id, ctx.scope.accountId, rt.regional ? ctx.region : null);
        if (!record) return { id: "" };
        const outputs = this.view(rt, ctx, record);
        const readInputs = pickInputs(outputs, rt.inputs);
        for (const [key, value] of Object.entries(rt.defaults ?? {})) readInputs[key] ??= value;
        // A regional resource's region is an input only when the program set it.
        if (rt.regional && typeof inputs?.["region"] !== "string") delete readInputs["region"];
        // What the program generated stays generated (check keeps it across updates).
        if (inputs?.["__defaults"] !== undefined) readInputs["__defaults"] = inputs["__defaults"];
        return { id: record.id, outputs, inputs: readInputs };
      },
      (r) => ({ result: r.id }),
    );
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    const rt = typeOf(urn);
    await this.maybeHang(rt.token, "update", urn);
    const inputs = clean(news);
    // `olds` are the old outputs, which hold the old inputs: what the update changes.
    const changed = diffInputs({ ...rt, regional: false }, pickInputs(olds, rt.inputs), pickInputs(inputs, rt.inputs), []).changed;
    return this.logged(
      "update",
      { type: rt.token, urn, id, changed },
      () =>
        updateState(this.stateFile, (state) => {
          const region = rt.regional ? (typeof olds["region"] === "string" ? olds["region"] : undefined) : undefined;
          const ctx = this.context(state, urn, region);
          const record = findRecord(state, rt.token, id, ctx.scope.accountId, rt.regional ? ctx.region : null);
          const call = updating(rt, id);
          if (!record) throw apiError(call, "ResourceNotFoundException", `${rt.api.noun} ${id} not found`, 404);
          this.refuseInvalid(rt, ctx, inputs, call);
          rt.update?.(ctx, record, inputs);
          const next: Props = { ...record.properties };
          for (const key of rt.inputs) {
            if (key === "region") continue;
            if (inputs[key] !== undefined) next[key] = inputs[key];
            else if (!rt.optionalComputed?.includes(key)) delete next[key];
          }
          record.properties = "tags" in next || "tagsAll" in next ? withTags(next) : next;
          return { outs: this.view(rt, ctx, record) };
        }),
    );
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const rt = typeOf(urn);
    await this.maybeHang(rt.token, "delete", urn);
    await this.logged("delete", { type: rt.token, urn, id }, () =>
      updateState(this.stateFile, (state) => {
        const region = rt.regional && typeof props["region"] === "string" ? props["region"] : undefined;
        const ctx = this.context(state, urn, region);
        const record = findRecord(state, rt.token, id, ctx.scope.accountId, rt.regional ? ctx.region : null);
        // Already gone: the real provider treats a missing resource as deleted.
        if (!record) return;
        if (rt.delete) rt.delete(ctx, record);
        else removeRecord(state, record);
      }),
    );
  }

  async invoke(token: string, args: Props): Promise<provider.InvokeResult> {
    return this.logged("invoke", { type: token }, async () => {
      const fn = INVOKES[token];
      if (!fn) throw new StandinError(`does not emulate the function ${token}; add it to test/support/aws-standin/invokes.ts`);
      const state = await readState(this.stateFile);
      return { outputs: fn(state, this.acting(), args ?? {}) };
    });
  }

  async cancel(): Promise<void> {
    logCall({ method: "cancel" });
    cancelHangs();
  }
}
