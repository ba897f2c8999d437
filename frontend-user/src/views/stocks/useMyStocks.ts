import { computed, onBeforeUnmount, ref } from 'vue';
import type { LatestSignalDto, MyStockDto } from '@zhice/shared';
import { getMyFreshness } from '@/api/signals';
import { getMyStocks } from '@/api/stocks';
import { useAsync } from '@/composables/useAsync';
import { dataKeys, takePrefetched } from '@/router/routeData';

/** Phones get cards, wider screens a table. */
export const NARROW_QUERY = '(max-width: 639px)';

/** Element Plus tag type for a signal action. */
export function actionTagType(s: LatestSignalDto | null): 'danger' | 'success' | 'info' {
  // A-share convention: red = up / buy, green = down / sell.
  if (!s) return 'info';
  return s.action === 'BUY' ? 'danger' : s.action === 'SELL' ? 'success' : 'info';
}

export function formatScore(score: number): string {
  return (score > 0 ? '+' : '') + score.toFixed(2);
}

/** The latest day's change as shown: signed, two decimals, with a percent sign (`+1.23%`, `-0.50%`). */
export function formatChange(pct: number): string {
  return (pct > 0 ? '+' : '') + pct.toFixed(2) + '%';
}

/** Colour of a day change, the Chinese convention: red up, green down (class names in the view). */
export function changeClass(pct: number | null): 'up' | 'down' | 'flat' {
  if (pct === null || pct === 0) return 'flat';
  return pct > 0 ? 'up' : 'down';
}

export type StockSort = 'signal' | 'strength' | 'change' | 'code';
export const STOCK_SORTS: readonly StockSort[] = ['signal', 'strength', 'change', 'code'];

const ACTION_ORDER: Record<string, number> = { BUY: 0, HOLD: 1, SELL: 2 };

/** The list as shown: filtered by name or code (case-insensitive), then sorted. */
export function visibleStocks(items: readonly MyStockDto[], query: string, sort: StockSort): MyStockDto[] {
  const q = query.trim().toLowerCase();
  const rows = q ? items.filter((s) => s.name.toLowerCase().includes(q) || s.tsCode.toLowerCase().includes(q)) : [...items];
  const action = (s: MyStockDto) => (s.latestSignal ? (ACTION_ORDER[s.latestSignal.action] ?? 3) : 4);
  const score = (s: MyStockDto) => (s.latestSignal ? Math.abs(s.latestSignal.score) : -1);
  const byCode = (a: MyStockDto, b: MyStockDto) => a.tsCode.localeCompare(b.tsCode);
  if (sort === 'signal') rows.sort((a, b) => action(a) - action(b) || score(b) - score(a) || byCode(a, b));
  else if (sort === 'strength') rows.sort((a, b) => score(b) - score(a) || byCode(a, b));
  // Biggest gain first, biggest loss last; stocks without a change (no bars yet) after them all.
  else if (sort === 'change') rows.sort((a, b) => (a.changePct === null ? 1 : 0) - (b.changePct === null ? 1 : 0) || (b.changePct ?? 0) - (a.changePct ?? 0) || byCode(a, b));
  else rows.sort(byCode);
  return rows;
}

/** The newest signal date among the stocks: a stock whose latest signal is older is marked stale. */
export function newestSignalDate(items: readonly MyStockDto[]): string | null {
  return items.reduce<string | null>((max, s) => (s.latestSignal && (!max || s.latestSignal.tradeDate > max) ? s.latestSignal.tradeDate : max), null);
}

/** "My stocks" page state: the list (loading / error / empty) and whether to show cards. */
export function useMyStocks() {
  const stocks = useAsync(() => takePrefetched(dataKeys.myStocks, getMyStocks), { initialLoading: true, notify: false });
  // Which stocks still show synthetic demo bars: labelled 演示数据 in the list too, not only on the detail page.
  const freshness = useAsync(() => takePrefetched(dataKeys.myFreshness, getMyFreshness), { notify: false });
  const synthetic = computed(() => new Set((freshness.data.value?.items ?? []).filter((f) => f.synthetic).map((f) => f.tsCode)));
  const narrow = ref(false);
  let mql: MediaQueryList | null = null;
  const onChange = (e: MediaQueryListEvent | MediaQueryList) => {
    narrow.value = e.matches;
  };
  if (typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    mql = window.matchMedia(NARROW_QUERY);
    onChange(mql);
    mql.addEventListener?.('change', onChange);
  }
  onBeforeUnmount(() => mql?.removeEventListener?.('change', onChange));
  return {
    stocks,
    narrow,
    synthetic,
    load: () => {
      void freshness.run().catch(() => undefined);
      return stocks.run();
    },
  };
}
