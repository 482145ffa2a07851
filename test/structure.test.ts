/**
 * The shape of src/: its top-level parts import one another in one direction only, the pure
 * layers stay pure, and the commands that need no engine never load the Pulumi SDK.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { expect } from "chai";
import ts from "typescript";
import { BIN, REPO } from "./support/cli.ts";
import { EXAMPLE_INVENTORY } from "./support/example.ts";

const SRC = join(REPO, "src");

/** Every module under src/ with the specifiers it imports, static, dynamic and re-exported. */
async function modules(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".ts")) {
        const info = ts.preProcessFile(await readFile(path, "utf8"), true, true);
        found.set(relative(SRC, path), info.importedFiles.map((f) => f.fileName));
      }
    }
  };
  await walk(SRC);
  return found;
}

/** `automation/running/runner.ts` → `automation`; a module directly in src/ is a part of its own. */
const partOf = (module: string) => module.split("/")[0]!;

/** The relative imports of each module, as modules of src/. */
function edges(all: Map<string, string[]>): [string, string][] {
  return [...all].flatMap(([module, specifiers]) =>
    specifiers.filter((s) => s.startsWith(".")).map((s): [string, string] => [module, relative(SRC, resolve(SRC, dirname(module), s))]),
  );
}

/** Every circle of the graph, each once, as the path around it. */
function circles(graph: Map<string, Set<string>>): string[][] {
  const found = new Map<string, string[]>();
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const circle = path.slice(at);
        const key = [...circle].sort().join(" ");
        if (!found.has(key)) found.set(key, [...circle, next]);
      } else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...found.values()];
}

function graphOf(pairs: readonly [string, string][]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of pairs) if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
  return graph;
}

describe("the structure of src/", () => {
  let all: Map<string, string[]>;
  before(async () => {
    all = await modules();
  });

  it("finds what a circle is: a test of the test", () => {
    expect(circles(graphOf([["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]]))).to.deep.equal([["a", "b", "c", "a"]]);
    expect(circles(graphOf([["a", "b"], ["b", "c"], ["a", "c"]]))).to.deep.equal([]);
  });

  it("has no circle between its top-level parts", () => {
    const parts = graphOf(edges(all).map(([from, to]) => [partOf(from), partOf(to)]));
    expect(circles(parts)).to.deep.equal([]);
    // The graph is real: the CLI is above the driver, the driver above the stack programs.
    expect([...parts.get("cli")!]).to.include.members(["automation", "audit", "bootstrap", "inventory"]);
    expect([...parts.get("automation")!]).to.include("programs");
  });

  it("has no circle between its modules either", () => {
    expect(circles(graphOf(edges(all)))).to.deep.equal([]);
  });

  it("keeps text, io and domain pure: no Pulumi, no AWS SDK, nothing of the layers above them", () => {
    const pure = new Set(["text", "io", "domain"]);
    const strays = [...all]
      .filter(([module]) => pure.has(partOf(module)))
      .flatMap(([module, specifiers]) =>
        specifiers
          .filter((s) => (s.startsWith(".") ? !pure.has(partOf(relative(SRC, resolve(SRC, dirname(module), s)))) : !s.startsWith("node:")))
          .map((s) => `${module} imports ${s}`),
      );
    expect(strays).to.deep.equal([]);
    // text and io are below domain: they import nothing of it.
    const upward = edges(all).filter(([from, to]) => ["text", "io"].includes(partOf(from)) && partOf(to) === "domain");
    expect(upward).to.deep.equal([]);
  });
});

/** The modules of `@pulumi/pulumi` a command line loaded, from the CommonJS cache at exit. */
async function pulumiModulesLoaded(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; loaded: string[]; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), "payerfleet-loaded-"));
  const out = join(dir, "loaded.json");
  // The SDK is CommonJS: however it is reached (import, require), it lands in require.cache.
  const probe = `import { createRequire } from "node:module"; import { writeFileSync } from "node:fs";
const cache = createRequire(${JSON.stringify(BIN)}).cache;
process.on("exit", () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(cache))));`;
  try {
    const child = spawn(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(probe)}`, BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env["PATH"], HOME: dir, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    const loaded = (JSON.parse(await readFile(out, "utf8")) as string[]).filter((p) => p.includes("/node_modules/@pulumi/pulumi/"));
    return { code, loaded, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("commands that need no engine never load the Pulumi SDK", function () {
  this.timeout(60_000);

  for (const args of [
    ["validate", EXAMPLE_INVENTORY],
    ["policies", "-i", EXAMPLE_INVENTORY, "--partner", "fabrikam", "--json"],
    ["policies", "-i", EXAMPLE_INVENTORY, "--partner", "hub"],
    ["bootstrap", "-i", EXAMPLE_INVENTORY, "--partner", "contoso"],
  ]) {
    it(`payerfleet ${args[0]} ${args.slice(-2).join(" ")}`, async () => {
      const run = await pulumiModulesLoaded(args);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.loaded).to.deep.equal([]);
    });
  }

  it("payerfleet audit, all the way to its AWS calls", async () => {
    // Nothing answers on the discard port: every call fails at once, after the checks are planned.
    const run = await pulumiModulesLoaded(["audit", "-i", EXAMPLE_INVENTORY, "--partner", "contoso", "--max-attempts", "1"], {
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "example",
      AWS_REGION: "us-east-1",
    });
    expect(run.code, run.stderr).to.equal(1);
    expect(run.loaded).to.deep.equal([]);
  });

  it("while plan, which runs the stack programs, does: the probe sees the SDK when it is there", async () => {
    const run = await pulumiModulesLoaded(["plan", "-i", EXAMPLE_INVENTORY, "--partner", "contoso"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.loaded).to.not.deep.equal([]);
  });
});
