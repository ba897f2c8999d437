import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A local SMTP server speaking the real protocol (RFC 5321: greeting, EHLO/HELO, MAIL FROM, RCPT TO,
 * DATA with dot-stuffing, RSET, NOOP, QUIT) over plain TCP on 127.0.0.1, so the app's real mailer
 * (nodemailer) talks to it exactly as to a mail relay. Accepted messages are kept, decoded enough to
 * assert on (subject encoded-words, quoted-printable / base64 text bodies). Faults: the next N
 * messages are refused at the end of DATA with a transient 451 (a relay that is down or greylisting),
 * which the sender sees as a failed send.
 */
export interface SmtpMessage {
  from: string;
  to: string[];
  /** The raw message as received (after dot-unstuffing). */
  raw: string;
  subject: string;
  /** The decoded text body. */
  text: string;
}

export interface SmtpFake {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Every message the server accepted (250 after DATA), oldest first. */
  messages: SmtpMessage[];
  /** Messages refused by a fault (the sender was told 451). */
  refused: number;
  /** Refuse the next `n` messages at the end of DATA with `451 4.3.0 …`. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpFake(opts: { hostname?: string } = {}): Promise<SmtpFake> {
  const hostname = opts.hostname ?? 'smtp-fake.local';
  const sockets = new Set<Socket>();
  let failures = 0;
  const fake: SmtpFake = {
    url: '',
    messages: [],
    refused: 0,
    failNext(n) {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let from: string | null = null;
    let to: string[] = [];
    let data: string[] | null = null;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const reset = () => {
      from = null;
      to = [];
      data = null;
    };
    const onLine = (line: string) => {
      if (data) {
        if (line !== '.') {
          data.push(line.startsWith('.') ? line.slice(1) : line);
          return;
        }
        const raw = data.join('\r\n');
        const envelope = { from: from ?? '', to };
        reset();
        if (failures > 0) {
          failures--;
          fake.refused++;
          reply('451 4.3.0 Temporary local problem, try again later');
          return;
        }
        fake.messages.push({ ...envelope, raw, ...decodeMessage(raw) });
        reply(`250 2.0.0 Ok: queued as ${fake.messages.length}`);
        return;
      }
      const [verb = '', ...rest] = line.split(' ');
      const arg = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          reply(`250-${hostname}`);
          reply('250-8BITMIME');
          reply('250-SMTPUTF8');
          reply('250 SIZE 10485760');
          return;
        case 'HELO':
          reply(`250 ${hostname}`);
          return;
        case 'MAIL': {
          const m = /^FROM:\s*<([^>]*)>/i.exec(arg);
          if (!m) return void reply('501 5.5.4 Syntax: MAIL FROM:<address>');
          reset();
          from = m[1]!;
          return void reply('250 2.1.0 Ok');
        }
        case 'RCPT': {
          const m = /^TO:\s*<([^>]+)>/i.exec(arg);
          if (from === null) return void reply('503 5.5.1 Error: need MAIL command');
          if (!m) return void reply('501 5.5.4 Syntax: RCPT TO:<address>');
          to.push(m[1]!);
          return void reply('250 2.1.5 Ok');
        }
        case 'DATA':
          if (to.length === 0) return void reply('503 5.5.1 Error: need RCPT command');
          data = [];
          return void reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          reset();
          return void reply('250 2.0.0 Ok');
        case 'NOOP':
          return void reply('250 2.0.0 Ok');
        case 'QUIT':
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        default:
          reply('502 5.5.2 Error: command not recognized');
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    });
    reply(`220 ${hostname} ESMTP fake`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Subject and text of a single-part text message (what the app sends), decoded. */
export function decodeMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = (split >= 0 ? raw.slice(0, split) : raw).replace(/\r\n[ \t]+/g, ' ');
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between adjacent words drops. */
function decodeWords(s: string): string {
  const chunks: Buffer[] = [];
  let rest = s;
  let afterWord = false;
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/;
  while (rest.length > 0) {
    const m = word.exec(rest);
    if (!m) {
      chunks.push(Buffer.from(rest, 'utf8'));
      break;
    }
    const before = rest.slice(0, m.index);
    if (!(afterWord && /^\s*$/.test(before))) chunks.push(Buffer.from(before, 'utf8'));
    afterWord = true;
    const payload = m[3]!;
    chunks.push(
      m[2]!.toUpperCase() === 'B'
        ? Buffer.from(payload, 'base64')
        : Buffer.from(payload.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    );
    rest = rest.slice(m.index + m[0].length);
  }
  return Buffer.concat(chunks).toString('utf8');
}
