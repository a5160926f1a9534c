import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt (RFC 7914) from Node's crypto: a memory-hard password hash with no native add-on to build.
// Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later without breaking old hashes.
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('a password cannot be empty');
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts.map((x, i) => (i >= 1 && i <= 3 ? Number(x) : x)) as [string, number, number, number, string, string];
  // A corrupt or hostile stored hash must never turn a login into an error (or a CPU burn).
  const powerOfTwo = Number.isInteger(n) && n >= 2 && n <= 1 << 20 && (n & (n - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== KEYLEN) return false;
  try {
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), n, r, p);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
