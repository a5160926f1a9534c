import { createHash } from 'node:crypto';

// RFC 4122 name-based (v5) UUIDs in Pactum's own namespace: the same unique key always gives the
// same id, so the workflow id (contract-<id>) is a business key and a repeated create cannot
// start a second workflow.
const PACTUM_NAMESPACE = Buffer.from('7d0f4f7e5b2a4c1e9a7e2f1c3b5d6e70', 'hex');

export function contractIdFor(key: { code: string; origin: string; seller: string; major: number; minor: number }): string {
  const name = [key.origin, key.seller.toLowerCase(), key.code, `${key.major}.${key.minor}`].join('\u0000');
  const hash = createHash('sha1').update(PACTUM_NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
