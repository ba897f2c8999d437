import type { DataSourceFailureKind } from '@zhice/shared';

const LATENCY_SAMPLES = 200;

export interface RecordedError {
  at: number;
  api: string;
  kind: DataSourceFailureKind;
  message: string;
}

export interface RecordedCheck {
  at: number;
  ok: boolean;
  latencyMs: number;
  error: string | null;
}

/** In-memory figures for one provider since process start (Prometheus keeps the long-term series). */
export class ProviderStats {
  calls = 0;
  failures = 0;
  rateLimited = 0;
  lastError: RecordedError | null = null;
  lastSuccessAt: number | null = null;
  lastCheck: RecordedCheck | null = null;
  private readonly latencies: number[] = [];
  private readonly recentOutcomes: boolean[] = [];

  constructor(private readonly recentWindow: number) {}

  recordSuccess(at: number, latencyMs: number): void {
    this.calls += 1;
    this.lastSuccessAt = at;
    this.pushBounded(this.latencies, latencyMs, LATENCY_SAMPLES);
    this.pushBounded(this.recentOutcomes, true, this.recentWindow);
  }

  recordFailure(error: RecordedError): void {
    this.calls += 1;
    this.lastError = error;
    if (error.kind === 'rate_limited') {
      // A quota answer says nothing about the source's health; it only means "later".
      this.rateLimited += 1;
      return;
    }
    this.failures += 1;
    this.pushBounded(this.recentOutcomes, false, this.recentWindow);
  }

  /** Median latency of recent successful calls, in ms. */
  p50LatencyMs(): number | null {
    if (this.latencies.length === 0) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    return Math.round(median * 10) / 10;
  }

  recentFailureRatio(): number {
    if (this.recentOutcomes.length === 0) return 0;
    return this.recentOutcomes.filter((ok) => !ok).length / this.recentOutcomes.length;
  }

  private pushBounded<T>(list: T[], value: T, max: number): void {
    list.push(value);
    if (list.length > max) list.splice(0, list.length - max);
  }
}
