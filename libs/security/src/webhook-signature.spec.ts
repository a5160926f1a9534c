import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX, newWebhookSecret, webhookHeaders, webhookSignature } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification\'s published test vector, so its libraries verify what Pactum sends', () => {
    expect(webhookSignature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets of whsec_ and 32 random bytes in base64, a new one each time', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(WEBHOOK_SECRET_PREFIX.length), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('signs with every secret of a rotation, the new one first, space-separated', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([current, previous], 'evt-1', 1700000000, '{"a":1}');
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-timestamp']).toBe('1700000000');
    const expected = (secret: string) => `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update('evt-1.1700000000.{"a":1}').digest('base64')}`;
    expect(headers['webhook-signature']).toBe(`${expected(current)} ${expected(previous)}`);
  });
});
