import { hashPassword, verifyPassword } from './password-hash';

describe('password hashing', () => {
  let demoHash: string;

  beforeAll(async () => {
    demoHash = await hashPassword('demo');
  });

  it('stores the scrypt parameters, salt and key with the hash', () => {
    expect(demoHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    const [, , , , salt, key] = demoHash.split('$');
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(demoHash).not.toContain('demo');
  });

  it('verifies the right password', async () => {
    await expect(verifyPassword('demo', demoHash)).resolves.toBe(true);
  });

  it.each([['another word', 'secret'], ['different case', 'Demo'], ['a trailing space', 'demo '], ['a prefix', 'dem'], ['the empty string', '']])(
    'refuses a wrong password: %s',
    async (_label, attempt) => {
      await expect(verifyPassword(attempt, demoHash)).resolves.toBe(false);
    },
  );

  it('round-trips a long non-ASCII password', async () => {
    const password = 'Grüße, 合同 🔐 '.repeat(10);
    const stored = await hashPassword(password);
    await expect(verifyPassword(password, stored)).resolves.toBe(true);
    await expect(verifyPassword(password.normalize('NFD'), stored)).resolves.toBe(false);
  });

  it('salts every hash: the same password hashes differently and both verify', async () => {
    const again = await hashPassword('demo');
    expect(again).not.toBe(demoHash);
    expect(again.split('$')[4]).not.toBe(demoHash.split('$')[4]);
    await expect(verifyPassword('demo', again)).resolves.toBe(true);
  });

  it('refuses an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow(/empty/);
  });

  it.each<[string, (h: string) => string]>([
    ['an empty string', () => ''],
    ['a plain-text password', () => 'demo'],
    ['another algorithm', (h) => h.replace(/^scrypt/, 'bcrypt')],
    ['too few parts', (h) => h.split('$').slice(0, 5).join('$')],
    ['too many parts', (h) => `${h}$extra`],
    ['a changed key', (h) => { const p = h.split('$'); p[5] = Buffer.alloc(32, 1).toString('base64'); return p.join('$'); }],
    ['a truncated key', (h) => { const p = h.split('$'); p[5] = p[5].slice(0, 8); return p.join('$'); }],
    ['an empty key', (h) => { const p = h.split('$'); p[5] = ''; return p.join('$'); }],
    ['a different salt', (h) => { const p = h.split('$'); p[4] = Buffer.alloc(16, 7).toString('base64'); return p.join('$'); }],
    ['a different cost parameter', (h) => h.replace('$16384$', '$8192$')],
  ])('returns false for a stored hash with %s', async (_label, corrupt) => {
    await expect(verifyPassword('demo', corrupt(demoHash))).resolves.toBe(false);
  });

  describe('regressions of bugs found in review', () => {
    // Node's scrypt throws on invalid parameters; verifyPassword lets that become a rejection (a 500 at login).
    it.each<[string, (h: string) => string]>([
      ['a non-numeric cost', (h) => h.replace('$16384$', '$abc$')],
      ['a cost that is not a power of two', (h) => h.replace('$16384$', '$1000$')],
    ])('returns false instead of throwing for a stored hash with %s', async (_label, corrupt) => {
      await expect(verifyPassword('demo', corrupt(demoHash))).resolves.toBe(false);
    });
  });
});
