import { TransientProviderError } from './provider-errors.js';

export interface HttpAnswer {
  status: number;
  body: string;
}

interface HttpRequest {
  provider: string;
  api: string;
  url: string;
  init: RequestInit;
  /** Caller's signal (the manager's timeout). */
  signal: AbortSignal | undefined;
  /** The provider's own last-resort timeout, for callers that pass no signal. */
  timeoutMs: number;
}

/**
 * One HTTP exchange with every transport failure — refused, reset mid-body, aborted, timed out —
 * turned into a TransientProviderError. The status and body are returned untouched for the protocol
 * code to judge.
 */
export async function sendHttp(request: HttpRequest): Promise<HttpAnswer> {
  const ownTimeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, ownTimeout]) : ownTimeout;
  try {
    const response = await fetch(request.url, { ...request.init, signal });
    const body = await response.text();
    return { status: response.status, body };
  } catch (error) {
    const timedOut = signal.aborted;
    throw new TransientProviderError({
      provider: request.provider,
      api: request.api,
      reason: timedOut ? 'timeout' : 'network',
      message: timedOut ? `${request.api}: request aborted or timed out` : `${request.api}: ${describeNetworkError(error)}`,
      cause: error,
    });
  }
}

/** undici hides the socket error (ECONNRESET, ECONNREFUSED) in `cause`; surface it for the logs. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const detail = typeof cause?.message === 'string' ? cause.message : undefined;
  return [error.message, code, detail].filter(Boolean).join(': ');
}

/** First characters of a body for error messages and logs. */
export function sampleOf(body: string, length = 200): string {
  return body.length > length ? `${body.slice(0, length)}…` : body;
}
