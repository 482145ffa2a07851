import { expect } from "chai";
import { samePhone } from "../../../src/domain/custody/contacts.ts";
import { primaryContactWarnings } from "../../../src/domain/custody/primary-contact.ts";

describe("primary contact custody", () => {
  const expected = { fullName: "Gabriel Moreau", companyName: "Fabrikam Inc", phoneNumber: "+33 1 70 36 00 10" };

  it("treats phones that differ only in punctuation as the same", () => {
    expect(samePhone("+33 (1) 70-36.00 10", "+33170360010")).to.equal(true);
    expect(primaryContactWarnings(expected, { phoneNumber: "+33170360010", fullName: "Gabriel Moreau", companyName: "Fabrikam Inc" })).to.deep.equal([]);
  });

  it("warns on a different phone, name or company, never proposing to overwrite", () => {
    expect(primaryContactWarnings(expected, { phoneNumber: "+33 1 70 36 00 99", fullName: "G. Moreau", companyName: "Fabrikam Inc" })).to.deep.equal([
      "primary contact: the phone in AWS (+33 1 70 36 00 99) is not the inventory's (+33 1 70 36 00 10); the customer owns it, so payerfleet will not overwrite it: confirm with the customer and correct whichever is wrong",
      "primary contact: fullName in AWS (G. Moreau) is not the inventory's (Gabriel Moreau)",
    ]);
  });

  it("says when nothing could be compared", () => {
    expect(primaryContactWarnings(expected, {})).to.deep.equal(["primary contact: not read from AWS in an offline plan; preview and up compare it with the inventory"]);
    expect(primaryContactWarnings(undefined, { phoneNumber: "+1 555 0100" })).to.deep.equal([
      "primary contact: none in the inventory, so the customer's phone (which resets the root MFA) is not verified",
    ]);
  });
});
