import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy } from '../../common/list-query.js';
import { OUTBOX_SORT } from './domain/list-sorts.js';

/** One dev-outbox mail as stored. */
export interface OutboxMailRow {
  id: string;
  createdAt: Date;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Every SQL statement of the mail module (`outbox_mails`); the caller's manager first. */
@Injectable()
export class MailStore {
  async insertOutbox(m: EntityManager, mail: { to: string; subject: string; text: string; html: string | null }): Promise<void> {
    await m.query('INSERT INTO outbox_mails (to_address, subject, text, html) VALUES ($1, $2, $3, $4)', [mail.to, mail.subject, mail.text, mail.html]);
  }

  /** A page of the outbox sorted by OUTBOX_SORT, and the total. */
  async listOutbox(m: EntityManager, sort: string | undefined, page: { page: number; pageSize: number }): Promise<[OutboxMailRow[], number]> {
    const p = new SqlParams();
    const counted: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM outbox_mails');
    const rows: OutboxMailRow[] = await m.query(
      `SELECT o.id, o.created_at AS "createdAt", o.to_address AS "to", o.subject, o.text, o.html
         FROM outbox_mails o ${sqlOrderBy(sort, OUTBOX_SORT)} ${p.page(page)}`,
      p.values,
    );
    return [rows, counted[0]?.n ?? 0];
  }
}
