/** A page cursor as the API hands it out: the store's last key, opaque to the client. */
export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Far beyond any key we hand out; DynamoDB refuses a key part over 1 KB (sort) or 2 KB (partition). */
const MAX_CURSOR_CHARS = 2048;
const MAX_KEY_PART_CHARS = 1024;

/**
 * The store's key from a cursor, or null when it is not one this API made: exactly the key parts
 * the index's pages have (`parts`), each a non-empty string. A hand-made cursor with a part
 * missing, one too many or an empty one would otherwise reach DynamoDB, which answers it with a
 * ValidationException: a 500 for what is the caller's mistake.
 */
export function decodeCursor(cursor: string, parts: readonly string[]): Record<string, string> | null {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[\w-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const keys = Object.keys(value);
    if (keys.length !== parts.length || !parts.every((part) => keys.includes(part))) return null;
    const valid = Object.values(value).every((part) => typeof part === 'string' && part.length > 0 && part.length <= MAX_KEY_PART_CHARS);
    return valid ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}
