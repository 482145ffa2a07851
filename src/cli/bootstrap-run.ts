import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bootstrapFiles } from "../bootstrap/bundle.ts";
import { bootstrapTarget } from "../bootstrap/target.ts";
import { EXIT } from "./exit.ts";
import { loadOrReport } from "./inventory-option.ts";

export interface BootstrapRunOptions {
  readonly inventory: string;
  readonly partner: string;
  /** Directory to write into; without it every file is printed, each under a `==> name <==` line. */
  readonly out?: string;
}

export async function runBootstrap(options: BootstrapRunOptions): Promise<number> {
  const inventory = await loadOrReport(options.inventory);
  if (inventory === undefined) return EXIT.badInput;
  const target = bootstrapTarget(inventory, options.partner);
  if (target === undefined) {
    process.stderr.write(`unknown partner ${options.partner}: ${options.inventory} has ${inventory.partners.map((p) => p.id).join(", ")} (and hub)\n`);
    return EXIT.badInput;
  }
  const files = bootstrapFiles(inventory, target);
  if (options.out === undefined) {
    process.stdout.write(files.map((f) => `==> ${f.name} <==\n${f.content}`).join("\n"));
    return EXIT.ok;
  }
  await mkdir(options.out, { recursive: true });
  for (const file of files) {
    const path = join(options.out, file.name);
    await writeFile(path, file.content);
    if (file.executable) await chmod(path, 0o755);
    process.stdout.write(`wrote ${path}\n`);
  }
  return EXIT.ok;
}
