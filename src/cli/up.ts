import { fleetCommand } from "./fleet-op.ts";

export const upCommand = fleetCommand("up", "Deploy every selected stack, the hub first", [
  ["$0 up --partner acme", "Onboard or update one partner"],
  ["$0 up --concurrency 8 --json up.json", "Bulk onboarding on a larger runner"],
]);
