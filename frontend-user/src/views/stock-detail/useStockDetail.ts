import { computed, ref, shallowRef } from 'vue';
import type { ChainHeadDto, MarketBarsDto, MyStockSignalSummaryDto, MyTrackRecordDto, SignalDto } from '@zhice/shared';
import { getBars, getChainHead, getMyLatestSignal, getMyTrackRecord, listAllMySignals } from '@/api/signals';
import { ApiError, toApiError } from '@/api/errors';
import { dataKeys, takePrefetched } from '@/router/routeData';

/**
 * The stock detail page's state: summary (latest signal, strategy, freshness), bars, the signals
 * over the bars' range (chart markers), the track record (this stock and the strategy) and the chain head. A stock the
 * member does not hold ends in `notOwned` (the API answers 403 STOCK_NOT_OWNED).
 */
export function useStockDetail() {
  const summary = shallowRef<MyStockSignalSummaryDto | null>(null);
  const bars = shallowRef<MarketBarsDto | null>(null);
  const signals = shallowRef<SignalDto[]>([]);
  const trackRecord = shallowRef<MyTrackRecordDto | null>(null);
  const head = shallowRef<ChainHeadDto | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const notOwned = ref(false);
  let seq = 0;

  const synthetic = computed(() => bars.value?.synthetic === true || summary.value?.freshness.synthetic === true);
  const stale = computed(() => summary.value?.freshness.stale === true);

  async function load(tsCode: string): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    notOwned.value = false;
    try {
      const [s, b, h] = await Promise.all([
        takePrefetched(dataKeys.latestSignal(tsCode), () => getMyLatestSignal(tsCode)),
        takePrefetched(dataKeys.bars(tsCode), () => getBars(tsCode)),
        takePrefetched(dataKeys.chainHead, getChainHead),
      ]);
      if (mine !== seq) return;
      summary.value = s;
      bars.value = b;
      head.value = h;
      const first = b.items[0]?.tradeDate;
      const last = b.items[b.items.length - 1]?.tradeDate;
      const [sig, st] = await Promise.all([first && last ? listAllMySignals(tsCode, first, last) : Promise.resolve([]), getMyTrackRecord(tsCode)]);
      if (mine !== seq) return;
      signals.value = sig;
      trackRecord.value = st;
    } catch (e) {
      if (mine !== seq) return;
      const err = toApiError(e);
      if (err.code === 'STOCK_NOT_OWNED') notOwned.value = true;
      else error.value = err;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return { summary, bars, signals, head, loading, error, notOwned, synthetic, stale, trackRecord, load };
}
