import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaptchaDto } from '@zhice/shared';
import svgCaptcha from 'svg-captcha';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { returnedRows } from '../../common/sql.js';
import { Captcha } from './entities/captcha.entity.js';

const TTL_MS = 5 * 60_000;
const hash = (answer: string) => createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');

@Injectable()
export class CaptchaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(): Promise<CaptchaDto> {
    const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: true, background: '#f4f6fa' });
    const id = randomUUID();
    const now = this.clock.now();
    await this.dataSource.manager.insert(Captcha, { id, answerHash: hash(c.text), expiresAt: new Date(now.getTime() + TTL_MS) });
    // Housekeeping on the write path keeps the table small without a separate job.
    await this.dataSource.manager.query('DELETE FROM captchas WHERE expires_at < $1', [now]);
    return { captchaId: id, svg: c.data };
  }

  /** Single use: a captcha is consumed by the first check, right or wrong. */
  async consume(id: string | undefined, answer: string | undefined): Promise<boolean> {
    if (!id || !answer || !/^[0-9a-f-]{36}$/.test(id)) return false;
    const rows = returnedRows<{ answer_hash: string; expires_at: Date }>(
      await this.dataSource.manager.query('DELETE FROM captchas WHERE id = $1 RETURNING answer_hash, expires_at', [id]),
    );
    const row = rows[0];
    return !!row && row.expires_at > this.clock.now() && row.answer_hash === hash(answer);
  }

  /** Tests read the answer the way a person reads the picture. */
  static answerHash = hash;
}
