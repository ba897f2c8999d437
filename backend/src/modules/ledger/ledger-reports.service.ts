import { Injectable, Logger } from '@nestjs/common';
import type { AgentWithBalanceDto, LedgerCheckDto, LedgerStatsDto, LedgerTransferDto, Paged, StatementDto, WithdrawalDto } from '@zhice/shared';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Gauge, register } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { AgentsService } from '../agents/agents.service.js';
import type { ListAgentsQueryDto } from '../agents/dto/agents.dto.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { fenNumber } from './domain/amounts.js';
import type { ListTransfersQueryDto, ListWithdrawalsQueryDto, StatementQueryDto, StatsQueryDto } from './dto/ledger.dto.js';
import { LedgerService } from './ledger.service.js';
import { LedgerReadStore, LedgerStore, type TransferListRow } from './ledger.store.js';

const DAY = 86_400_000;
const MAX_EXPORT_ROWS = 100_000;

/** prom-client refuses a second registration of a name: one gauge per process. */
function invariantGauge(): Gauge {
  const existing = register.getSingleMetric('zhice_ledger_invariant_ok');
  if (existing) return existing as Gauge;
  return new Gauge({ name: 'zhice_ledger_invariant_ok', help: '1 when the last quota-ledger invariant check passed, 0 when it failed' });
}

