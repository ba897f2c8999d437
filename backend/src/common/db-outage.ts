import { Logger } from '@nestjs/common';

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);

/** True for errors meaning "no database right now" (connection refused or lost, server shutting down). */
export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && DOWN_CODES.has(code)) return true;
  const msg = e?.message ?? '';
  return /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(msg);
}

export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * One line when the database goes away and one when it is back — instead of a dump per failed
 * client, queue poll and request. When PostgreSQL dies under the app, every pooled connection,
 * every BullMQ worker loop and every request fails with it; logged one by one this wrote hundreds
 * of MB and starved the event loop that had to bring the app back.
 *
 * `report()` returns true when the error meant "no database right now" (the caller then logs
 * nothing). The first such error starts a probe (`SELECT 1` every `probeEveryMs`) that closes the
 * outage with a summary line once the database answers again.
 */
export class DbOutageLog {
  private since: number | null = null;
  private suppressed = 0;
  private sources = new Set<string>();
  private probe: (() => Promise<unknown>) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly logger: OutageLogger,
    private readonly probeEveryMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How to check the database is back (the app's DataSource); without one the outage ends on `recovered()`. */
  setProbe(probe: (() => Promise<unknown>) | null): void {
    this.probe = probe;
  }

  get down(): boolean {
    return this.since !== null;
  }

  report(source: string, err: unknown): boolean {
    if (!isDatabaseDown(err)) return false;
    this.sources.add(source);
    if (this.since !== null) {
      this.suppressed++;
      return true;
    }
    this.since = this.now();
    const e = err as { code?: string; message?: string };
    this.logger.warn(`database unavailable (${source}: ${e?.code ?? e?.message ?? String(err)}); requests answer 503 DB_UNAVAILABLE and queues wait until it is back`);
    this.schedule();
    return true;
  }

  /** The database answered again: close the outage with one summary line. */
  recovered(): void {
    if (this.since === null) return;
    const seconds = ((this.now() - this.since) / 1000).toFixed(1);
    this.logger.log(`database back after ${seconds} s (${this.suppressed} further errors while it was down, from ${[...this.sources].sort().join(', ')})`);
    this.since = null;
    this.suppressed = 0;
    this.sources.clear();
    this.stop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.probe || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const probe = this.probe;
      if (!probe || this.since === null) return;
      probe().then(
        () => this.recovered(),
        () => this.schedule(),
      );
    }, this.probeEveryMs);
    this.timer.unref();
  }
}

/** The process-wide outage log (the uncaught-exception handler in main.ts uses it before Nest exists). */
export const dbOutage = new DbOutageLog(new Logger('Database'));

/**
 * Non-database errors from a source that may repeat them in a loop (a queue worker): the same
 * message at most once per `everyMs`, as one line.
 */
export class RepeatLimiter {
  private last = new Map<string, number>();
  constructor(
    private readonly everyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  shouldLog(key: string): boolean {
    const t = this.now();
    const prev = this.last.get(key);
    if (prev !== undefined && t - prev < this.everyMs) return false;
    if (this.last.size > 1000) this.last.clear();
    this.last.set(key, t);
    return true;
  }
}
