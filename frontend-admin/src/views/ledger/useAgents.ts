import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AgentWithBalanceDto } from '@zhice/shared';
import { createAgent, createSubAgent, listAgentsWithBalances, moveAgent, recharge, setSubAgentStatus, transfer } from '@/api/ledger';
import { usePagedTable } from '@/composables/usePagedTable';
import { useSessionStore } from '@/stores/session';
import { showError, showSuccess } from '@/utils/notify';
import { toApiError } from '@/api/errors';
import { useMoneyForm } from './useMoneyForm';

/** Agents with balances: admins see the whole tree, agents their descendants. */
export function useAgents() {
  const { t } = useI18n();
  const session = useSessionStore();
  const isAdmin = computed(() => session.role === 'admin');
  const table = usePagedTable<AgentWithBalanceDto, { q: string }>(({ q, page, pageSize, sort }) => listAgentsWithBalances({ q: q.trim(), page, pageSize, sort }), {
    filters: () => ({ q: '' }),
    pageSize: 50,
  });

  const createOpen = ref(false);
  const creating = ref(false);
  const createForm = reactive({ username: '', password: '', email: '', parentId: '' });
  function beginCreate(): void {
    Object.assign(createForm, { username: '', password: '', email: '', parentId: '' });
    createOpen.value = true;
  }
  async function submitCreate(): Promise<void> {
    creating.value = true;
    try {
      const body = { username: createForm.username.trim(), password: createForm.password, email: createForm.email.trim() || undefined };
      if (isAdmin.value) await createAgent({ ...body, parentId: createForm.parentId || undefined });
      else await createSubAgent(body);
      createOpen.value = false;
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    } finally {
      creating.value = false;
    }
  }

  /** Admin: recharge from the system issuer; agent: give quota to a sub-agent (a transfer). */
  const money = useMoneyForm();
  const target = ref<AgentWithBalanceDto | null>(null);
  const reason = ref('');
  function beginMoney(a: AgentWithBalanceDto): void {
    target.value = a;
    reason.value = '';
    money.begin();
  }
  async function submitMoney(): Promise<void> {
    const a = target.value;
    if (!a) return;
    const action = isAdmin.value ? t('ledger.agents.recharge') : t('ledger.agents.transfer');
    if (!(await money.confirm(t, action, ` → ${a.username}`))) return;
    try {
      const r = await money.submit((amountFen, idempotencyKey) =>
        isAdmin.value ? recharge({ agentId: a.id, amountFen, reason: reason.value.trim() || action, idempotencyKey }) : transfer({ toUsername: a.username, amountFen, idempotencyKey, note: reason.value.trim() || undefined }),
      );
      if (r?.held) showSuccess(t('ledger.held'));
      else showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  async function toggle(a: AgentWithBalanceDto): Promise<void> {
    try {
      await setSubAgentStatus(a.id, a.status === 'active' ? 'disabled' : 'active');
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  const moveOpen = ref(false);
  const moveTarget = ref<AgentWithBalanceDto | null>(null);
  const moveParent = ref('');
  function beginMove(a: AgentWithBalanceDto): void {
    moveTarget.value = a;
    moveParent.value = a.parentId ?? '';
    moveOpen.value = true;
  }
  async function submitMove(): Promise<void> {
    if (!moveTarget.value) return;
    try {
      await moveAgent(moveTarget.value.id, moveParent.value || null);
      moveOpen.value = false;
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  return { isAdmin, table, createOpen, creating, createForm, beginCreate, submitCreate, money, target, reason, beginMoney, submitMoney, toggle, moveOpen, moveTarget, moveParent, beginMove, submitMove };
}
