import { createHash, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CardBatch, CardBatchCreated, CardBatchVoided, CardPriceEntry, CardPriceQuote, Paged } from '@zhice/shared';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { isUniqueViolation } from '../../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { QUEUES } from '../jobs/queues.js';
import { AgentsService } from '../agents/agents.service.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { LedgerService, type TransferResult } from '../ledger/ledger.service.js';
import { VipService } from '../vip/vip.service.js';
import { CardKeysStore, type BatchRow } from './card-keys.store.js';
import { formatCode, generateCodes } from './domain/card-code.js';
import { csvLine, ExportChecksum } from './domain/export-format.js';
import { CardKeyCrypto } from './domain/key-crypto.js';
import { XlsxStreamWriter } from './domain/xlsx-stream.js';
import { batchCost, defaultAgentPrice, projectRetailFen, vipRetailFen } from './domain/pricing.js';
import type { CreateCardBatchDto, ListCardBatchesQueryDto, PriceQuoteQueryDto, SetCardPriceDto } from './dto/card-keys.dto.js';

/** Batches up to this size are generated in the request's transaction; larger ones in a background job. */
export const INLINE_BATCH_MAX = 1000;
export const GENERATE_CHUNK = 2000;
export const CARD_BATCH_JOB = 'card-keys.generate';
const EXPORT_PAGE = 5000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type PriceSpec = { kind: 'vip'; level: number; months: number } | { kind: 'project'; projectId: string; durationDays: number };

export function scopeKey(s: PriceSpec): string {
  return s.kind === 'vip' ? `vip:${s.level}:${s.months}` : `project:${s.projectId}:${s.durationDays}`;
}

/**
 * Prices, batches (generation inline or as a job), export and void. Every quota movement is one
 * ledger transfer in the same transaction as the batch change, with an idempotency key derived
 * from the batch, and an operation-log entry.
 */
