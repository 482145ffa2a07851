import { expect } from "chai";
import { mapLimit } from "../../src/io/map-limit.ts";

describe("mapLimit", () => {
  it("keeps order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(results).to.deep.equal([50, 10, 40, 20, 30]);
    expect(most).to.equal(2);
  });

  it("takes no further item after a failure, and rethrows it once the calls in flight settle", async () => {
    const started: number[] = [];
    let inFlight = 0;
    const run = mapLimit([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      inFlight++;
      await new Promise((r) => setTimeout(r, n === 0 ? 1 : 20));
      inFlight--;
      if (n === 0) throw new Error("denied");
      return n;
    });
    let caught: unknown;
    try {
      await run;
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).to.equal("denied");
    expect(inFlight).to.equal(0);
    expect(started).to.deep.equal([0, 1]);
  });
});
