import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changedSince, GitRefError, type ChangedSince } from "../../../src/automation/running/changed.ts";
import { parseInventory } from "../../../src/inventory/load.ts";
import { inventoryYaml } from "../../support/fake-pulumi/harness.ts";

describe("--changed-since: a semantic diff of the inventory against a git ref", () => {
  let repo: string;
  let file: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });

  async function since(text: string, ref = "base"): Promise<Omit<ChangedSince, "partners"> & { partners: string[] }> {
    await writeFile(file, text);
    const inventory = parseInventory(text, file).inventory!;
    const result = await changedSince(file, inventory, ref);
    return { ...result, partners: [...result.partners].sort() };
  }

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), "payerfleet-changed-"));
    file = join(repo, "fleet", "inventory.yaml");
    await mkdir(join(repo, "fleet"));
    await mkdir(join(repo, "src"));
    await writeFile(file, inventoryYaml(["a", "b", "c"]));
    await writeFile(join(repo, "src", "program.ts"), "export {};\n");
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "empty");
    git("tag", "empty");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
    git("tag", "base");
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it("selects nothing for comments, formatting and reordered partners", async () => {
    const [head, ...rest] = inventoryYaml(["a", "b", "c"]).split("partners:\n");
    const blocks = rest.join("").split(/(?=  - id: )/);
    const text = `# the fleet\n${head}partners:\n${[blocks[2], blocks[0], blocks[1]].join("")}`.replace("name: Test Distribution", "name:   'Test Distribution'   # quoted");
    expect(await since(text)).to.deep.equal({ ref: "base", all: false, partners: [], removed: [] });
  });

  it("selects changed and added partners and reports removed ones", async () => {
    const text = inventoryYaml(["a", "b", "d"]).replace("name: Partner b", "name: Partner B Ltd");
    expect(await since(text)).to.deep.equal({ ref: "base", all: false, partners: ["b", "d"], removed: ["c"] });
  });

  it("selects everything when the distributor settings change", async () => {
    const text = inventoryYaml(["a", "b", "c"]).replace("name: Test Distribution", "name: Renamed Distribution");
    expect(await since(text)).to.deep.equal({ ref: "base", all: true, reason: "the distributor settings changed since base", partners: ["a", "b", "c"], removed: [] });
  });

  it("selects everything when a file under src/ changed", async () => {
    await writeFile(join(repo, "src", "program.ts"), "export const x = 1;\n");
    const result = await since(inventoryYaml(["a", "b", "c"]));
    expect(result).to.deep.equal({ ref: "base", all: true, reason: "the program changed since base (src/program.ts)", partners: ["a", "b", "c"], removed: [] });
  });

  it("selects everything when the inventory did not exist at the ref", async () => {
    const result = await since(inventoryYaml(["a"]), "empty");
    expect(result.all).to.equal(true);
    expect(result.reason).to.equal(`${file} did not exist at empty`);
  });

  it("rejects a ref git does not know", async () => {
    let error: unknown;
    try {
      await since(inventoryYaml(["a"]), "no-such-ref");
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(GitRefError);
    expect((error as Error).message).to.equal(`--changed-since no-such-ref: not a commit in the git repository of ${file}`);
  });
});
