/**
 * No string of the inventory, key or value, may hold a control character, a line break or a
 * bidirectional control (see src/text/characters.ts for why). Checked over the data as YAML
 * read it, before the schema, so that every field is covered, even ones the schema rejects or a
 * later version adds.
 */
import { describeChar, firstForbidden } from "../text/characters.ts";
import type { PathKey } from "./problems.ts";
import type { Report } from "./findings.ts";

const RULE = "forbidden-character";
const ALLOWED = "names and free text may hold no control characters, line breaks, bidirectional controls or invisible characters";

export function forbiddenCharacters(data: unknown, report: Report): void {
  // One path stack for the whole walk, copied only for a finding: fleets hold 100,000+ accounts.
  const path: PathKey[] = [];
  const walk = (node: unknown) => {
    if (typeof node === "string") {
      const bad = firstForbidden(node);
      if (bad !== undefined) report({ severity: "error", rule: RULE, path: [...path], message: `character ${bad.index + 1} of the value is ${describeChar(bad.char)}: ${ALLOWED}` });
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
    } else if (node !== null && typeof node === "object") {
      for (const key in node) {
        path.push(key);
        const bad = firstForbidden(key);
        if (bad !== undefined) report({ severity: "error", rule: RULE, path: [...path], atKey: true, message: `character ${bad.index + 1} of the key is ${describeChar(bad.char)}: ${ALLOWED}` });
        walk((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(data);
}
