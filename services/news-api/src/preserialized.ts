/**
 * A value that carries its own JSON text: the exact bytes its route's response schema would serialize
 * it to, built where that is cheaper. PostgreSQL builds a page's JSON: parsing rows × columns into
 * objects and serializing them again was most of a cache miss's own work. serveCached sends the text;
 * other callers use the value as usual.
 */
const JSON_TEXT = Symbol("preserialized JSON text");

export type Preserialized<T extends object> = T & { readonly [JSON_TEXT]: string };

/** `value` carrying `text`, which must be what the route's schema serializes `value` to. */
export function preserialized<T extends object>(value: T, text: string): Preserialized<T> {
  return Object.defineProperty(value, JSON_TEXT, { value: text, enumerable: false }) as Preserialized<T>;
}

/** The JSON text `value` carries, if any. */
export function jsonTextOf(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? (value as Partial<Preserialized<object>>)[JSON_TEXT] : undefined;
}
