/**
 * Asks `fn` until `ok` accepts its answer (every `intervalMs`), and returns that answer; throws with
 * the last answer after `timeoutMs`. For anything that settles asynchronously: a job, a health check
 * after boot or an outage, an event's effect.
 */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await fn();
  }
  return last;
}
