import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verification of a Standard Webhooks message written from the specification
 * (https://www.standardwebhooks.com), deliberately apart from Pactum's signer: the key is the
 * base64 after `whsec_`; the signed content is `<webhook-id>.<webhook-timestamp>.<body>`;
 * `webhook-signature` is a space-separated list of `v1,<base64 HMAC-SHA256>`, any of which may
 * match; a timestamp more than five minutes off is refused (replay protection).
 */
export function verifyStandardWebhook(
  secret: string, headers: { id: string; timestamp: string; signature: string }, body: string,
  nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300,
): boolean {
  if (!secret.startsWith('whsec_')) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  if (!/^\d+$/.test(headers.timestamp) || Math.abs(nowSeconds - Number(headers.timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', key).update(`${headers.id}.${headers.timestamp}.${body}`).digest();
  return headers.signature.split(' ').some((entry) => {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') return false;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
