import { describe, expect, it, vi } from 'vitest';
import { ApiError, ClientErrorCode } from '../api/errors';
import type { Translate } from '../locales';
import { mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { createNotify, useNotify } from './notify';

const t: Translate = (key) => `<${key}>`;

describe('createNotify', () => {
  it('describes failures: the server message, or translated texts for network trouble', () => {
    const { describeError } = createNotify(t, vi.fn());
    expect(describeError(new ApiError(409, 'CONFLICT', 'name taken'))).toBe('name taken');
    expect(describeError(new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'Network Error'))).toBe('<errors.network>');
    expect(describeError(new ApiError(0, ClientErrorCode.TIMEOUT, 'timeout of 30000ms exceeded'))).toBe('<errors.timeout>');
    expect(describeError(new ApiError(500, 'INTERNAL_ERROR', ''))).toBe('<errors.unknown>');
    // anything else is normalised first
    expect(describeError(new Error('boom'))).toBe('boom');
  });

  it('showError toasts an error (grouped, closable); cancelled requests stay silent', () => {
    const toast = vi.fn();
    const { showError } = createNotify(t, toast);
    showError(new ApiError(0, ClientErrorCode.CANCELED, 'canceled'));
    expect(toast).not.toHaveBeenCalled();
    showError(new ApiError(403, 'FORBIDDEN', 'not yours'));
    expect(toast).toHaveBeenCalledWith({ type: 'error', message: 'not yours', grouping: true, showClose: true });
  });

  it('showSuccess toasts a grouped success message', () => {
    const toast = vi.fn();
    createNotify(t, toast).showSuccess('saved');
    expect(toast).toHaveBeenCalledWith({ type: 'success', message: 'saved', grouping: true });
  });
});

describe('useNotify', () => {
  it('needs the toast startSpa provides (startSpa.spec shows it wired)', () => {
    const Orphan = defineComponent({ setup: () => void useNotify(), render: () => null });
    expect(() => mount(Orphan)).toThrow(/no toast provided/);
  });
});
