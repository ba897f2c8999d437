import { describe, expect, it } from 'vitest';
import type { VipLevelAdmin } from '@zhice/shared';
import { formToUpdate, isLevelDirty, parsePriceFen, serverFieldErrors, toLevelForm, validateLevelForm } from './levelForm';

const vip1: VipLevelAdmin = {
  level: 1,
  name: 'VIP1',
  stockQuota: 10,
  priceFen: 29_900,
  enabled: true,
  description: '10 只股票',
  strategyId: 'cho',
  servedStrategyId: null,
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const free: VipLevelAdmin = { ...vip1, level: 0, name: '免费用户', stockQuota: 5, priceFen: 0 };
const svip: VipLevelAdmin = { ...vip1, level: 4, name: 'SVIP', stockQuota: null, priceFen: 199_900 };

describe('VIP level form: yuan ↔ fen and quota', () => {
  it('shows fen as yuan and null quota as the unlimited switch', () => {
    expect(toLevelForm(vip1)).toMatchObject({ priceYuan: '299.00', unlimited: false, stockQuota: 10 });
    expect(toLevelForm(svip)).toMatchObject({ priceYuan: '1999.00', unlimited: true, stockQuota: null });
    expect(toLevelForm({ ...vip1, priceFen: 5 }).priceYuan).toBe('0.05');
  });

  it('parses yuan text to integer fen without float error, refusing bad amounts', () => {
    expect(parsePriceFen('299')).toBe(29_900);
    expect(parsePriceFen(' 19.9 ')).toBe(1_990);
    expect(parsePriceFen('0.29')).toBe(29);
    expect(parsePriceFen('1.005')).toBeNull();
    expect(parsePriceFen('-1')).toBeNull();
    expect(parsePriceFen('abc')).toBeNull();
    expect(parsePriceFen('')).toBeNull();
  });

  it('sends only the changed fields, price in fen, unlimited as null', () => {
    const form = toLevelForm(vip1);
    expect(formToUpdate(vip1, form)).toEqual({});
    expect(isLevelDirty(vip1, form)).toBe(false);
    form.priceYuan = '299'; // same amount, other spelling
    expect(isLevelDirty(vip1, form)).toBe(false);
    form.priceYuan = '349.50';
    form.unlimited = true;
    form.name = ' VIP One ';
    expect(formToUpdate(vip1, form)).toEqual({ priceFen: 34_950, stockQuota: null, name: 'VIP One' });
    const back = toLevelForm(svip);
    back.unlimited = false;
    back.stockQuota = 200;
    expect(formToUpdate(svip, back)).toEqual({ stockQuota: 200 });
  });

  it('counts an unparsable price as a change (so it cannot be silently dropped)', () => {
    const form = toLevelForm(vip1);
    form.priceYuan = '12.345';
    expect(isLevelDirty(vip1, form)).toBe(true);
  });
});

describe('VIP level form: validation mirrors the server', () => {
  it('accepts the defaults', () => {
    expect(validateLevelForm(1, toLevelForm(vip1))).toEqual({});
    expect(validateLevelForm(0, toLevelForm(free))).toEqual({});
    expect(validateLevelForm(4, toLevelForm(svip))).toEqual({});
  });

  it('checks name, quota, price, description and strategy', () => {
    const form = {
      ...toLevelForm(vip1),
      name: '  ',
      stockQuota: 0,
      priceYuan: '1000000.01',
      description: 'x'.repeat(501),
      strategyId: 'Bad-Id',
    };
    const errors = validateLevelForm(1, form);
    expect(errors.name?.key).toBe('nameRequired');
    expect(errors.stockQuota).toEqual({ key: 'quotaRange', params: { min: 1, max: 100_000 } });
    expect(errors.priceYuan?.key).toBe('priceTooHigh');
    expect(errors.description?.key).toBe('descriptionTooLong');
    expect(errors.strategyId?.key).toBe('strategyFormat');
    expect(validateLevelForm(1, { ...toLevelForm(vip1), stockQuota: null }).stockQuota?.key).toBe('quotaRequired');
    expect(validateLevelForm(1, { ...toLevelForm(vip1), stockQuota: 2.5 }).stockQuota?.key).toBe('quotaRange');
    expect(validateLevelForm(1, { ...toLevelForm(vip1), priceYuan: '' }).priceYuan?.key).toBe('priceRequired');
    expect(validateLevelForm(1, { ...toLevelForm(vip1), priceYuan: '9.999' }).priceYuan?.key).toBe('priceFormat');
    expect(validateLevelForm(1, { ...toLevelForm(vip1), name: 'x'.repeat(33) }).name?.key).toBe('nameTooLong');
  });

  it('keeps level 0 enabled and free', () => {
    const form = { ...toLevelForm(free), enabled: false, priceYuan: '1' };
    expect(validateLevelForm(0, form)).toEqual({
      enabled: { key: 'freeLevelEnabled' },
      priceYuan: { key: 'freeLevelPrice' },
    });
    // other levels may be disabled or free
    expect(validateLevelForm(1, { ...toLevelForm(vip1), enabled: false, priceYuan: '0' })).toEqual({});
  });

  it('maps the server VALIDATION_FAILED details onto form fields', () => {
    const { fields, other } = serverFieldErrors([
      { field: 'priceFen', errors: ['level 0 is always enabled and free'] },
      { field: 'stockQuota', errors: ['stockQuota must not be less than 1', 'stockQuota must be an integer number'] },
      { field: 'colour', errors: ['property colour should not exist'] },
    ]);
    expect(fields).toEqual({
      priceYuan: 'level 0 is always enabled and free',
      stockQuota: 'stockQuota must not be less than 1; stockQuota must be an integer number',
    });
    expect(other).toEqual(['colour: property colour should not exist']);
    expect(serverFieldErrors(undefined)).toEqual({ fields: {}, other: [] });
  });
});
