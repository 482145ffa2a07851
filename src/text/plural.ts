/** `1 stack`, `2 stacks`: for nouns whose plural takes an s. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
