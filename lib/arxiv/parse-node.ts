/**
 * Safe reads from a fast-xml-parser tree. Any element may turn up as a string, an object (when it
 * has attributes or children), an array (when repeated) or be missing, so nothing is assumed.
 */

/** An element with attributes or children. */
export type XmlNode = Record<string, unknown>;

export function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first of a repeated element (a second `<channel>` is ignored), or the element itself. */
export function one(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The child element `name` of `node` (possibly an array), or undefined. */
export function child(node: unknown, name: string): unknown {
  return isNode(node) && Object.hasOwn(node, name) ? node[name] : undefined;
}

/** Text content of an element: its own text, that of its first occurrence, or undefined. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) {
    const text = child(value, "#text");
    return typeof text === "string" ? text : text === undefined ? undefined : textOf(text);
  }
  return undefined;
}

/** Text of the child element `name`, or undefined. */
export function childText(node: unknown, name: string): string | undefined {
  return textOf(child(node, name));
}

/** Attribute `name` of an element (first occurrence if repeated), or undefined. */
export function attrOf(value: unknown, name: string): string | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  const attr = child(node, `@_${name}`);
  return typeof attr === "string" ? attr : undefined;
}

/** Zero, one or many occurrences of an element, as an array. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}
