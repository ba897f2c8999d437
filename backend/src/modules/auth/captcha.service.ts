import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaptchaDto } from '@zhice/shared';
import svgCaptcha from 'svg-captcha';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AuthStore } from './auth.store.js';

const TTL_MS = 5 * 60_000;
const hash = (answer: string) => createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');

@Injectable()
export class CaptchaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: AuthStore,
  ) {}

  async create(): Promise<CaptchaDto> {
    const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: true, background: '#f4f6fa' });
    const id = randomUUID();
    const now = this.clock.now();
    await this.store.insertCaptcha(this.dataSource.manager, { id, answerHash: hash(c.text), expiresAt: new Date(now.getTime() + TTL_MS) }, now);
    return { captchaId: id, svg: c.data };
  }

  /** Single use: a captcha is consumed by the first check, right or wrong. */
  async consume(id: string | undefined, answer: string | undefined): Promise<boolean> {
    if (!id || !answer || !/^[0-9a-f-]{36}$/.test(id)) return false;
    const row = await this.store.takeCaptcha(this.dataSource.manager, id);
    return !!row && row.expiresAt > this.clock.now() && row.answerHash === hash(answer);
  }

  /** Tests read the answer the way a person reads the picture. */
  static answerHash = hash;
}
