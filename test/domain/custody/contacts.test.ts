import { expect } from "chai";
import { onDomains, sameEmail, sameName, samePhone } from "../../../src/domain/custody/contacts.ts";

describe("contact comparisons, shared by preview and audit", () => {
  it("counts only + and digits in a phone", () => {
    expect(samePhone("+44 (20) 7946-0101", "+442079460101")).to.equal(true);
    expect(samePhone("+1 555 0100", "+1 555 0101")).to.equal(false);
    // The country code is a digit like the others: dropping the + changes nothing, dropping a digit does.
    expect(samePhone("+1 555 0100", "1 555 0100")).to.equal(false);
  });

  it("compares e-mails without regard to case, and names without surrounding spaces", () => {
    expect(sameEmail("Billing@Contoso.example", "billing@contoso.example")).to.equal(true);
    expect(sameEmail("billing@contoso.example", "billing@contoso.example.org")).to.equal(false);
    expect(sameName(" Ana Diaz ", "Ana Diaz")).to.equal(true);
    expect(sameName("Ana Diaz", "Ana  Diaz")).to.equal(false);
  });

  it("puts an address on a domain or its subdomains, never on a lookalike", () => {
    expect(onDomains("root@Payers.Example", ["payers.example"])).to.equal(true);
    expect(onDomains("root@eu.payers.example", ["payers.example"])).to.equal(true);
    expect(onDomains("root@evilpayers.example", ["payers.example"])).to.equal(false);
    expect(onDomains("root@payers.example.org", ["payers.example"])).to.equal(false);
  });
});
