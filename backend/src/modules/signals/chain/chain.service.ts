import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { AllocationService } from '../../allocation/allocation.service.js';
import type { ChainDayDto, ChainHeadDto, ChainVerifyDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import { advisoryXactLock } from '../../../common/sql.js';
import { canonicalDayPayload, canonicalRowTexts, chainHash, GENESIS_HASH, verifyChain, type ChainRow } from '../domain/hash-chain.js';
import { isIsoDate } from '../runs/dates.js';
import { SignalsStore } from '../signals.store.js';

/** Serialises appends: the head read and the new link commit together. */
export const CHAIN_LOCK = 'signals:chain';

export interface AppendedLink {
  seq: number;
  prevHash: string;
  hash: string;
  payloadHash: string;
  rowCount: number;
}

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The public hash chain over published days. A day is appended once, when it is first published,
 * in publication order (seq): hash = sha256_hex(prev \n tradeDate \n canonical payload of the rows
 * stored for the day with in_chain). Days are chained in date order: a back-filled date older than
 * the head is published but never chained (its rows have in_chain = false), so it can neither
 * become the head nor change the as-issued record of the later days (`isLate`).
 */
@Injectable()
export class ChainService {
  /** Concurrent verifications share one pass over the rows (it reads every chained row). */
  private verifying: Promise<ChainVerifyDto> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
    private readonly allocations: AllocationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inside the publishing transaction: the link for `tradeDate` over its stored in-chain rows.
   * `written` — the rows exactly as the caller stored them (rounded, so identical after a round
   * trip) — saves reading them back; it is used only when the stored count matches.
   */
  /** Inside the publishing transaction (chain lock held): true when `tradeDate` is older than the head. */
  async isLate(m: EntityManager, tradeDate: string): Promise<boolean> {
    await advisoryXactLock(m, CHAIN_LOCK);
    const head = await this.store.chainHead(m);
    return head !== null && tradeDate < head.tradeDate;
  }

  async append(m: EntityManager, tradeDate: string, written?: readonly ChainRow[]): Promise<AppendedLink> {
    await advisoryXactLock(m, CHAIN_LOCK);
    let rows: readonly ChainRow[] | null = null;
    if (written) {
      if ((await this.store.countChainedRows(m, tradeDate)) === written.length) rows = written;
    }
    rows ??= await this.store.chainedRows(m, tradeDate);
    const payload = canonicalDayPayload(rows);
    const head = await this.store.chainHead(m);
    const prevHash = head?.chainHash ?? GENESIS_HASH;
    const seq = (head?.seq ?? 0) + 1;
    return { seq, prevHash, hash: chainHash(prevHash, tradeDate, payload), payloadHash: sha256Hex(payload), rowCount: rows.length };
  }

  async head(): Promise<ChainHeadDto> {
    const h = await this.store.chainHead(this.dataSource.manager);
    return h ? { tradeDate: h.tradeDate, hash: h.chainHash, days: h.seq } : { tradeDate: null, hash: GENESIS_HASH, days: 0 };
  }

  /**
   * One chained day, without publishing what the caller may not see (issue 10 item 3): everyone
   * gets the link (hashes, counts) and a salted digest per row in canonical order; a member gets
   * their own stocks' rows in full with each row's salt, so `sha256(salt + "\n" + canonical row)`
   * can be checked against the digest at its index; an admin also gets the whole payload (and can
   * recompute the hash); an agent, holding no stocks, gets no rows. Salts (HMAC of a server secret)
   * keep a digest from being guessed by trying every code, action and score.
   */
  async day(tradeDate: string, viewer: AuthUser): Promise<ChainDayDto> {
    if (!isIsoDate(tradeDate)) throw AppException.badRequest('VALIDATION_FAILED', 'tradeDate must be YYYY-MM-DD', [{ field: 'tradeDate', errors: ['must be a date YYYY-MM-DD'] }]);
    const d = await this.store.chainedDay(this.dataSource.manager, tradeDate);
    if (!d) throw AppException.notFound('NOT_FOUND', `No chained signals for ${tradeDate}`);
    const all = await this.store.chainedRows(this.dataSource.manager, tradeDate);
    const { sorted, texts } = canonicalRowTexts(all);
    const salts = texts.map((_, i) => createHmac('sha256', this.config.dataSecretKey).update(`chain-row|${d.tradeDate}|${i}`).digest('hex'));
    const rowDigests = texts.map((text, i) => sha256Hex(`${salts[i]}\n${text}`));
    const full = viewer.role === 'admin';
    const own = full ? null : viewer.role === 'user' ? new Set((await this.allocations.visibleStocks(viewer.id)).codes) : new Set<string>();
    const visible = sorted.map((r, index) => ({ r, index })).filter(({ r }) => own === null || own.has(r.tsCode));
    return {
      tradeDate: d.tradeDate,
      seq: d.seq,
      prevHash: d.prevHash,
      hash: d.chainHash,
      payloadHash: d.payloadHash,
      rowCount: d.rowCount,
      strategies: d.strategies,
      publishedAt: d.publishedAt.toISOString(),
      payload: full ? `[${texts.join(',')}]` : null,
      rowDigests,
      rows: visible.map(({ r, index }) => ({ index, salt: salts[index]!, tsCode: r.tsCode, strategyId: r.strategyId, version: r.version, action: r.action, score: r.score, close: r.close, reasons: r.reasons ?? null })),
    };
  }

  /**
   * Recomputes every link from the stored rows, day by day in chain order (bounded memory), with the
   * pure verifyChain; reports the first day whose rows, payload hash, predecessor or hash differ.
   */
  verify(): Promise<ChainVerifyDto> {
    this.verifying ??= this.verifyNow().finally(() => {
      this.verifying = null;
    });
    return this.verifying;
  }

  private async verifyNow(): Promise<ChainVerifyDto> {
    const days = await this.store.chainedDays(this.dataSource.manager);
    let prev = GENESIS_HASH;
    let verified = 0;
    for (let k = 0; k < days.length; k++) {
      const d = days[k]!;
      const broken = (reason: string): ChainVerifyDto => ({ ok: false, brokenAt: d.tradeDate, reason, verifiedDays: verified, head: prev, days: days.length });
      if (d.seq !== k + 1) return broken(`sequence gap: expected ${k + 1}, found ${d.seq}`);
      let payload: string;
      try {
        const rows = await this.store.chainedRows(this.dataSource.manager, d.tradeDate);
        if (rows.length !== d.rowCount) return broken(`row count ${rows.length} differs from the published ${d.rowCount}`);
        payload = canonicalDayPayload(rows);
      } catch (e) {
        return broken(`rows: ${(e as Error).message}`);
      }
      if (sha256Hex(payload) !== d.payloadHash) return broken('rows differ from the published payload (payload hash mismatch)');
      const r = verifyChain([{ tradeDate: d.tradeDate, prevHash: d.prevHash, hash: d.chainHash, payload }], prev);
      if (!r.ok) return broken(r.reason ?? 'hash mismatch');
      prev = r.head;
      verified++;
    }
    return { ok: true, brokenAt: null, reason: null, verifiedDays: verified, head: prev, days: days.length };
  }
}
