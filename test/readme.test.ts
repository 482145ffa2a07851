import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { payerfleet } from "./support/cli.ts";
import { custodyPartners, exampleInventory } from "./support/example.ts";

describe("the README's first commands", () => {
  it("install, then run payerfleet on the example fleet, and run the tests", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const block = readme.slice(readme.indexOf("```sh\n") + 6, readme.indexOf("\n```", readme.indexOf("```sh\n")));
    const [main, tests] = block.split("\n").map((line) => line.replace(/\s+#.*$/, ""));
    expect(main).to.match(/^npm ci && npx payerfleet /);
    expect(tests).to.equal("npm test");
    const run = await payerfleet(main!.replace(/^npm ci && npx payerfleet /, "").split(/\s+/));
    expect(run.code, run.stderr).to.equal(0);
    for (const partner of custodyPartners(await exampleInventory())) expect(run.stdout).to.include(`${partner.id}: ${partner.name}, payer ${partner.payer.accountId}`);
  });

  it("shows plan's output as plan prints it", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const prompt = "$ npx payerfleet plan --inventory examples/inventory.yaml --partner contoso\n";
    const start = readme.indexOf(prompt) + prompt.length;
    const shown = readme.slice(start, readme.indexOf("```", start));
    const run = await payerfleet(["plan", "--inventory", "examples/inventory.yaml", "--partner", "contoso"]);
    expect(run.code, run.stderr).to.equal(0);
    // The README leaves out the heading line and the trailing blank line.
    expect(run.stdout.split("\n").slice(2).join("\n").trimEnd()).to.equal(shown.trimEnd());
  });
});
