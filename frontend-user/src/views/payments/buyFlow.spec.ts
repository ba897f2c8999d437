import { describe, expect, it } from 'vitest';
import { countdown, stepForStatus } from './buyFlow';

describe('buy flow', () => {
  it('counts down in mm:ss and stops at zero', () => {
    const exp = '2026-03-02T04:00:00.000Z';
    expect(countdown(exp, Date.parse(exp) - 125_500)).toBe('02:05');
    expect(countdown(exp, Date.parse(exp) + 5000)).toBe('00:00');
  });
  it('moves to success when paid and to closed when closed', () => {
    expect(stepForStatus('pending', 'qr')).toBe('qr');
    expect(stepForStatus('paid', 'qr')).toBe('success');
    expect(stepForStatus('closed', 'qr')).toBe('closed');
  });
});
