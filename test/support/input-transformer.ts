/**
 * Renders an EventBridge input transformer against an event the way EventBridge documents it:
 * each `<key>` of the template becomes the value at its JSON path, strings unescaped. For
 * reading the messages an alert carries, not for matching.
 */
export interface Transformer {
  readonly inputPaths: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

function at(event: unknown, path: string): unknown {
  if (!path.startsWith("$.")) throw new Error(`only $.dot.paths are rendered, got ${path}`);
  return path
    .slice(2)
    .split(".")
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), event);
}

export function renderInputTemplate(transformer: Transformer, event: unknown): string {
  return transformer.inputTemplate.replace(/<([A-Za-z0-9_-]+)>/g, (placeholder, key: string) => {
    const path = transformer.inputPaths[key];
    if (path === undefined) throw new Error(`the template uses ${placeholder}, which inputPaths does not define`);
    const value = at(event, path);
    if (value === undefined) throw new Error(`the event has nothing at ${path} for ${placeholder}`);
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}