/** Lists, statements, stats, exports and the invariant check. Scoping through AgentsService. */
@Injectable()
export class LedgerReportsService {
  private readonly logger = new Logger('Ledger');
  private readonly gauge = invariantGauge();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly agents: AgentsService,
    private readonly audit: OperationLogService,
  ) {}

  /** Agents in scope with their balances (admin tree, an agent's sub-agents). */
  async agentsWithBalances(op: AuthUser, q: ListAgentsQueryDto): Promise<Paged<AgentWithBalanceDto>> {
    const page = await this.agents.list(op, q);
    const balances = await this.ledger.balancesOf(page.items.map((a) => a.id));
    return { ...page, items: page.items.map((a) => ({ ...a, ...(balances.get(a.id) ?? { availableFen: 0, frozenFen: 0 }) })) };
  }

  /** The account ids an agent route may see: the subtree of `agentId` (default: the caller's own). */
  private async scopeAccounts(op: AuthUser, agentId: string | undefined, m: EntityManager): Promise<string[] | null> {
    if (op.role === 'admin' && !agentId) return null;
    const root = agentId ?? op.id;
    await this.agents.assertInScope(op, root);
    if (agentId && op.role === 'admin') return LedgerReadStore.accountIdsOfUsers(m, [agentId]);
    return LedgerReadStore.accountIdsOfUsers(m, agentId ? [agentId] : await this.agents.subtreeIds(root));
  }

  async listTransfers(op: AuthUser, q: ListTransfersQueryDto): Promise<Paged<LedgerTransferDto>> {
    const m = this.dataSource.manager;
    let accountIds = await this.scopeAccounts(op, q.agentId, m);
    if (q.account) {
      if (op.role !== 'admin') throw AppException.forbidden('FORBIDDEN', 'Only admins see platform accounts');
      const a = await LedgerStore.accountByCode(m, q.account);
      accountIds = a ? [a.id] : [];
    }
    if (accountIds && accountIds.length === 0) return paged([], 0, q);
    const filter = { accountIds, type: q.type, status: q.status, hold: q.hold, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
    const { items, total } = await LedgerReadStore.listTransfers(m, filter, q.sort, q);
    return paged(items.map(toTransferDto), total, q);
  }

  async listWithdrawals(op: AuthUser, q: ListWithdrawalsQueryDto): Promise<Paged<WithdrawalDto>> {
    let agentIds: string[] | null = null;
    if (op.role !== 'admin' || q.agentId) {
      const root = q.agentId ?? op.id;
      await this.agents.assertInScope(op, root);
      agentIds = q.agentId && op.role === 'admin' ? [q.agentId] : await this.agents.subtreeIds(root);
    }
    const { items, total } = await LedgerReadStore.listWithdrawals(this.dataSource.manager, { agentIds, status: q.status }, q.sort, q);
    return paged(
      items.map((w) => ({
        ...w,
        amountFen: fenNumber(w.amountFen),
        status: w.status as WithdrawalDto['status'],
        decidedAt: w.decidedAt ? new Date(w.decidedAt).toISOString() : null,
        createdAt: new Date(w.createdAt).toISOString(),
      })),
      total,
      q,
    );
  }

  private period(q: { from?: string; to?: string }): { from: Date; to: Date } {
    const to = q.to ? new Date(q.to) : new Date(this.clock.now().getTime() + 1);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (from >= to) throw AppException.badRequest('VALIDATION_FAILED', 'from must be before to', [{ field: 'from', errors: ['must be before to'] }]);
    return { from, to };
  }

  /** Statement of one agent over [from, to): opening + entries = closing. */
  async statement(op: AuthUser, q: StatementQueryDto, all = false): Promise<StatementDto> {
    const agentId = q.agentId ?? op.id;
    await this.agents.assertInScope(op, agentId);
    if (!(await this.agents.isAgent(agentId))) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
    const { from, to } = this.period(q);
    const m = this.dataSource.manager;
    const acct = await LedgerStore.accountByCode(m, `agent:${agentId.toLowerCase()}`);
    if (!acct) return { openingFen: 0, closingFen: 0, items: [], total: 0, page: q.page, pageSize: q.pageSize };
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const opening = await LedgerReadStore.balanceBefore(tx, acct.id, from);
      const closing = await LedgerReadStore.balanceBefore(tx, acct.id, to);
      const { items, total } = await LedgerReadStore.statementItems(tx, acct.id, from, to, (q.page - 1) * q.pageSize, all ? MAX_EXPORT_ROWS : q.pageSize);
      return {
        openingFen: fenNumber(opening),
        closingFen: fenNumber(closing),
        items: items.map((i) => ({
          entryId: i.entryId,
          transferId: i.transferId,
          at: new Date(i.at).toISOString(),
          type: i.type,
          amountFen: fenNumber(i.amountFen),
          balanceFen: fenNumber(opening + BigInt(i.runFen)),
          counterparty: i.counterparty,
          note: i.note,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    });
  }

  async exportStatement(op: AuthUser, q: StatementQueryDto, res: Response): Promise<void> {
    const s = await this.statement(op, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS } as StatementQueryDto, true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('statement');
    ws.addRow(['时间 at', '类型 type', '金额(元) amount (yuan)', '余额(元) balance (yuan)', '对方 counterparty', '备注 note']);
    ws.addRow(['', 'opening', '', s.openingFen / 100, '', '']);
    for (const i of s.items) ws.addRow([i.at, i.type, i.amountFen / 100, i.balanceFen / 100, i.counterparty ?? '', i.note ?? '']);
    ws.addRow(['', 'closing', '', s.closingFen / 100, '', '']);
    res.status(200);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="statement.xlsx"');
    res.setHeader('Cache-Control', 'no-store');
    res.end(Buffer.from(await wb.xlsx.writeBuffer()));
  }

  async stats(op: AuthUser, q: StatsQueryDto): Promise<LedgerStatsDto> {
    const { from, to } = this.period(q);
    const m = this.dataSource.manager;
    let accountIds: string[] | null = null;
    if (op.role !== 'admin' || q.agentId) {
      const root = q.agentId ?? op.id;
      await this.agents.assertInScope(op, root);
      accountIds = await LedgerReadStore.accountIdsOfUsers(m, await this.agents.subtreeIds(root));
      if (!accountIds.length) return { days: [], byType: [] };
    }
    const rows = await LedgerReadStore.stats(m, accountIds, from, to);
    const days = rows.map((r) => ({ day: r.day, type: r.type, inFen: fenNumber(r.inFen), outFen: fenNumber(r.outFen), count: r.count }));
    const byType = new Map<string, { type: string; inFen: number; outFen: number; count: number }>();
    for (const d of days) {
      const t = byType.get(d.type) ?? { type: d.type, inFen: 0, outFen: 0, count: 0 };
      t.inFen += d.inFen;
      t.outFen += d.outFen;
      t.count += d.count;
      byType.set(d.type, t);
    }
    return { days, byType: [...byType.values()] };
  }

  async platformAccounts(): Promise<Array<{ kind: string; availableFen: number; frozenFen: number }>> {
    return (await LedgerReadStore.platformAccounts(this.dataSource.manager)).map((a) => ({ kind: a.kind, availableFen: fenNumber(a.availableFen), frozenFen: fenNumber(a.frozenFen) }));
  }

  /**
   * Every invariant over one consistent snapshot. A failure sets the metric to 0 and writes an
   * operation-log alert; the result is kept for the admin dashboard.
   */
  async check(): Promise<LedgerCheckDto> {
    const c = await this.dataSource.transaction('REPEATABLE READ', (m) => LedgerReadStore.invariants(m));
    const result: LedgerCheckDto = {
      ok: c.sumFen === '0' && c.negativeAccounts === 0 && c.frozenMismatches === 0 && c.balanceMismatches === 0 && c.badTransfers === 0,
      sumFen: fenNumber(c.sumFen),
      negativeAccounts: c.negativeAccounts,
      unresolvedPending: c.unresolvedPending,
      frozenMismatches: c.frozenMismatches,
      balanceMismatches: c.balanceMismatches,
      badTransfers: c.badTransfers,
      checkedAt: this.clock.now().toISOString(),
    };
    this.gauge.set(result.ok ? 1 : 0);
    await this.dataSource.transaction(async (m) => {
      await LedgerReadStore.insertCheck(m, new Date(result.checkedAt), result.ok, result);
      if (!result.ok) await this.audit.record({ operator: null, action: 'ledger.invariant_failed', targetType: 'ledger', targetId: 'check', after: result }, m);
    });
    if (!result.ok) this.logger.error(`ledger invariant check FAILED: ${JSON.stringify(result)}`);
    return result;
  }

  async latestCheck(): Promise<LedgerCheckDto | null> {
    return (await LedgerReadStore.latestCheck(this.dataSource.manager)) as LedgerCheckDto | null;
  }
}

function toTransferDto(r: TransferListRow): LedgerTransferDto {
  return { ...r, amountFen: fenNumber(r.amountFen), createdAt: new Date(r.createdAt).toISOString(), resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null };
}
