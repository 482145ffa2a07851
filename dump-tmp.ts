import { readFileSync } from "node:fs";
import { StackEvents } from "./src/automation/events/events.ts";
for (const f of process.argv.slice(2)) {
  const e = new StackEvents();
  for (const line of readFileSync(f, "utf8").split("\n")) if (line.trim() !== "") e.onEvent(JSON.parse(line));
  console.log("==", f);
  console.log(JSON.stringify(e.changedResources(), null, 1));
}
