import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeDirectory, prepareOutput, writeFileAtomic } from "../../src/io/files.ts";

describe("report files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "payerfleet-files-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("replaces a report whole, through a temporary file that never stays behind", async () => {
    const file = join(dir, "report.json");
    await writeFile(file, '{"old": true, "padding": "a longer earlier report"}');
    await writeFileAtomic(file, '{"new": true}');
    expect(await readFile(file, "utf8")).to.equal('{"new": true}');
    expect(await readdir(dir)).to.deep.equal(["report.json"]);
  });

  it("leaves the earlier report untouched, and no temporary file, when the write fails", async () => {
    const file = join(dir, "report.json");
    await writeFile(file, "earlier");
    await makeDirectory(join(dir, "a-dir"));
    // Renaming a file onto a directory fails after the temporary file was written.
    await writeFileAtomic(join(dir, "a-dir"), "new").then(
      () => expect.fail("a directory cannot be replaced by a report"),
      (err: NodeJS.ErrnoException) => expect(err.code).to.be.oneOf(["EISDIR", "ENOTEMPTY", "EEXIST"]),
    );
    expect(await readFile(file, "utf8")).to.equal("earlier");
    expect((await readdir(dir)).sort()).to.deep.equal(["a-dir", "report.json"]);
  });

  it("makes a report's folders level by level, and names a file standing in the way", async () => {
    await prepareOutput(join(dir, "a", "b", "c", "report.md"));
    expect(await readdir(join(dir, "a", "b", "c"))).to.deep.equal([]);
    await writeFile(join(dir, "blocker"), "");
    await prepareOutput(join(dir, "blocker", "x", "report.md")).then(
      () => expect.fail("a file cannot hold a folder"),
      (err: Error) => expect(err.message).to.equal(`${join(dir, "blocker")} is not a directory`),
    );
  });
});
