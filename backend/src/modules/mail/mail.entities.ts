import { OutboxMail } from './entities/outbox-mail.entity.js';
export const MailEntities = [OutboxMail];
