import { computed, onBeforeUnmount, ref } from 'vue';
import type { LatestSignalDto } from '@zhice/shared';
import { getMyFreshness } from '@/api/signals';
import { getMyStocks } from '@/api/stocks';
import { useAsync } from '@/composables/useAsync';

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

/** "My stocks" page state: the list (loading / error / empty) and whether to show cards. */
export function useMyStocks() {
  const stocks = useAsync(() => getMyStocks(), { initialLoading: true, notify: false });
  // Which stocks still show synthetic demo bars: labelled 演示数据 in the list too, not only on the detail page.
  const freshness = useAsync(() => getMyFreshness(), { notify: false });
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
