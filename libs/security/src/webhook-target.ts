import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where webhooks may go. By default only HTTPS endpoints whose every address is public: a
 * subscription must not make the worker reach loopback, link-local (cloud metadata at
 * 169.254.169.254), private or otherwise special networks. `allowedHosts` (WEBHOOK_ALLOWED_HOSTS,
 * `host:port` entries, lower case, IPv6 in brackets) names endpoints exempt from the address
 * check, which may then also use plain http.
 */
export interface WebhookTargetPolicy {
  allowedHosts: string[];
}

/** Why a URL is refused; `message` reads after the field name ("url …"). */
export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

// Two lists: a BlockList checks an IPv4 address against its IPv6 rules too (as ::ffff:a.b.c.d),
// so the mapped range below would forbid every IPv4 address.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // ::, ::1 and IPv4-compatible; IPv4-mapped (::ffff:127.0.0.1 would reach IPv4 loopback); NAT64
  // and 6to4 (they embed IPv4 addresses); discard, IETF/Teredo, documentation, unique local,
  // link-local, site-local, multicast.
  ['::', 96], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) BLOCKED_V6.addSubnet(net, prefix, 'ipv6');

/** Whether a webhook may not be sent to this IP address (loopback, private, link-local, special). */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED_V4.check(bare, 'ipv4');
  if (family === 6) return BLOCKED_V6.check(bare, 'ipv6');
  return true;
}

/** A webhook URL that passed the checks that need no DNS. */
export interface WebhookTarget {
  url: URL;
  /** The host without IPv6 brackets, as a resolver or isIP takes it. */
  host: string;
  /** `host:port` as WEBHOOK_ALLOWED_HOSTS would name it. */
  hostPort: string;
  allowListed: boolean;
}

/**
 * Checks a webhook URL's form: absolute http(s), no credentials in it, HTTPS unless its host:port is
 * allow-listed, and an IP literal host public unless allow-listed. Host names are checked by
 * checkWebhookTarget (subscription time) and webhookLookup (every delivery).
 */
export function parseWebhookTarget(raw: string, policy: WebhookTargetPolicy): WebhookTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookTargetError('must be an https URL');
  if (url.username || url.password) throw new WebhookTargetError('must not carry a user name or password');
  if (url.hash) throw new WebhookTargetError('must not have a #fragment');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const hostPort = `${url.hostname.toLowerCase()}:${port}`;
  const allowListed = policy.allowedHosts.includes(hostPort);
  if (url.protocol !== 'https:' && !allowListed) throw new WebhookTargetError('must be an https URL (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowListed && isIP(host) && isForbiddenAddress(host)) {
    throw new WebhookTargetError(`must not point at a loopback, private or link-local address (${host}) unless WEBHOOK_ALLOWED_HOSTS names ${hostPort}`);
  }
  return { url, host, hostPort, allowListed };
}

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const resolveAll: Resolve = (host) => new Promise((resolve, reject) => {
  dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
});

/**
 * The whole check of a subscription's URL: its form, and every address its host resolves to
 * (one private address is enough to refuse: a resolver may answer any of them).
 */
export async function checkWebhookTarget(raw: string, policy: WebhookTargetPolicy, resolve: Resolve = resolveAll): Promise<WebhookTarget> {
  const target = parseWebhookTarget(raw, policy);
  if (target.allowListed || isIP(target.host)) return target;
  let addresses: { address: string }[];
  try {
    addresses = await resolve(target.host);
  } catch (err) {
    throw new WebhookTargetError(`has a host that does not resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!addresses.length) throw new WebhookTargetError('has a host that does not resolve');
  const bad = addresses.find((a) => isForbiddenAddress(a.address));
  if (bad) throw new WebhookTargetError(`resolves to a loopback, private or link-local address (${bad.address}); only public addresses are allowed`);
  return target;
}

/**
 * A `lookup` for http(s).request that resolves the host and refuses the connection when any of
 * its addresses is forbidden. The socket connects to the address checked here, so a name that
 * resolved to a public address at subscription time and to 127.0.0.1 now (DNS rebinding) is refused.
 */
export function webhookLookup(): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number } | number, callback: (...args: any[]) => void) => {
    const all = typeof options === 'object' && options?.all === true;
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err);
      const bad = addresses.find((a) => isForbiddenAddress(a.address));
      if (!addresses.length || bad) {
        const refused = Object.assign(new WebhookTargetError(`${hostname} resolves to a forbidden address (${bad?.address ?? 'none'})`), { code: 'EWEBHOOKTARGET' });
        return callback(refused);
      }
      if (all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}
