import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { payerfleet } from "./support/cli.ts";
import { exampleInventory } from "./support/example.ts";

describe("the README's first commands", () => {
  it("install, then run payerfleet on the example fleet, and run the tests", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const block = readme.slice(readme.indexOf("```sh\n") + 6, readme.indexOf("\n```", readme.indexOf("```sh\n")));
    const [main, tests] = block.split("\n").map((line) => line.replace(/\s+#.*$/, ""));
    expect(main).to.match(/^npm ci && npx payerfleet /);
    expect(tests).to.equal("npm test");
    const run = await payerfleet(main!.replace(/^npm ci && npx payerfleet /, "").split(/\s+/));
    expect(run.code, run.stderr).to.equal(0);
    for (const partner of (await exampleInventory()).partners) expect(run.stdout).to.include(`${partner.id}: ${partner.name}, payer ${partner.payer.accountId}`);
  });
});
