import type { RouteLocationNormalized } from 'vue-router';
import { nextTask } from '@zhice/frontend-common/composables/nextTask';
import { getMyStocks } from '@/api/stocks';
import { getBars, getChainHead, getMyFreshness, getMyLatestSignal } from '@/api/signals';

/**
 * A page's first requests, started by the router's `beforeEach` — in parallel with the guard's `/me`
 * and the page's chunks — instead of from the view once it has mounted, which on a cold start came
 * after all of them (HTML → entry → `/me` + chunks → mount → data). The view takes its request with
 * `takePrefetched(key, load)`: the one started here if it is recent, otherwise a new one.
 * Only for a signed-in member. A prefetch nobody takes (the navigation was cancelled) is replaced by
 * the next one of its key and never handed out once older than 15 s.
 */
const MAX_AGE_MS = 15_000;
const pending = new Map<string, { at: number; promise: Promise<unknown> }>();

export function prefetchData(key: string, load: () => Promise<unknown>): void {
  const promise = load();
  promise.catch(() => undefined); // taken (and its error shown) by the view, or dropped
  pending.set(key, { at: Date.now(), promise });
}

/** `promise`'s outcome, settled in a later task than the caller's. */
function inNextTask<T>(promise: Promise<T>): Promise<T> {
  return promise.then(
    (value) => nextTask().then(() => value),
    (error: unknown) => nextTask().then(() => Promise.reject(error)),
  );
}

/**
 * The prefetched request for `key` (once), or `load()` when there is none or it is too old.
 * A prefetched answer is often in before the view mounts: it is handed over one task later, so the
 * page's first render (with its loading state) and the render of the data are two shorter tasks
 * instead of one long one on a slow phone.
 */
export function takePrefetched<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = pending.get(key);
  pending.delete(key);
  return hit && Date.now() - hit.at < MAX_AGE_MS ? inNextTask(hit.promise as Promise<T>) : load();
}

export const dataKeys = {
  myStocks: 'my-stocks',
  myFreshness: 'my-freshness',
  latestSignal: (tsCode: string) => `latest-signal:${tsCode}`,
  bars: (tsCode: string) => `bars:${tsCode}`,
  chainHead: 'chain-head',
};

/** Starts the requests the target page makes first (My stocks, a stock's page). */
export function prefetchRouteData(to: Pick<RouteLocationNormalized, 'name' | 'params'>): void {
  if (to.name === 'stocks') {
    prefetchData(dataKeys.myStocks, getMyStocks);
    prefetchData(dataKeys.myFreshness, getMyFreshness);
  } else if (to.name === 'stock-detail') {
    const tsCode = String(to.params.tsCode ?? '');
    if (!tsCode) return;
    prefetchData(dataKeys.latestSignal(tsCode), () => getMyLatestSignal(tsCode));
    prefetchData(dataKeys.bars(tsCode), () => getBars(tsCode));
    prefetchData(dataKeys.chainHead, getChainHead);
  }
}