@Injectable()
export class CardBatchesService {
  private readonly logger = new Logger('CardKeys');
  readonly crypto: CardKeyCrypto;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly clock: Clock,
    private readonly audit: OperationLogService,
    private readonly ledger: LedgerService,
    private readonly agents: AgentsService,
    private readonly vip: VipService,
    private readonly jobs: JobsService,
    @InjectQueue(QUEUES.cardKeys) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.crypto = new CardKeyCrypto(config.dataSecretKey);
  }

  // ---------- prices ----------
  async priceFor(m: EntityManager, spec: PriceSpec): Promise<{ unitPriceFen: bigint; retailFen: number; isDefault: boolean }> {
    const set = await this.store.priceByScope(m, scopeKey(spec));
    const retailFen = await this.retailFor(m, spec);
    if (set !== null) return { unitPriceFen: set, retailFen, isDefault: false };
    const { defaultDiscountPct } = await this.store.settings(m);
    return { unitPriceFen: BigInt(defaultAgentPrice(retailFen, defaultDiscountPct / 100)), retailFen, isDefault: true };
  }

  private async retailFor(m: EntityManager, spec: PriceSpec): Promise<number> {
    if (spec.kind === 'vip') {
      const level = (await this.vip.listLevels()).find((l) => l.level === spec.level);
      if (!level || spec.level === 0) throw AppException.badRequest('VIP_LEVEL_NOT_FOUND', `VIP level ${spec.level} does not exist`);
      if (!level.enabled) throw AppException.badRequest('VIP_LEVEL_DISABLED', `VIP level ${spec.level} is disabled`);
      return vipRetailFen(level.priceFen, spec.months);
    }
    const project = await this.store.project(m, spec.projectId);
    if (!project) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
    return projectRetailFen(Number(project.retailFenPer30d), spec.durationDays);
  }

  async quote(principal: AuthUser, q: PriceQuoteQueryDto): Promise<CardPriceQuote> {
    const spec = specOf(q);
    const p = await this.priceFor(this.dataSource.manager, spec);
    return { unitPriceFen: Number(p.unitPriceFen), costFen: Number(batchCost(q.count, Number(p.unitPriceFen))), retailFen: p.retailFen, isDefault: p.isDefault };
  }

  /** The admin's price table: every VIP level × common terms and every project × common durations, plus any set row. */
  async listPrices(): Promise<CardPriceEntry[]> {
    const m = this.dataSource.manager;
    const set = await this.store.allPrices(m);
    const levels = (await this.vip.listLevels()).filter((l) => l.level > 0);
    const projects = (await this.store.listProjects(m, {}, { page: 1, pageSize: 1000 }, 'name:asc')).rows;
    const specs = new Map<string, PriceSpec>();
    for (const l of levels) for (const months of [1, 3, 6, 12]) specs.set(`vip:${l.level}:${months}`, { kind: 'vip', level: l.level, months });
    for (const p of projects) for (const d of [30, 90, 365, 0]) specs.set(`project:${p.id}:${d}`, { kind: 'project', projectId: p.id, durationDays: d });
    for (const s of set) {
      if (s.kind === 'vip' && s.level !== null && s.months !== null) specs.set(s.scopeKey, { kind: 'vip', level: s.level, months: s.months });
      if (s.kind === 'project' && s.projectId && s.durationDays !== null) specs.set(s.scopeKey, { kind: 'project', projectId: s.projectId, durationDays: s.durationDays });
    }
    const names = new Map(projects.map((p) => [p.id, p.name]));
    const out: CardPriceEntry[] = [];
    for (const spec of specs.values()) {
      if (spec.kind === 'vip' && !levels.some((l) => l.level === spec.level && l.enabled)) continue;
      if (spec.kind === 'project' && !names.has(spec.projectId)) continue;
      const p = await this.priceFor(m, spec);
      out.push({
        kind: spec.kind,
        level: spec.kind === 'vip' ? spec.level : null,
        months: spec.kind === 'vip' ? spec.months : null,
        projectId: spec.kind === 'project' ? spec.projectId : null,
        projectName: spec.kind === 'project' ? (names.get(spec.projectId) ?? null) : null,
        durationDays: spec.kind === 'project' ? spec.durationDays : null,
        priceFen: Number(p.unitPriceFen),
        retailFen: p.retailFen,
        isDefault: p.isDefault,
      });
    }
    return out;
  }

  async setPrice(dto: SetCardPriceDto, operator: AuthUser, ip: string | null): Promise<CardPriceEntry[]> {
    const spec = specOf(dto);
    await this.dataSource.transaction(async (m) => {
      await this.retailFor(m, spec); // the level / project must exist
      const key = scopeKey(spec);
      let before: bigint | null;
      if (dto.priceFen === null) {
        before = await this.store.priceByScope(m, key);
        await this.store.deletePrice(m, key);
      } else {
        before = await this.store.upsertPrice(m, {
          scopeKey: key,
          kind: spec.kind,
          level: spec.kind === 'vip' ? spec.level : null,
          months: spec.kind === 'vip' ? spec.months : null,
          projectId: spec.kind === 'project' ? spec.projectId : null,
          durationDays: spec.kind === 'project' ? spec.durationDays : null,
          priceFen: BigInt(dto.priceFen),
        });
      }
      await this.audit.record({ operator, action: 'card_price.set', targetType: 'card_price', targetId: key, before: { priceFen: before === null ? null : Number(before) }, after: { priceFen: dto.priceFen }, ip }, m);
    });
    return this.listPrices();
  }

  // ---------- batches ----------
  async create(principal: AuthUser, dto: CreateCardBatchDto, ip: string | null): Promise<CardBatchCreated> {
    if (principal.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents generate card keys (from their quota)');
    const spec = specOf(dto);
    const now = this.clock.now();
    const redeemBy = dto.redeemBy ? new Date(dto.redeemBy) : null;
    if (redeemBy && redeemBy <= now) throw AppException.badRequest('CARD_BATCH_INVALID', 'redeemBy must be in the future', [{ field: 'redeemBy', errors: ['must be in the future'] }]);
    const requestHash = createHash('sha256')
      .update(JSON.stringify([spec, dto.count, dto.note ?? '', redeemBy?.toISOString() ?? null]))
      .digest('hex');
    if (dto.idempotencyKey) {
      const prior = await this.store.batchByIdempotencyKey(this.dataSource.manager, principal.id, dto.idempotencyKey);
      if (prior) return this.replay(prior, requestHash);
    }
    const id = randomUUID();
    const inline = dto.count <= INLINE_BATCH_MAX;
    let posted: TransferResult[] = [];
    let jobRecord: { id: string; kind: string; params: Record<string, unknown> } | null = null;
    try {
      await this.dataSource.transaction(async (m) => {
        if (spec.kind === 'project') {
          const project = await this.store.project(m, spec.projectId);
          if (!project) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
          if (!project.enabled) throw AppException.conflict('CARD_PROJECT_DISABLED', 'The project is disabled');
          if (!(await this.store.activeAuthorization(m, spec.projectId, principal.id, now))) {
            throw AppException.forbidden('CARD_PROJECT_NOT_AUTHORIZED', 'Not authorised for this project');
          }
        }
        const price = await this.priceFor(m, spec);
        let cost: bigint;
        try {
          cost = batchCost(dto.count, Number(price.unitPriceFen));
        } catch {
          throw AppException.badRequest('CARD_BATCH_INVALID', 'The batch cost is too large');
        }
        if (!inline) jobRecord = await this.jobs.create(CARD_BATCH_JOB, { batchId: id }, principal.id, { manager: m });
        await this.store.insertBatch(m, {
          id,
          ownerId: principal.id,
          kind: spec.kind,
          level: spec.kind === 'vip' ? spec.level : null,
          months: spec.kind === 'vip' ? spec.months : null,
          projectId: spec.kind === 'project' ? spec.projectId : null,
          durationDays: spec.kind === 'project' ? spec.durationDays : null,
          count: dto.count,
          unitPriceFen: price.unitPriceFen,
          costFen: cost,
          status: inline ? 'ready' : 'generating',
          redeemBy,
          note: dto.note ?? '',
          idempotencyKey: dto.idempotencyKey ?? null,
          requestHash,
          jobId: jobRecord?.id ?? null,
          createdAt: now,
        });
        if (cost > 0n) {
          const t = await this.ledger.postIn(m, {
            from: { kind: 'agent', userId: principal.id },
            to: { kind: 'card_sales' },
            amountFen: cost,
            type: 'card_purchase',
            idempotencyKey: `cardkeys:batch:${id}`,
            reference: id,
            note: `card batch ${dto.count} × ${price.unitPriceFen}`,
            operatorId: principal.id,
          });
          posted = [t];
          await this.store.setBatchTransfer(m, id, t.id);
        }
        if (inline) {
          await this.generateInto(m, id, 0, dto.count);
          await this.store.setBatchProgress(m, id, dto.count);
        }
        await this.audit.record(
          { operator: principal, action: 'card_batch.create', targetType: 'card_batch', targetId: id, after: { ...spec, count: dto.count, unitPriceFen: Number(price.unitPriceFen), costFen: Number(cost), redeemBy: redeemBy?.toISOString() ?? null }, ip },
          m,
        );
      });
    } catch (e) {
      // Two requests with one idempotency key: the unique index lets one through; the other answers it.
      if (dto.idempotencyKey && isUniqueViolation(e)) {
        const prior = await this.store.batchByIdempotencyKey(this.dataSource.manager, principal.id, dto.idempotencyKey);
        if (prior) return this.replay(prior, requestHash);
      }
      throw e;
    }
    this.ledger.publishAfterCommit(posted);
    if (jobRecord) await this.jobs.submit(this.queue, jobRecord, { attempts: 5 });
    const b = (await this.store.batch(this.dataSource.manager, id))!;
    return { id, count: b.count, costFen: Number(b.costFen), status: b.status, jobId: b.jobId };
  }

  private replay(prior: BatchRow, requestHash: string): CardBatchCreated {
    if (prior.requestHash !== requestHash) throw AppException.conflict('IDEMPOTENCY_KEY_REUSED', 'The idempotency key was used for a different request');
    return { id: prior.id, count: prior.count, costFen: Number(prior.costFen), status: prior.status, jobId: prior.jobId };
  }

  /** Writes keys seq (from, from + n] for the batch; lookup-hash collisions are redrawn. */
  private async generateInto(m: EntityManager, batchId: string, from: number, n: number): Promise<void> {
    let pending = Array.from({ length: n }, (_, i) => from + i + 1);
    for (let round = 0; pending.length > 0; round++) {
      if (round > 5) throw new Error('card key generation: repeated collisions');
      const codes = generateCodes(pending.length);
      const sealed = this.crypto.sealMany(codes);
      const rows = pending.map((seq, i) => {
        const code = codes[i]!;
        return { seq, lookup: this.crypto.lookup(code), sealed: sealed[i]!, last4: code.slice(12) };
      });
      const written = await this.store.insertKeys(m, batchId, rows);
      pending = pending.filter((s) => !written.has(s));
      // a seq that exists already (a resumed job) is done; the rest were lookup-hash collisions
      if (pending.length) {
        const existing = await this.store.existingSeqs(m, batchId, pending);
        pending = pending.filter((s) => !existing.has(s));
      }
    }
  }

  /** The background job: resumable (continues after the last written key), progress in job_records. */
  async runGeneration(batchId: string, jobId: string): Promise<{ generated: number }> {
    const batch = await this.store.batch(this.dataSource.manager, batchId);
    if (!batch) throw new Error(`batch ${batchId} not found`);
    await this.jobs.start(jobId, batch.count);
    let done = await this.store.countKeys(this.dataSource.manager, batchId);
    while (done < batch.count) {
      await this.dataSource.transaction(async (m) => {
        await this.store.batch(m, batchId, { lock: true }); // one generator per batch at a time
        const from = await this.store.countKeys(m, batchId);
        await this.generateInto(m, batchId, from, Math.min(GENERATE_CHUNK, batch.count - from));
        done = await this.store.countKeys(m, batchId);
        await this.store.setBatchProgress(m, batchId, done);
      });
      await this.jobs.setCounters(jobId, { processed: done, failed: 0 });
    }
    await this.store.setBatchProgress(this.dataSource.manager, batchId, done, 'ready');
    await this.jobs.finish(jobId, { generated: done });
    return { generated: done };
  }

  async markFailed(batchId: string): Promise<void> {
    await this.store.setBatchProgress(this.dataSource.manager, batchId, await this.store.countKeys(this.dataSource.manager, batchId), 'failed');
  }

  async list(principal: AuthUser, q: ListCardBatchesQueryDto): Promise<Paged<CardBatch>> {
    const ownerIds = principal.role === 'admin' ? null : await this.agents.subtreeIds(principal.id);
    const { rows, total } = await this.store.listBatches(this.dataSource.manager, { ownerIds, status: q.status, kind: q.kind, projectId: q.projectId }, q.sort, q);
    return paged(rows.map(presentBatch), total, q);
  }

  async get(principal: AuthUser, id: string): Promise<CardBatch> {
    const b = await this.scopedBatch(principal, id);
    const { rows } = await this.store.listBatches(this.dataSource.manager, { id, ownerIds: [b.ownerId] }, undefined, { page: 1, pageSize: 1 });
    const row = rows[0]!;
    return presentBatch(row);
  }

  private async scopedBatch(principal: AuthUser, id: string): Promise<BatchRow> {
    const b = await this.store.batch(this.dataSource.manager, id);
    if (!b) throw AppException.notFound('CARD_BATCH_NOT_FOUND', 'Card batch not found');
    if (principal.role !== 'admin' && !(await this.agents.subtreeIds(principal.id)).includes(b.ownerId)) {
      throw AppException.notFound('CARD_BATCH_NOT_FOUND', 'Card batch not found');
    }
    return b;
  }

  // ---------- void ----------
  /**
   * Voids the batch's unused keys and refunds exactly those: one conditional update (a redeem that
   * won the race keeps its key), then one reversal transfer for count × unit price.
   */
  async void(principal: AuthUser, id: string, ip: string | null): Promise<CardBatchVoided> {
    const b0 = await this.store.batch(this.dataSource.manager, id);
    if (!b0 || (principal.role !== 'admin' && b0.ownerId !== principal.id)) throw AppException.notFound('CARD_BATCH_NOT_FOUND', 'Card batch not found');
    let posted: TransferResult[] = [];
    const result = await this.dataSource.transaction(async (m) => {
      const b = (await this.store.batch(m, id, { lock: true }))!;
      if (b.status !== 'ready') throw AppException.conflict('CARD_BATCH_NOT_READY', 'The card batch is still being generated');
      const voided = await this.store.voidUnused(m, id, this.clock.now());
      const refund = BigInt(voided) * b.unitPriceFen;
      if (voided > 0) {
        await this.store.recordVoid(m, id, voided, refund);
        if (refund > 0n) {
          posted = [
            await this.ledger.postIn(m, {
              from: { kind: 'card_sales' },
              to: { kind: 'agent', userId: b.ownerId },
              amountFen: refund,
              type: 'card_refund',
              idempotencyKey: `cardkeys:void:${id}:${b.voidOps + 1}`,
              reference: id,
              note: `void ${voided} card keys`,
              operatorId: principal.id,
            }),
          ];
        }
        await this.audit.record({ operator: principal, action: 'card_batch.void', targetType: 'card_batch', targetId: id, after: { voided, refundFen: Number(refund) }, ip }, m);
      }
      return { voided, refundFen: Number(refund) };
    });
    this.ledger.publishAfterCommit(posted);
    return result;
  }

  // ---------- export ----------
  /**
   * Streams the batch's keys (decrypted page by page, never all in memory) as CSV or XLSX, with a
   * trailing row: count and SHA-256 over the codes. The export is audited before the first byte.
   */
  async export(principal: AuthUser, id: string, format: 'csv' | 'xlsx', res: Response, ip: string | null): Promise<void> {
    const b = await this.store.batch(this.dataSource.manager, id);
    if (!b || b.ownerId !== principal.id) throw AppException.notFound('CARD_BATCH_NOT_FOUND', 'Card batch not found');
    if (b.status !== 'ready') throw AppException.conflict('CARD_BATCH_NOT_READY', 'The card batch is still being generated');
    let projectName = '';
    if (b.projectId) projectName = (await this.store.project(this.dataSource.manager, b.projectId))?.name ?? '';
    await this.audit.record({ operator: principal, action: 'card_batch.export', targetType: 'card_batch', targetId: id, after: { format, count: b.count }, ip });
    await this.streamExport(b, projectName, format, res);
  }

  async streamExport(b: BatchRow, projectName: string, format: 'csv' | 'xlsx', out: NodeJS.WritableStream & Partial<Response>): Promise<{ count: number; checksum: string }> {
    const header = ['batch_id', 'code', 'kind', 'level_or_project', 'term', 'status', 'redeem_by'];
    const what = b.kind === 'vip' ? `VIP${b.level}` : projectName;
    const term = b.kind === 'vip' ? `${b.months}m` : b.durationDays === 0 ? 'permanent' : `${b.durationDays}d`;
    const redeemBy = b.redeemBy?.toISOString() ?? '';
    const sum = new ExportChecksum();
    if (out.setHeader) {
      out.status?.(200);
      out.setHeader('Content-Type', format === 'xlsx' ? XLSX_MIME : 'text/csv; charset=utf-8');
      out.setHeader('Content-Disposition', `attachment; filename="card-keys-${b.id.slice(0, 8)}.${format}"`);
      out.setHeader('Cache-Control', 'no-store');
    }
    const m = this.dataSource.manager;
    // Pages of EXPORT_PAGE keys; the next page is fetched while the current one is formatted and
    // written (one round trip in flight, at most two pages in memory).
    const pages = async function* (self: CardBatchesService) {
      let next = self.store.exportPage(m, b.id, 0, EXPORT_PAGE);
      for (;;) {
        const page = await next;
        if (!page) return;
        next = page.count < EXPORT_PAGE ? Promise.resolve(null) : self.store.exportPage(m, b.id, page.lastSeq, EXPORT_PAGE);
        next.catch(() => undefined); // awaited on the next turn; not "unhandled" if the export stops first
        const codes = self.crypto.openConcat(page.sealed).map(formatCode);
        sum.addMany(codes);
        yield codes.map((code, i) => [b.id, code, b.kind, what, term, page.statuses[i]!, redeemBy]);
      }
    };
    if (format === 'csv') {
      const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
      await write('\ufeff' + csvLine(header));
      for await (const rows of pages(this)) await write(rows.map(csvLine).join(''));
      const count = sum.count;
      const checksum = sum.hex();
      await write(csvLine(['#total', count, 'sha256', checksum]));
      await new Promise<void>((r) => {
        out.once('finish', () => r());
        out.once('close', () => r());
        out.end();
      });
      return { count, checksum };
    }
    // Values repeated on every row go to the shared-strings table once; the codes are inline strings.
    const xlsx = new XlsxStreamWriter(out, 'card-keys', { shared: [b.id, b.kind, what, term, 'unused', 'used', 'void', ...(redeemBy ? [redeemBy] : [])] });
    await xlsx.start();
    await xlsx.addRows([header]);
    for await (const rows of pages(this)) await xlsx.addRows(rows);
    const count = sum.count;
    const checksum = sum.hex();
    await xlsx.addRows([['#total', count, 'sha256', checksum]]);
    await xlsx.finish();
    await new Promise<void>((r) => {
      out.once('finish', () => r());
      out.once('close', () => r());
      out.end();
    });
    return { count, checksum };
  }
}

