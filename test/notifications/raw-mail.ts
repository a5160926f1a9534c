// Just enough RFC 5322/2045 parsing for tests (mailparser is not installed): headers with
// folding, one level of multipart, quoted-printable and base64 bodies, UTF-8 encoded words.

export interface ParsedMail {
  headers: Map<string, string>;
  parts: { contentType: string; body: string }[];
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')));
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable': return decodeQuotedPrintable(body);
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default: return body;
  }
}

export function parseRawMail(raw: string): ParsedMail {
  const { headers, body } = splitHead(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.toLowerCase().startsWith('multipart/') || !boundary) {
    return { headers, parts: [{ contentType, body: decodeBody(body, headers.get('content-transfer-encoding')) }] };
  }
  const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'));
  return {
    headers,
    parts: parts.map((p) => {
      const part = splitHead(p.replace(/^\r\n/, ''));
      return { contentType: part.headers.get('content-type') ?? 'text/plain', body: decodeBody(part.body.replace(/\r\n$/, ''), part.headers.get('content-transfer-encoding')) };
    }),
  };
}

export function partOf(mail: ParsedMail, type: 'text/plain' | 'text/html'): string {
  const part = mail.parts.find((p) => p.contentType.toLowerCase().startsWith(type));
  if (!part) throw new Error(`no ${type} part in ${mail.parts.map((p) => p.contentType).join(', ')}`);
  return part.body;
}
