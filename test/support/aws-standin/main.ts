/**
 * The plugin's entry point: what `pulumi-resource-aws` runs (see install.ts). The engine
 * starts it with its own address as argument and reads the port it serves on from stdout, so
 * nothing else may be printed to stdout.
 */
import { createRequire } from "node:module";
import { Standin } from "./provider.ts";
import { installServerPatches } from "./server.ts";

// The SDK's provider server is CommonJS with a directory entry point, which ESM cannot import.
const providerSdk = createRequire(import.meta.url)("@pulumi/pulumi/provider/index.js") as typeof import("@pulumi/pulumi/provider/index.js");

const standin = new Standin();
installServerPatches(standin);
await providerSdk.main(standin, process.argv.slice(2));