export function specOf(q: { level?: number; months?: number; projectId?: string; durationDays?: number }): PriceSpec {
  if (q.projectId !== undefined) {
    if (q.level !== undefined || q.months !== undefined || q.durationDays === undefined) {
      throw AppException.badRequest('CARD_BATCH_INVALID', 'Project keys take projectId and durationDays (not level/months)', [{ field: 'projectId', errors: ['give projectId + durationDays, or level + months'] }]);
    }
    return { kind: 'project', projectId: q.projectId, durationDays: q.durationDays };
  }
  if (q.level === undefined || q.months === undefined || q.durationDays !== undefined) {
    throw AppException.badRequest('CARD_BATCH_INVALID', 'VIP keys take level and months', [{ field: 'level', errors: ['give level + months, or projectId + durationDays'] }]);
  }
  return { kind: 'vip', level: q.level, months: q.months };
}

function presentBatch(r: BatchRow & { ownerName: string | null; projectName: string | null; unusedCount: number; usedCount: number }): CardBatch {
  return {
    id: r.id,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    kind: r.kind,
    level: r.level,
    months: r.months,
    projectId: r.projectId,
    projectName: r.projectName,
    durationDays: r.durationDays,
    count: r.count,
    generated: r.generated,
    unusedCount: r.unusedCount,
    usedCount: r.usedCount,
    voidedCount: r.voidedCount,
    unitPriceFen: Number(r.unitPriceFen),
    costFen: Number(r.costFen),
    refundedFen: Number(r.refundedFen),
    status: r.status,
    redeemBy: r.redeemBy?.toISOString() ?? null,
    note: r.note,
    jobId: r.jobId,
    createdAt: r.createdAt.toISOString(),
  };
}
