import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { MyTrackRecordDto, TrackRecordFiguresDto, TrackRecordVerdict } from '@zhice/shared';

import { i18n } from '@/locales';
import TrackRecordCard from './TrackRecordCard.vue';

function figures(count: number, hitRate: number | null, meanReturn: number | null, verdict: TrackRecordVerdict): TrackRecordFiguresDto {
  return {
    count,
    hits: hitRate === null ? 0 : Math.round(hitRate * count),
    hitRate,
    hitRateInterval: null,
    meanReturn,
    meanReturnInterval: meanReturn === null ? null : { low: meanReturn - 0.01, high: meanReturn + 0.01 },
    baseline: { count, hitRate: 0.5, meanReturn: 0.002 },
    verdict,
  };
}

const record = (stock: TrackRecordVerdict, strategy: TrackRecordVerdict): MyTrackRecordDto => ({
  tsCode: '600000.SH',
  strategyId: 'cho',
  minSamples: 10,
  windows: [1, 5, 10, 20].map((w) => ({
    window: w as 1 | 5 | 10 | 20,
    stock: w === 5 ? figures(20, 0.65, 0.0123, stock) : figures(20, 0.5, -0.004, 'too_few_samples'),
    strategy: w === 5 ? figures(300, 0.55, 0.003, strategy) : figures(300, 0.52, 0.001, 'too_few_samples'),
  })),
});

const mountCard = (r: MyTrackRecordDto | null, locale: 'zh-CN' | 'en') => {
  i18n.global.locale.value = locale;
  return mount(TrackRecordCard, { props: { record: r }, global: { plugins: [i18n] } });
};

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

describe('TrackRecordCard', () => {
  it('shows this stock and the strategy side by side: hit rate (count), average return with its interval, baseline', () => {
    const w = mountCard(record('better', 'no_better_than_random'), 'en');
    const row = w.find('[data-test="window-5"]');
    expect(row.findAll('[data-test="hit-rate"]').map((c) => c.text())).toEqual(['65.0% (20)', '55.0% (300)']);
    expect(row.findAll('[data-test="avg-return"]').map((c) => c.text())).toEqual(['+1.23%', '+0.30%']);
    expect(row.findAll('[data-test="avg-return-ci"]').map((c) => c.text())).toEqual(['+0.23% ~ +2.23%', '-0.70% ~ +1.30%']);
    expect(row.findAll('[data-test="baseline"]').map((c) => c.text())).toEqual(['50.0% / +0.20%', '50.0% / +0.20%']);
    expect(w.findAll('tbody tr')).toHaveLength(4);
    expect(w.find('thead').text()).toContain('This stock (600000.SH)');
    expect(w.find('thead').text()).toContain('Strategy overall (cho)');
    // the bars picture the hit rates: the 5-day group (second) is 65 / 55 / 50 % high
    const groups = w.findAll('[data-test="track-chart"] .group');
    expect(groups).toHaveLength(4);
    expect(groups[1]!.findAll('.bar').map((b) => (b.element as HTMLElement).style.height)).toEqual(['65%', '55%', '50%']);
  });

  it('one plain-language line from the 5-day verdicts, in English and Chinese', () => {
    const en = mountCard(record('no_better_than_random', 'better'), 'en');
    expect(en.find('[data-test="verdict"]').text()).toBe('Over 5 d — this stock: no better than random picks so far; the strategy overall: better than random picks so far.');
    const zh = mountCard(record('no_better_than_random', 'worse'), 'zh-CN');
    expect(zh.find('[data-test="verdict"]').text()).toBe('5 日：本股目前并不比随机选股好；策略整体不如随机选股。');
    const few = mountCard(record('too_few_samples', 'too_few_samples'), 'en');
    expect(few.find('[data-test="verdict"]').text()).toContain('this stock: too few signals to tell yet');
  });

  it('an empty state without any sample', () => {
    const none: MyTrackRecordDto = { ...record('too_few_samples', 'too_few_samples'), windows: [] };
    for (const r of [null, none]) {
      const w = mountCard(r, 'en');
      expect(w.find('[data-test="verdict"]').exists()).toBe(false);
      expect(w.find('table').exists()).toBe(false);
      expect(w.text()).toContain('Not enough samples yet');
    }
  });
});
