import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  messageId: string;
  subject: string;
}

export interface TestSmtp {
  received: ReceivedMail[];
  close: () => Promise<void>;
}

/**
 * A real SMTP server in this process. `failFirst` answers 451 (try again later) to that many
 * recipients first, as a greylisting or overloaded server does.
 */
export async function startSmtp(port: number, options: { failFirst?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let failures = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (failures > 0) {
        failures--;
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, messageId: header(raw, 'Message-ID'), subject: subjectOf(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0];
  return new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(head)?.[1].replace(/\r?\n[ \t]+/g, ' ').trim() ?? '';
}

/** The Subject header, unfolded and decoded from RFC 2047 encoded words (Q or B). */
export function subjectOf(raw: string): string {
  const value = header(raw, 'Subject');
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?(.*?)\?=/gi, (_, encoding: string, word: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(word, 'base64').toString('utf8')
        : Buffer.from(word.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The decoded body of the first MIME part of a content type (e.g. text/calendar), or undefined. */
export function mimePart(raw: string, contentType: string): { headers: string; body: string } | undefined {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [headers, ...rest] = part.split(/\r?\n\r?\n/);
    if (!new RegExp(`^Content-Type: ${contentType.replace('/', '\\/')}`, 'mi').test(headers)) continue;
    const encoded = rest.join('\n\n').replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const encoding = /^Content-Transfer-Encoding: (\S+)/mi.exec(headers)?.[1].toLowerCase();
    const body =
      encoding === 'base64'
        ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
          : encoded;
    return { headers, body };
  }
  return undefined;
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
