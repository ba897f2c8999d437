import { randomBytes } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { CardKeyQueryResult, CardVerifyResult } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { QUEUES } from '../jobs/queues.js';
import { CardBatchesService } from './card-batches.service.js';
import { CardKeysStore, type KeyWithBatch, type ProjectRow } from './card-keys.store.js';
import { CardProjectsService } from './card-projects.service.js';
import { normalizeCode } from './domain/card-code.js';
import { checkSignature, NONCE_TTL_SEC, sign } from './domain/open-signature.js';

export const CARD_CALLBACK_JOB = 'card-keys.callback';
export const BAN_MINUTES = 10;

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  ip: string | null;
}

export interface ActivationNotice {
  event: 'card_key.activated';
  projectId: string;
  keyId: string;
  deviceId: string;
  activatedAt: string;
  expiresAt: string | null;
}

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The outside software's API (seed 001 §3.2, §8): signed exactly as api.md says, rate-limited per
 * project with a temporary ban, every call logged (no codes). First verify binds the device and
 * starts the validity; the project's callback URL gets a signed, retried notice of the activation.
 */
@Injectable()
export class CardOpenService {
  private readonly logger = new Logger('CardKeysOpen');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly batches: CardBatchesService,
    private readonly projects: CardProjectsService,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.cardKeys) private readonly queue: Queue,
  ) {}

  /** API key → rate limit → signature and time → nonce → project enabled. */
  async authenticate(req: SignedRequest): Promise<ProjectRow> {
    const invalid = (why: string) => new AppException('OPEN_API_SIGNATURE_INVALID', 401, 'Invalid signature', { reason: why });
    const apiKey = header(req.headers, 'x-api-key');
    if (!apiKey || !/^pk_[0-9a-f]{24}$/.test(apiKey)) throw invalid('UNKNOWN_API_KEY');
    const m = this.dataSource.manager;
    const project = await this.store.projectByApiKey(m, apiKey);
    if (!project) throw invalid('UNKNOWN_API_KEY');
    const now = this.clock.now();
    if (project.bannedUntil && project.bannedUntil > now) {
      throw new AppException('OPEN_API_RATE_LIMITED', 429, 'Too many calls; temporarily banned', { retryAfterSeconds: Math.ceil((project.bannedUntil.getTime() - now.getTime()) / 1000) });
    }
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const calls = await this.store.countCall(m, project.id, minute);
    if (calls > project.rateLimitPerMinute) {
      const until = new Date(now.getTime() + BAN_MINUTES * 60_000);
      await this.store.banProject(m, project.id, until);
      this.logger.warn(`project ${project.id} over its rate limit (${calls}/min): banned until ${until.toISOString()}`);
      throw new AppException('OPEN_API_RATE_LIMITED', 429, 'Too many calls; temporarily banned', { retryAfterSeconds: BAN_MINUTES * 60 });
    }
    const check = checkSignature(
      this.projects.secretOf(project),
      { method: req.method, path: req.path, timestamp: header(req.headers, 'x-timestamp'), nonce: header(req.headers, 'x-nonce'), signature: header(req.headers, 'x-signature'), body: req.rawBody },
      Math.floor(now.getTime() / 1000),
    );
    if (!check.ok) throw invalid(check.reason);
    if (!(await this.store.useNonce(m, project.id, header(req.headers, 'x-nonce')!, now))) throw invalid('REPLAYED_NONCE');
    if (Math.random() < 0.01) await this.store.pruneGuards(m, new Date(now.getTime() - NONCE_TTL_SEC * 1000), new Date(now.getTime() - 3600_000));
    if (!project.enabled) throw new AppException('OPEN_API_PROJECT_DISABLED', 403, 'The project is disabled');
    return project;
  }

  async verify(req: SignedRequest, body: { code: string; deviceId: string }): Promise<CardVerifyResult> {
    const project = await this.authenticate(req);
    const now = this.clock.now();
    const canonical = normalizeCode(body.code);
    const key = canonical ? await this.store.keyByLookup(this.dataSource.manager, this.batches.crypto.lookup(canonical)) : null;
    const log = (k: KeyWithBatch | null, result: string) =>
      this.store.logVerification(this.dataSource.manager, { at: now, projectId: project.id, keyId: k?.id ?? null, ownerId: k?.ownerId ?? null, action: 'verify', deviceId: body.deviceId, ip: req.ip, result });
    const answer = (valid: boolean, reason: CardVerifyResult['reason'], k: { usedAt: Date | null; expiresAt: Date | null } | null): CardVerifyResult => ({
      valid,
      reason,
      activatedAt: k?.usedAt?.toISOString() ?? null,
      expiresAt: k?.expiresAt?.toISOString() ?? null,
      remainingSeconds: k?.expiresAt ? Math.max(0, Math.floor((k.expiresAt.getTime() - now.getTime()) / 1000)) : null,
    });

    if (!key || key.kind !== 'project' || key.projectId !== project.id) {
      await log(null, 'NOT_FOUND');
      return answer(false, 'NOT_FOUND', null);
    }
    if (key.status === 'void') {
      await log(key, 'VOID');
      return answer(false, 'VOID', null);
    }
    let current = key;
    if (key.status === 'unused') {
      if (key.redeemBy && key.redeemBy <= now) {
        await log(key, 'EXPIRED');
        return answer(false, 'EXPIRED', null);
      }
      const expiresAt = key.durationDays ? new Date(now.getTime() + key.durationDays * 86_400_000) : null;
      const activated = await this.store.activateProjectKey(this.dataSource.manager, key.id, body.deviceId, now, expiresAt);
      if (activated) {
        await log(key, 'ACTIVATED');
        await this.notify(project, { event: 'card_key.activated', projectId: project.id, keyId: key.id, deviceId: body.deviceId, activatedAt: now.toISOString(), expiresAt: expiresAt?.toISOString() ?? null });
        return answer(true, 'OK', { usedAt: now, expiresAt });
      }
      current = (await this.store.keyById(this.dataSource.manager, key.id))!; // another call activated it first
      if (current.status === 'void') {
        await log(current, 'VOID');
        return answer(false, 'VOID', null);
      }
    }
    if (current.expiresAt && current.expiresAt <= now) {
      await log(current, 'EXPIRED');
      return answer(false, 'EXPIRED', current);
    }
    if (current.deviceId === null && (await this.store.rebindDevice(this.dataSource.manager, current.id, body.deviceId))) {
      await log(current, 'REBOUND');
      return answer(true, 'OK', current);
    }
    const bound = current.deviceId ?? (await this.store.keyById(this.dataSource.manager, current.id))!.deviceId;
    if (bound !== body.deviceId) {
      await log(current, 'DEVICE_MISMATCH');
      return answer(false, 'DEVICE_MISMATCH', current);
    }
    await log(current, 'OK');
    return answer(true, 'OK', current);
  }

  async query(req: SignedRequest, code: string): Promise<CardKeyQueryResult> {
    const project = await this.authenticate(req);
    const now = this.clock.now();
    const canonical = normalizeCode(code);
    const key = canonical ? await this.store.keyByLookup(this.dataSource.manager, this.batches.crypto.lookup(canonical)) : null;
    const mine = key && key.kind === 'project' && key.projectId === project.id ? key : null;
    const status: CardKeyQueryResult['status'] = !mine ? 'not_found' : mine.status === 'used' && mine.expiresAt && mine.expiresAt <= now ? 'expired' : mine.status;
    await this.store.logVerification(this.dataSource.manager, { at: now, projectId: project.id, keyId: mine?.id ?? null, ownerId: mine?.ownerId ?? null, action: 'query', deviceId: null, ip: req.ip, result: status.toUpperCase() });
    return {
      status,
      activatedAt: mine?.usedAt?.toISOString() ?? null,
      expiresAt: mine?.expiresAt?.toISOString() ?? null,
      durationDays: mine?.durationDays ?? null,
      deviceBound: !!mine?.deviceId,
    };
  }

  private async notify(project: ProjectRow, notice: ActivationNotice): Promise<void> {
    if (!project.callbackUrl) return;
    try {
      await this.queue.add(CARD_CALLBACK_JOB, { projectId: project.id, notice }, { attempts: 8, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { age: 7 * 86_400, count: 1000 }, removeOnFail: { age: 30 * 86_400 }, jobId: `card-callback-${notice.keyId}-${Date.parse(notice.activatedAt)}` });
    } catch (e) {
      this.logger.error(`could not queue the activation callback for project ${project.id}: ${e instanceof Error ? e.message : e}`);
    }
  }

  /** One delivery attempt (the queue retries with back-off). Signed like the requests we accept. */
  async deliver(projectId: string, notice: ActivationNotice): Promise<{ status: number }> {
    const project = await this.store.project(this.dataSource.manager, projectId);
    if (!project?.callbackUrl) return { status: 0 };
    const body = JSON.stringify(notice);
    const url = new URL(project.callbackUrl);
    const ts = String(Math.floor(this.clock.now().getTime() / 1000));
    const nonce = randomBytes(12).toString('hex');
    const signature = sign(this.projects.secretOf(project), 'POST', url.pathname, ts, nonce, body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': project.apiKey, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signature, 'x-event': notice.event },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: 'error',
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`callback answered ${res.status}`);
    return { status: res.status };
  }
}
