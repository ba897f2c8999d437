import { describe, expect, it } from 'vitest';
import { nextQueryDelayMs } from './backoff.js';
import { checkTransaction } from './transaction-check.js';
import { newOutTradeNo } from '../payments.service.js';

const facts = { mchid: '1900000001', appid: 'wxapp', outTradeNo: 'ZC1', amountFen: 29900 };
const tx = { mchid: '1900000001', appid: 'wxapp', out_trade_no: 'ZC1', trade_state: 'SUCCESS', amount: { total: 29900, currency: 'CNY' } };

describe('checkTransaction', () => {
  it('accepts a matching transaction', () => expect(checkTransaction(tx, facts)).toBeNull());
  it.each([
    ['mchid', { ...tx, mchid: '1900000002' }],
    ['appid', { ...tx, appid: 'wxother' }],
    ['out_trade_no', { ...tx, out_trade_no: 'ZC2' }],
    ['amount', { ...tx, amount: { total: 1 } }],
    ['amount', { ...tx, amount: undefined }],
    ['currency', { ...tx, amount: { total: 29900, currency: 'USD' } }],
  ])('refuses a wrong %s', (field, t) => expect(checkTransaction(t, facts)?.field).toBe(field));
});

describe('back-off', () => {
  it('is 1, 2, 5, 10, then 30 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((a) => nextQueryDelayMs(a) / 60_000)).toEqual([1, 2, 5, 10, 30, 30, 30]);
  });
});

describe('out_trade_no', () => {
  it('is 30 allowed characters, dated, and different every time', () => {
    const a = newOutTradeNo(new Date('2026-03-01T20:00:00Z'));
    expect(a).toMatch(/^ZC20260302[0-9A-Z]{20}$/);
    const many = new Set(Array.from({ length: 1000 }, () => newOutTradeNo(new Date())));
    expect(many.size).toBe(1000);
  });
});
