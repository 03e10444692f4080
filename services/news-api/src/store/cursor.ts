/**
 * Keyset cursor: the (published_at, id) of the last item of a page, opaque to clients (base64url
 * JSON). The timestamp keeps PostgreSQL's microseconds, so no row is skipped or repeated.
 */
export interface Cursor {
  /** UTC timestamp, microsecond precision: "2026-11-25T10:00:00.123456". */
  readonly publishedAt: string;
  readonly id: number;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString("base64url");
}

/** The cursor, or undefined when the text is not one this service issued. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [publishedAt, id] = value;
    if (typeof publishedAt !== "string" || !TIMESTAMP.test(publishedAt) || !Number.isInteger(id) || id < 1 || id > 2_147_483_647)
      return undefined;
    return { publishedAt, id };
  } catch {
    return undefined;
  }
}
