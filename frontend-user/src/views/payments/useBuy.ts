import { computed, onBeforeUnmount, ref } from 'vue';
import type { CreatedPaymentOrderDto, PaymentOrderDto, PaymentQuoteDto } from '@zhice/shared';
import QRCode from 'qrcode';
import { createOrder, getOrder, getQuote, simulatePay } from '@/api/payments';
import { useSessionStore } from '@/stores/session';
import { showError } from '@/utils/notify';
import { countdown, stepForStatus, type BuyStep } from './buyFlow';

const POLL_MS = 2000;

/** The buy dialog: confirm (quote + risk notice) → QR with countdown and polling → success / closed. */
export function useBuy() {
  const session = useSessionStore();
  const open = ref(false);
  const step = ref<BuyStep>('confirm');
  const level = ref<number | null>(null);
  const quote = ref<PaymentQuoteDto | null>(null);
  const quoteLoading = ref(false);
  const riskAck = ref(false);
  const submitting = ref(false);
  const order = ref<CreatedPaymentOrderDto | null>(null);
  const result = ref<PaymentOrderDto | null>(null);
  const qrDataUrl = ref('');
  const now = ref(Date.now());
  let poll: ReturnType<typeof setInterval> | null = null;
  let tick: ReturnType<typeof setInterval> | null = null;

  const timeLeft = computed(() => (order.value ? countdown(order.value.expiresAt, now.value) : ''));

  function stopTimers() {
    if (poll) clearInterval(poll);
    if (tick) clearInterval(tick);
    poll = tick = null;
  }

  async function start(lv: number) {
    stopTimers();
    level.value = lv;
    step.value = 'confirm';
    riskAck.value = false;
    order.value = null;
    result.value = null;
    quote.value = null;
    open.value = true;
    quoteLoading.value = true;
    try {
      quote.value = await getQuote(lv);
    } catch (e) {
      showError(e);
      open.value = false;
    } finally {
      quoteLoading.value = false;
    }
  }

  async function checkStatus() {
    if (!order.value) return;
    try {
      const o = await getOrder(order.value.outTradeNo);
      const next = stepForStatus(o.status, step.value);
      if (next !== step.value) {
        result.value = o;
        step.value = next;
        stopTimers();
        if (next === 'success') await session.fetchUser().catch(() => undefined);
      }
    } catch {
      /* a missed poll is retried on the next tick */
    }
  }

  async function pay() {
    if (level.value === null || !riskAck.value) return;
    submitting.value = true;
    try {
      order.value = await createOrder(level.value);
      qrDataUrl.value = await QRCode.toDataURL(order.value.codeUrl, { width: 220, margin: 1, errorCorrectionLevel: 'M' });
      step.value = 'qr';
      now.value = Date.now();
      tick = setInterval(() => (now.value = Date.now()), 1000);
      poll = setInterval(() => void checkStatus(), POLL_MS);
    } catch (e) {
      showError(e);
    } finally {
      submitting.value = false;
    }
  }

  async function simulate() {
    if (!order.value) return;
    try {
      await simulatePay(order.value.outTradeNo);
      await checkStatus();
    } catch (e) {
      showError(e);
    }
  }

  function close() {
    stopTimers();
    open.value = false;
  }

  onBeforeUnmount(stopTimers);
  return { open, step, level, quote, quoteLoading, riskAck, submitting, order, result, qrDataUrl, timeLeft, start, pay, simulate, close };
}
