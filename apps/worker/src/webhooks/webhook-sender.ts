import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { WebhookTargetError, parseWebhookTarget, webhookLookup, type WebhookTargetPolicy } from '@pactum/security';

/** One attempt's outcome: `statusCode` null when no response came (refused, timed out, forbidden target). */
export interface WebhookAttempt {
  ok: boolean;
  statusCode: number | null;
  error?: string;
}

export interface WebhookSenderOptions {
  policy: WebhookTargetPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * POSTs one signed message. The target is checked again at every attempt: the URL's form, and
 * every address its host resolves to now (a custom lookup, so the socket connects to the address
 * that was checked). Redirects are not followed (a 3xx is a failure), the whole attempt (connect,
 * send, response) has one deadline, and no more than `maxResponseBytes` of the answer is read.
 */
export class WebhookSender {
  private readonly lookup = webhookLookup();
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly o: WebhookSenderOptions) {}

  async post(rawUrl: string, headers: Record<string, string>, body: string): Promise<WebhookAttempt> {
    let target;
    try {
      target = parseWebhookTarget(rawUrl, this.o.policy);
    } catch (err) {
      return { ok: false, statusCode: null, error: `refused: the URL ${(err as Error).message}` };
    }
    const secure = target.url.protocol === 'https:';
    // IP literals never reach a lookup; parseWebhookTarget checked them. Allow-listed hosts skip the address check.
    const lookup = target.allowListed || isIP(target.host) ? undefined : this.lookup;
    return new Promise<WebhookAttempt>((resolve) => {
      let settled = false;
      const timer: { deadline?: NodeJS.Timeout } = {};
      const finish = (a: WebhookAttempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer.deadline);
        resolve(a);
      };
      const options: RequestOptions = {
        method: 'POST',
        agent: secure ? this.https : this.http,
        ...(lookup ? { lookup } : {}),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Pactum-Webhooks/1',
        },
      };
      const onResponse = (res: IncomingMessage) => {
        const statusCode = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          // The answer is not needed beyond its status: a receiver that sends more is cut off.
          if (read > this.o.maxResponseBytes) {
            res.destroy();
            req.destroy();
            finish(outcome(statusCode, `response larger than ${this.o.maxResponseBytes} bytes (cut off)`));
          }
        });
        res.on('end', () => finish(outcome(statusCode)));
        res.on('error', () => finish(outcome(statusCode)));
        res.on('close', () => finish(outcome(statusCode)));
      };
      const req: ClientRequest = secure ? httpsRequest(target.url, options, onResponse) : httpRequest(target.url, options, onResponse);
      timer.deadline = setTimeout(() => {
        req.destroy();
        finish({ ok: false, statusCode: null, error: `no answer within ${this.o.timeoutMs} ms` });
      }, this.o.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        const reason = err instanceof WebhookTargetError || err.code === 'EWEBHOOKTARGET' ? `refused: ${err.message}` : `${err.code ?? 'error'}: ${err.message}`;
        finish({ ok: false, statusCode: null, error: reason });
      });
      req.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

function outcome(statusCode: number, note?: string): WebhookAttempt {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  const redirect = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
  return { ok: false, statusCode, error: `HTTP ${statusCode}${redirect}${note ? `; ${note}` : ''}` };
}
