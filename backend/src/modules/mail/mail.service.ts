import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OutboxMailDto, Paged } from '@zhice/shared';
import nodemailer, { type Transporter } from 'nodemailer';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { findOrder, SortedPageQuery, type SortSpec } from '../../common/list-query.js';
import { pageOffset, paged } from '../../common/pagination.js';
import { OutboxMail } from './entities/outbox-mail.entity.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** SMTP when SMTP_URL is set; otherwise the dev outbox (a table admins can read, plus a log line). */
/** The dev outbox list's sortable columns. */
export const OUTBOX_SORT: SortSpec<'createdAt' | 'to' | 'subject'> = {
  columns: { createdAt: 'createdAt', to: 'to', subject: 'subject' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'id',
};

export class ListOutboxQueryDto extends SortedPageQuery(OUTBOX_SORT) {}

@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(OutboxMail) private readonly outbox: Repository<OutboxMail>,
  ) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  }

  async send(mail: MailMessage): Promise<void> {
    if (this.transport) {
      await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
      this.logger.log(`Sent "${mail.subject}" to ${mail.to}`);
      return;
    }
    await this.outbox.insert({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null });
    this.logger.log(`Dev outbox: "${mail.subject}" to ${mail.to} (no SMTP_URL set)`);
  }

  async listOutbox(q: ListOutboxQueryDto): Promise<Paged<OutboxMailDto>> {
    const [rows, total] = await this.outbox.findAndCount({ order: findOrder(q.sort, OUTBOX_SORT), ...pageOffset(q) });
    return paged(
      rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), to: r.to, subject: r.subject, text: r.text, html: r.html })),
      total,
      q,
    );
  }
}
