/**
 * Values in POSIX shell scripts payerfleet writes. Single quotes make everything literal except
 * the single quote itself, which is closed, escaped and reopened: a value so quoted is one
 * word, whatever it holds, line breaks included.
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
