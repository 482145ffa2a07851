/**
 * What the SDK's provider server (@pulumi/pulumi/provider, server.js) lacks for a real engine,
 * patched in where it registers its gRPC service (grpc.Server.prototype.addService):
 *
 * - it calls `.toJavaScript()` on request structs the engine leaves unset (an invoke with no
 *   arguments, a check of a new resource with no olds, a read for an import): those requests
 *   get an empty struct instead;
 * - its Configure ignores the configuration: the stand-in needs it to know the account and
 *   region it acts in, and to refuse as the real provider does;
 * - its Diff has no detailed diff, and diffs old outputs (not old inputs) against new inputs;
 * - its Read always sets properties, so a resource gone from AWS would still "exist" on import
 *   (the engine tells a missing resource by a read with no properties).
 *
 * Check, Create, Update, Delete, Invoke and Cancel stay the SDK's, guarded.
 */
import { createRequire } from "node:module";
import type { Standin } from "./provider.ts";
import type { Props } from "./util.ts";

const here = createRequire(import.meta.url);
// Load gRPC and the protobuf classes exactly as the SDK's server does, so that the service
// definition compared below is the same object.
const sdk = createRequire(here.resolve("@pulumi/pulumi/provider/server.js"));
// Untyped CommonJS modules of the SDK: `any` at this boundary only.
const grpc: any = sdk("@grpc/grpc-js");
const provproto: any = sdk("../proto/provider_pb");
const provrpc: any = sdk("../proto/provider_grpc_pb");
const structproto: any = sdk("google-protobuf/google/protobuf/struct_pb");

type Callback = (error: unknown, response?: unknown) => void;
type Handler = (call: { request: any }, callback: Callback) => void;

/** The engine's marker of a secret value in a struct (when secrets are sent as such). */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") {
    const o = value as Props;
    if (o[SIG_KEY] === SECRET_SIG) return unwrapSecrets(o["value"]);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

function toJs(struct: any): Props | undefined {
  return struct === undefined || struct === null ? undefined : (unwrapSecrets(struct.toJavaScript()) as Props);
}

/** A struct for the wire: JSON-clean (no undefined anywhere), as Struct.fromJavaScript needs. */
function toStruct(value: Props): any {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function grpcError(e: unknown): { code: number; details: string } {
  return { code: grpc.status.UNKNOWN, details: e instanceof Error ? e.message : String(e) };
}

/** Unset structs read as empty ones, so the SDK's handlers do not crash on them. */
function guard(request: any): void {
  for (const getter of ["getOlds", "getNews", "getProperties", "getArgs", "getOldInputs", "getInputs"]) {
    const original = request[getter];
    if (typeof original !== "function") continue;
    request[getter] = () => original.call(request) ?? new structproto.Struct();
  }
}

function configure(standin: Standin): Handler {
  return (call, callback) => {
    const req = call.request;
    const variables = Object.fromEntries(req.getVariablesMap().toArray() as [string, string][]);
    standin.configure(toJs(req.getArgs()) ?? {}, variables).then(
      () => {
        const resp = new provproto.ConfigureResponse();
        // Plain values in and out: the engine keeps secrecy on its side for such a provider.
        resp.setAcceptsecrets(false);
        resp.setAcceptresources(false);
        resp.setAcceptoutputs(false);
        // No preview Create/Update: the engine shows inputs as outputs in previews.
        resp.setSupportspreview(false);
        callback(null, resp);
      },
      (e: unknown) => callback(grpcError(e)),
    );
  };
}

function diff(standin: Standin): Handler {
  return (call, callback) => {
    const req = call.request;
    const olds = toJs(req.getOlds()) ?? {};
    const oldInputs = toJs(req.getOldInputs()) ?? olds;
    const news = toJs(req.getNews()) ?? {};
    standin.diffInputs(req.getId(), req.getUrn(), oldInputs, olds, news, req.getIgnorechangesList()).then(
      (d) => {
        const resp = new provproto.DiffResponse();
        resp.setChanges(d.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
        resp.setReplacesList(d.replaces);
        resp.setDiffsList(d.changed);
        const detailed = resp.getDetaileddiffMap();
        for (const [path, kind] of Object.entries(d.detailedDiff)) {
          const pd = new provproto.PropertyDiff();
          pd.setKind(provproto.PropertyDiff.Kind[kind]);
          pd.setInputdiff(true);
          detailed.set(path, pd);
        }
        resp.setHasdetaileddiff(true);
        resp.setDeletebeforereplace(d.deleteBeforeReplace);
        callback(null, resp);
      },
      (e: unknown) => callback(grpcError(e)),
    );
  };
}

function read(standin: Standin): Handler {
  return (call, callback) => {
    const req = call.request;
    standin.readResource(req.getId(), req.getUrn(), toJs(req.getProperties()) ?? {}, toJs(req.getInputs())).then(
      (r) => {
        const resp = new provproto.ReadResponse();
        resp.setId(r.id);
        // No properties at all: the engine's sign that the resource does not exist.
        if (r.outputs) resp.setProperties(toStruct(r.outputs));
        if (r.inputs) resp.setInputs(toStruct(r.inputs));
        callback(null, resp);
      },
      (e: unknown) => callback(grpcError(e)),
    );
  };
}

/** The SDK server's handlers, with the stand-in's where the SDK falls short. */
function patch(server: any, standin: Standin): object {
  const impl = Object.create(server);
  for (const name of ["check", "create", "update", "delete", "invoke"]) {
    const handler: Handler = server[name];
    impl[name] = (call: { request: any }, callback: Callback) => {
      guard(call.request);
      return handler.call(server, call, callback);
    };
  }
  impl.configure = configure(standin);
  impl.diff = diff(standin);
  impl.read = read(standin);
  return impl;
}

/** Call before `provider.main`: the server it creates registers the patched handlers. */
export function installServerPatches(standin: Standin): void {
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, implementation: unknown) {
    const impl = service === provrpc.ResourceProviderService ? patch(implementation, standin) : implementation;
    return original.call(this, service, impl);
  };
}
