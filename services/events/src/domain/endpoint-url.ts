import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { PaygateError } from '@paygate/chassis';

/**
 * The SSRF guard. A webhook URL is a merchant-chosen address this server POSTs to, so unless
 * PAYGATE_WEBHOOK_ALLOW_PRIVATE=1 (local development and the test stack, which deliver to loopback)
 * it must be http(s) on a host whose every address is public: no loopback, private (RFC 1918, ULA),
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast or reserved range. Checked when the
 * endpoint is created or updated (resolving the host) and again at connect time for every delivery
 * (guardedLookup), so a name that later resolves to a private address (DNS rebinding) is not reached.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv6');

/** True for an address a webhook must not reach (IPv4-mapped IPv6 is judged as its IPv4 address). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveHost: ResolveHost = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))));

function invalidUrl(message: string): PaygateError {
  return new PaygateError('invalid_request', message, { param: 'url' });
}

/** Validates an endpoint URL for create/update; returns it normalised. */
export async function validateEndpointUrl(raw: string, options: { allowPrivate: boolean; resolve?: ResolveHost }): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl(`Invalid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('Invalid URL: webhook endpoints must use http or https.');
  if (url.username || url.password) throw invalidUrl('Invalid URL: webhook endpoint URLs cannot contain credentials.');
  if (raw.length > 2048) throw invalidUrl('Invalid URL: it must be at most 2048 characters.');
  if (options.allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveHost)(host);
  } catch {
    throw invalidUrl(`Invalid URL: the host ${host} could not be resolved.`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw invalidUrl(`Invalid URL: ${host} resolves to a private, loopback or link-local address, which webhooks cannot reach.`);
  }
  return url.toString();
}

/** A `lookup` for the delivery agent's sockets that refuses private addresses (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (allowed.length === 0) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
