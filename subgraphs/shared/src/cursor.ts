/**
 * Opaque cursors: a JSON tuple in base64url, so that clients pass them back
 * untouched and servers can change what is inside. Feeds and connections
 * both encode their positions this way.
 */
export function packCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The tuple inside a cursor, or null when the text is not one of ours. */
export function unpackCursor(cursor: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
