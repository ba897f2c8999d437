const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|captcha(code)?|api[-_]?key/i;

/** Deep copy with secret-looking fields replaced, for logs and the operation log. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? '***' : maskSecrets(v);
    }
    return out as T;
  }
  return value;
}
