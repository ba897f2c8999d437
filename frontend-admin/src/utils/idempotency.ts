/**
 * A fresh idempotency key (32 hex chars) for one dialog: the server answers a repeated request
 * with the same key with the first result (a double click, a retry after a lost response).
 * getRandomValues works on plain-http origins too, unlike crypto.randomUUID.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
