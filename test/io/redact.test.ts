import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { passphraseRedactor, REDACTED } from "../../src/io/redact.ts";

describe("passphrase redaction", () => {
  const redact = passphraseRedactor({ PULUMI_CONFIG_PASSPHRASE: "correct-horse-battery-staple" });

  it("scrubs the whole passphrase wherever it appears", () => {
    expect(redact("bad passphrase correct-horse-battery-staple, twice: correct-horse-battery-staple")).to.equal(
      `bad passphrase ${REDACTED}, twice: ${REDACTED}`,
    );
  });

  it("scrubs a passphrase cut short by a bound on the message", () => {
    expect(redact("error: decrypting with correct-horse-bat…")).to.equal(`error: decrypting with ${REDACTED}…`);
    expect(redact("a value ending in corr…")).to.equal(`a value ending in ${REDACTED}…`);
  });

  it("leaves ordinary cut text alone", () => {
    expect(redact("a long diagnostic that was cut here…")).to.equal("a long diagnostic that was cut here…");
    expect(redact("nothing secret")).to.equal("nothing secret");
  });
});

describe("passphrase redaction of escaped forms", () => {
  const secret = `pa"ss\\wo'rd-9f3e`;
  const redact = passphraseRedactor({ PULUMI_CONFIG_PASSPHRASE: secret });

  it("scrubs the passphrase as JSON escapes it (reports, engine events) and as a shell quotes it", () => {
    const json = JSON.stringify({ error: `decrypting with ${secret} failed` });
    expect(redact(json)).to.equal(`{"error":"decrypting with ${REDACTED} failed"}`);
    expect(redact(`echo 'pa"ss\\wo'\\''rd-9f3e'`)).to.equal(`echo '${REDACTED}'`);
    expect(redact(`raw ${secret}`)).to.equal(`raw ${REDACTED}`);
  });
});

describe("passphrase redaction of every form a CLI, an engine or a config file writes it in", () => {
  it("scrubs it as Go's JSON escapes <, > and &, as ASCII-only JSON, escaped twice, and YAML-quoted", () => {
    const redact = passphraseRedactor({ PULUMI_CONFIG_PASSPHRASE: "correct<horse>&bätter'y" });
    expect(redact(`"correct\\u003chorse\\u003e\\u0026bätter'y"`)).to.equal(`"${REDACTED}"`);
    expect(redact(`"correct\\u003chorse\\u003e\\u0026b\\u00e4tter'y"`)).to.equal(`"${REDACTED}"`);
    expect(redact(JSON.stringify(JSON.stringify({ message: "correct<horse>&bätter'y" })))).to.equal(`"{\\"message\\":\\"${REDACTED}\\"}"`);
    expect(redact(`passphrase: 'correct<horse>&bätter''y'`)).to.equal(`passphrase: '${REDACTED}'`);
  });

  it("reads a passphrase file named relative to the working directory it is given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "payerfleet-redact-"));
    try {
      await writeFile(join(dir, "pass.txt"), "correct-horse-battery\n");
      expect(passphraseRedactor({ PULUMI_CONFIG_PASSPHRASE_FILE: "pass.txt" }, dir)("x correct-horse-battery y")).to.equal(`x ${REDACTED} y`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
