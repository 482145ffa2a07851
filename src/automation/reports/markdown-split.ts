/**
 * Packs Markdown blocks into parts under GitHub's comment limit (65,536 characters). Each part
 * starts with its own heading (`... (part 2 of 3)`) and holds whole blocks only, so every part
 * is valid Markdown on its own: no `<details>` or code fence is ever cut. A block too large for
 * any part is shrunk by its own `shrink`, which says what it left out.
 */

/** GitHub's limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** A part's most: GitHub's limit, less room for the marker `payerfleet comment` puts first. */
export const PART_LIMIT = GITHUB_COMMENT_LIMIT - 512;

export interface Block {
  readonly text: string;
  /** A version of the block of at most `budget` characters. */
  readonly shrink?: (budget: number) => string;
}

function heading(title: string, part: number, parts: number): string {
  return parts === 1 ? `## ${title}\n\n` : `## ${title} (part ${part} of ${parts})\n\n`;
}

/** The parts, each at most `limit` characters (JavaScript string length, which over-counts emoji). */
export function splitMarkdown(title: string, blocks: readonly Block[], limit = PART_LIMIT): string[] {
  // Room for the longest heading any part could get.
  const reserve = heading(title, 99_999, 99_999).length + 1;
  const budget = limit - reserve;
  if (budget < 1000) throw new Error(`the Markdown limit ${limit} leaves no room for content`);
  const bodies: string[][] = [];
  let current: string[] = [];
  let size = 0;
  const sep = "\n\n";
  for (const block of blocks) {
    let text = block.text;
    if (text.length > budget) {
      const note = "\n\n_(cut to fit a comment)_";
      text = block.shrink ? block.shrink(budget) : `${text.slice(0, budget - note.length)}${note}`;
      if (text.length > budget) throw new Error("a Markdown block could not be shrunk to fit a comment");
    }
    const added = (current.length > 0 ? sep.length : 0) + text.length;
    if (current.length > 0 && size + added > budget) {
      bodies.push(current);
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? sep.length : 0) + text.length;
    current.push(text);
  }
  if (current.length > 0 || bodies.length === 0) bodies.push(current);
  return bodies.map((body, i) => `${heading(title, i + 1, bodies.length)}${body.join(sep)}\n`);
}
