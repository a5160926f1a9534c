import { WebhookTargetError, checkWebhookTarget, isForbiddenAddress, parseWebhookTarget } from './webhook-target';

const policy = { allowedHosts: ['127.0.0.1:9000', 'receiver.internal:8080', '[::1]:9001'] };
const resolver = (answers: Record<string, string[]>) => async (host: string) => (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook targets', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::5', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'ff02::1', '64:ff9b::a00:1',
  ])('forbids %s (loopback, private, link-local, mapped or special)', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('takes https URLs only, unless the host:port is allow-listed (then plain http too)', () => {
    expect(() => parseWebhookTarget('http://example.com/hook', policy)).toThrow(/must be an https URL/);
    expect(() => parseWebhookTarget('ftp://example.com/hook', policy)).toThrow(/https/);
    expect(() => parseWebhookTarget('not a url', policy)).toThrow(/absolute URL/);
    expect(parseWebhookTarget('http://127.0.0.1:9000/hook', policy).allowListed).toBe(true);
    expect(parseWebhookTarget('http://RECEIVER.internal:8080/x', policy).allowListed).toBe(true);
    expect(parseWebhookTarget('http://[::1]:9001/x', policy).allowListed).toBe(true);
    expect(() => parseWebhookTarget('http://127.0.0.1:9001/hook', policy)).toThrow(WebhookTargetError);
  });

  it('refuses IP literals of private ranges and credentials in the URL', () => {
    expect(() => parseWebhookTarget('https://169.254.169.254/latest/meta-data', policy)).toThrow(/loopback, private or link-local address \(169\.254\.169\.254\)/);
    expect(() => parseWebhookTarget('https://[::1]/x', policy)).toThrow(/::1/);
    expect(() => parseWebhookTarget('https://0x7f000001/x', policy)).toThrow(/127\.0\.0\.1/);
    expect(() => parseWebhookTarget('https://user:pw@example.com/x', policy)).toThrow(/user name or password/);
  });

  it('refuses a host when any one of its addresses is private, and one that does not resolve', async () => {
    const answers = resolver({ 'public.example': ['93.184.216.34'], 'mixed.example': ['93.184.216.34', '10.0.0.7'], 'rebind.example': ['127.0.0.1'] });
    await expect(checkWebhookTarget('https://public.example/hook', policy, answers)).resolves.toMatchObject({ host: 'public.example', allowListed: false });
    await expect(checkWebhookTarget('https://mixed.example/hook', policy, answers)).rejects.toThrow(/10\.0\.0\.7/);
    await expect(checkWebhookTarget('https://rebind.example/hook', policy, answers)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(checkWebhookTarget('https://nowhere.example/hook', policy, answers)).rejects.toThrow(/does not resolve/);
  });
});
