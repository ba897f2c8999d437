import type { EmbeddedDatabase } from './embedded-postgres.js';

export interface EmbeddedWatchOptions {
  /** True once the app is shutting down: the watcher stops. */
  stopping: () => boolean;
  log: { log(line: string): void; warn(line: string): void; error(line: string): void };
  /** How often a running server is checked (ms). */
  checkEveryMs?: number;
  /** The first retry delay after a failed restart (ms), doubled up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Embedded mode: a PostgreSQL killed under the running app is started again, with back-off
 * (1 s, 2 s, 4 s … 30 s); meanwhile requests answer 503 DB_UNAVAILABLE (see the error filter).
 * Returns a function that stops watching.
 */
export function watchEmbedded(db: EmbeddedDatabase, opts: EmbeddedWatchOptions): () => void {
  const checkEvery = opts.checkEveryMs ?? 2000;
  const first = opts.firstDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const { log } = opts;
  let delay = first;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped || opts.stopping()) return;
    if (!db.running()) {
      log.warn(`embedded PostgreSQL is down: restarting it (next try in ${delay / 1000} s if this fails)`);
      try {
        await db.restart();
        log.log('embedded PostgreSQL is back');
        delay = first;
      } catch (e) {
        log.error(e instanceof Error ? e.message : String(e));
        delay = Math.min(delay * 2, max);
      }
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), db.running() ? checkEvery : delay);
    timer.unref();
  };
  timer = setTimeout(() => void tick(), checkEvery);
  timer.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
