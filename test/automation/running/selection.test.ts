import { expect } from "chai";
import { compareInventories } from "../../../src/automation/running/changed.ts";
import { selectStacks } from "../../../src/automation/running/selection.ts";
import { parseShard, shardOf } from "../../../src/automation/running/shard.ts";
import { InputError, UsageError } from "../../../src/io/errors.ts";
import { parseInventory } from "../../../src/inventory/load.ts";
import type { Inventory } from "../../../src/inventory/schema.ts";
import { inventoryYaml } from "../../support/fake-pulumi/harness.ts";

function fleet(ids: string[]): Inventory {
  const inventory = parseInventory(inventoryYaml(ids), "test.yaml").inventory;
  if (inventory === undefined) throw new Error("the test fleet does not load");
  return inventory;
}

const IDS = Array.from({ length: 60 }, (_, i) => `partner-${i}`);

describe("selection of stacks", () => {
  it("selects the hub then every partner in inventory order by default", () => {
    expect(selectStacks(fleet(["b", "a"]), {})).to.deep.equal({
      targets: [{ stack: "hub", partner: null }, { stack: "b", partner: "b" }, { stack: "a", partner: "a" }],
    });
  });

  it("narrows to --partner ids, `hub` naming the hub stack", () => {
    expect(selectStacks(fleet(["a", "b", "c"]), { partners: ["c", "hub"] }).targets).to.deep.equal([
      { stack: "hub", partner: null },
      { stack: "c", partner: "c" },
    ]);
  });

  it("rejects every unknown --partner id, naming the known ones", () => {
    expect(() => selectStacks(fleet(["a", "b"]), { partners: ["a", "zz", "yy"] }))
      .to.throw(InputError)
      .with.property("problems")
      .that.deep.equals([
        "unknown partner zz: the inventory's partners are a, b (and hub, the root-activity hub's stack)",
        "unknown partner yy: the inventory's partners are a, b (and hub, the root-activity hub's stack)",
      ]);
  });

  it("parses --shard I/N and rejects anything else", () => {
    expect(parseShard("2/4")).to.deep.equal({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) expect(() => parseShard(bad)).to.throw(UsageError, `--shard must be I/N with 1 <= I <= N, e.g. 2/4 (got ${bad})`);
  });

  it("splits into shards that are disjoint, complete, and independent of inventory order", () => {
    const inventory = fleet(IDS);
    const reversed = fleet([...IDS].reverse());
    const shards = [1, 2, 3, 4].map((index) => selectStacks(inventory, { shard: { index, count: 4 } }).targets.map((t) => t.stack));
    const again = [1, 2, 3, 4].map((index) => selectStacks(reversed, { shard: { index, count: 4 } }).targets.map((t) => t.stack).sort());
    const all = shards.flat();
    expect(all.slice().sort()).to.deep.equal(["hub", ...IDS].sort());
    expect(new Set(all).size).to.equal(all.length);
    expect(shards.map((s) => s.slice().sort())).to.deep.equal(again);
    expect(shards[0]).to.include("hub");
    for (const s of shards) expect(s.length).to.be.greaterThan(5);
    for (const id of IDS) expect(shards[shardOf(id, 4) - 1]).to.include(id);
  });

  it("intersects --partner, --changed-since and --shard", () => {
    const before = fleet(["a", "b", "c", "d"]);
    const after = fleet(["a", "b", "c", "d"]);
    (after.partners[1] as { name: string }).name = "B renamed";
    (after.partners[2] as { name: string }).name = "C renamed";
    const changed = compareInventories("main", before, after);
    const selected = selectStacks(after, { changed, partners: ["b", "d"] }).targets.map((t) => t.stack);
    expect(selected).to.deep.equal(["b"]);
    const shard = shardOf("b", 2);
    expect(selectStacks(after, { changed, shard: { index: shard, count: 2 } }).targets.map((t) => t.stack)).to.include("b");
    expect(selectStacks(after, { changed, shard: { index: 3 - shard, count: 2 } }).targets.map((t) => t.stack)).not.to.include("b");
  });
});
