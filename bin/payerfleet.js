#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx payerfleet` works straight after `npm ci`
// with no build step and never runs stale output. The project's own tsconfig is used whatever
// the working directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
