/**
 * Runs a Pulumi program under the SDK's runtime mocks and records every resource it declares,
 * with the options the engine would see (parent, protect, import, ignoreChanges, provider).
 * `plan` shows this offline desired state; the component tests assert it. No engine, no
 * cloud: the mocks echo inputs back as outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { maskSecrets } from "../text/secrets.ts";
import { mockState, providerScope, type ProviderScope } from "./mock-state.ts";

export interface DeclaredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** URN of the parent; empty for the stack's direct children. */
  readonly parent: string;
  readonly custom: boolean;
  readonly protect: boolean;
  /** The id to adopt with `import`, when one is given. */
  readonly importId?: string;
  readonly ignoreChanges: string[];
  /** URN::id reference of the explicit provider, when one is given. */
  readonly provider?: string;
  /** Inputs as resolved by the SDK; secrets masked (text/secrets.ts). */
  readonly inputs: Record<string, unknown>;
}


/** Answers data-source calls (e.g. aws:account/getPrimaryContact) under the mocks. */
export type CallMock = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;

export interface DeclareOptions {
  readonly project?: string;
  readonly stack: string;
  readonly call?: CallMock;
}

export interface Declared {
  readonly resources: DeclaredResource[];
  readonly outputs: Record<string, unknown>;
  /** Data-source calls the program made, by token, in order. */
  readonly calls: { token: string; inputs: Record<string, unknown> }[];
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getImportid(): string;
  getIgnorechangesList(): string[];
  getProvider(): string;
  getObject(): unknown;
}

/** The URN the mock monitor gives a resource, so that parents can be named by URN. */
function urnOf(project: string, stack: string, parent: string, type: string, name: string): string {
  const parentType = parent === "" ? "" : `${parent.split("::")[2]}$`;
  return `urn:pulumi:${stack}::${project}::${parentType}${type}::${name}`;
}

/**
 * Declares the program's resources under mocks. Runs one program at a time: the SDK's mock
 * monitor is process-wide state.
 */
export async function declare(program: () => Promise<Record<string, unknown>> | Record<string, unknown>, options: DeclareOptions): Promise<Declared> {
  const project = options.project ?? "payerfleet";
  const resources: DeclaredResource[] = [];
  const calls: Declared["calls"] = [];
  /** Provider reference (`urn::id`) → where it acts. */
  const scopes = new Map<string, ProviderScope>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (!args.custom) return { id: undefined, state: args.inputs };
        if (args.type.startsWith("pulumi:providers:")) {
          const id = `${args.name}-id`;
          // Providers are top-level in payerfleet's programs.
          scopes.set(`${urnOf(project, options.stack, "", args.type, args.name)}::${id}`, providerScope(args.inputs));
          return { id, state: args.inputs };
        }
        return mockState(args.type, args.name, args.inputs, args.provider ? scopes.get(args.provider) : undefined, args.id || undefined);
      },
      call: (args) => {
        calls.push({ token: args.token, inputs: args.inputs });
        return options.call?.(args.token, args.inputs) ?? {};
      },
    },
    project,
    options.stack,
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterResourceRequest, callback: unknown): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const importId = req.getImportid();
    const provider = req.getProvider();
    resources.push({
      type: req.getType(),
      name: req.getName(),
      urn: urnOf(project, options.stack, req.getParent(), req.getType(), req.getName()),
      parent: req.getParent(),
      custom: req.getCustom(),
      protect: req.getProtect(),
      ...(importId === "" ? {} : { importId }),
      ignoreChanges: req.getIgnorechangesList(),
      ...(provider === "" ? {} : { provider }),
      inputs: maskSecrets(pulumi.runtime.deserializeProperties(req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0])) as Record<string, unknown>,
    });
    return register(req, callback);
  };
  // The SDK captures a stack trace for every promise and resource (debuggable.ts, source
  // positions), and tsx source-maps each one: 90% of a large program's time under mocks, for
  // traces that nothing reads here. Restored afterwards: the process is shared.
  const stackTraceLimit = Error.stackTraceLimit;
  const sourceMaps = process.sourceMapsEnabled;
  Error.stackTraceLimit = 0;
  process.setSourceMapsEnabled(false);
  try {
    const outputs = await program();
    const resolved = await new Promise<Record<string, unknown>>((resolve) => pulumi.output(outputs).apply((o) => resolve(o as Record<string, unknown>)));
    return { resources, outputs: resolved, calls };
  } finally {
    // Waits for every outstanding registration before the next program may run.
    await pulumi.runtime.disconnect();
    Error.stackTraceLimit = stackTraceLimit;
    process.setSourceMapsEnabled(sourceMaps);
  }
}
