/** `npm run bench -- [name ...]`: runs the named benchmarks, or all of them. */
import { benchPlan } from "./plan.ts";
import { benchValidate } from "./validate.ts";

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  validate: benchValidate,
  driver: async (args) => (await import("./driver.ts")).benchDriver(args),
  engine: async (args) => (await import("./engine.ts")).benchEngine(args),
  plan: benchPlan,
  review: async (args) => (await import("./review.ts")).benchReview(args),
};

const args = process.argv.slice(2);
const named = args.filter((a, i) => !a.startsWith("--") && !(args[i - 1] ?? "").startsWith("--"));
const unknown = named.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`);
  process.exitCode = 2;
} else {
  for (const name of named.length > 0 ? named : Object.keys(BENCHES)) await BENCHES[name]!(args);
}
