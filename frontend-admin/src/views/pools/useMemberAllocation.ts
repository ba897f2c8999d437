import { reactive, ref } from 'vue';
import type { DrawDto, DrawReplayDto, RerollResultDto } from '@zhice/shared';
import { getMemberAllocations, listDraws, replayDraw, rerollMember } from '@/api/pools';
import { toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { usePagedTable } from '@/composables/usePagedTable';
import { newIdempotencyKey } from '@/utils/idempotency';
import { showError } from '@/utils/notify';

/** One member's allocation page: summary and holdings, re-roll, draws with replay checks. */
export function useMemberAllocation(userId: () => string) {
  const summary = useAsync(() => getMemberAllocations(userId()), { initialLoading: true });
  const draws = usePagedTable<DrawDto, Record<string, never>>(({ page, pageSize }) => listDraws({ userId: userId(), page, pageSize }), { filters: () => ({}), pageSize: 10, syncUrl: false });
  const rerolling = ref(false);
  /** drawId → replay outcome (or 'running'). */
  const replays = reactive(new Map<string, DrawReplayDto | 'running'>());

  async function load(): Promise<void> {
    await Promise.all([summary.run(), draws.load()]);
  }

  /** One key per confirmed dialog (the caller passes it; a retry of the same dialog re-rolls once). */
  async function reroll(idempotencyKey: string = newIdempotencyKey()): Promise<RerollResultDto | null> {
    if (rerolling.value) return null;
    rerolling.value = true;
    try {
      const r = await rerollMember(userId(), idempotencyKey);
      await load();
      return r;
    } catch (e) {
      showError(toApiError(e));
      return null;
    } finally {
      rerolling.value = false;
    }
  }

  async function replay(drawId: string): Promise<DrawReplayDto | null> {
    replays.set(drawId, 'running');
    try {
      const r = await replayDraw(drawId);
      replays.set(drawId, r);
      return r;
    } catch (e) {
      replays.delete(drawId);
      showError(e);
      return null;
    }
  }

  return { summary, draws, rerolling, replays, load, reroll, replay };
}
