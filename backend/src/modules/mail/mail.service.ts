import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OutboxMailDto, Paged } from '@zhice/shared';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { paged } from '../../common/pagination.js';
import type { ListOutboxQueryDto } from './dto/list-outbox.query.js';
import { MailStore } from './mail.store.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** SMTP when SMTP_URL is set; otherwise the dev outbox (a table admins can read, plus a log line). */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly store: MailStore,
  ) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  }

  async send(mail: MailMessage): Promise<void> {
    if (this.transport) {
      await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
      this.logger.log(`Sent "${mail.subject}" to ${mail.to}`);
      return;
    }
    await this.store.insertOutbox(this.dataSource.manager, { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null });
    this.logger.log(`Dev outbox: "${mail.subject}" to ${mail.to} (no SMTP_URL set)`);
  }

  async listOutbox(q: ListOutboxQueryDto): Promise<Paged<OutboxMailDto>> {
    const [rows, total] = await this.store.listOutbox(this.dataSource.manager, q.sort, q);
    return paged(
      rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), to: r.to, subject: r.subject, text: r.text, html: r.html })),
      total,
      q,
    );
  }
}
