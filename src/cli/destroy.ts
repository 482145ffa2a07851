import { fleetCommand } from "./fleet-op.ts";

export const destroyCommand = fleetCommand("destroy", "Destroy the named stacks only, each confirmed explicitly", [
  ["$0 destroy --partner acme --yes-destroy-partner acme", "Remove one partner's stack resources"],
]);
