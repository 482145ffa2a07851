import { fleetCommand } from "./fleet-op.ts";

export const previewCommand = fleetCommand("preview", "Preview every selected stack: changes, property diffs, PR-ready reports", [
  ["$0 preview --changed-since origin/main --markdown pr.md", "Preview what a pull request changes, as a PR comment"],
  ["$0 preview --shard 2/4 --json preview.json", "One job of a 4-way CI matrix"],
]);
