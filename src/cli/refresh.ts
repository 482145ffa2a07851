import { fleetCommand } from "./fleet-op.ts";

export const refreshCommand = fleetCommand("refresh", "Read every selected stack's resources back from AWS: drift", [
  ["$0 refresh --preview-only --expect-no-changes --markdown drift.md", "Scheduled drift check: exit 1 on any drift, state untouched"],
]);
