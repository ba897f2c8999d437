import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpFake, type SmtpFake } from './smtp-fake.js';

/** The SMTP fake's wire behaviour, driven by the same mailer the app uses (nodemailer over TCP). */
let smtp: SmtpFake;
beforeAll(async () => {
  smtp = await startSmtpFake();
});
afterAll(() => smtp.close());

describe('SMTP fake', () => {
  it('accepts a message over SMTP and decodes its UTF-8 subject and body', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    const text = `订单号：ZC123\n金额：¥299.00\n${'长行 '.repeat(40)}\n.starts with a dot`;
    const info = await transport.sendMail({ from: 'Zhice 智策 <no-reply@zhice.local>', to: 'member@example.com', subject: '智策 Zhice：支付成功 – 订单 ZC123', text });
    expect(info.response).toMatch(/^250 /);
    expect(smtp.messages).toHaveLength(1);
    const [m] = smtp.messages;
    expect(m!.from).toBe('no-reply@zhice.local');
    expect(m!.to).toEqual(['member@example.com']);
    expect(m!.subject).toBe('智策 Zhice：支付成功 – 订单 ZC123');
    expect(m!.text.trimEnd()).toBe(text);
  });

  it('refuses the next messages with a transient 451 when told to, then accepts again', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    const before = smtp.messages.length;
    smtp.failNext(1);
    await expect(transport.sendMail({ from: 'a@zhice.local', to: 'b@example.com', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.refused).toBe(1);
    expect(smtp.messages).toHaveLength(before);
    await transport.sendMail({ from: 'a@zhice.local', to: 'b@example.com', subject: 'x', text: 'y' });
    expect(smtp.messages).toHaveLength(before + 1);
  });
});
