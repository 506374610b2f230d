/** A page cursor as the API hands it out: the store's last key, opaque to the client. */
export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The store's key from a cursor, or null when it is not one this API made. */
export function decodeCursor(cursor: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return Object.values(value).every((part) => typeof part === 'string') ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}
