import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The one check every user-given outbound address passes (connection base URLs, partner webhook
 * URLs): only https, and never a host that resolves to loopback, private, link-local, carrier
 * NAT, multicast, documentation or cloud-metadata addresses — unless the deployment allows
 * private networks (development, tests, simulators on loopback). Checked when the address is
 * saved and again before calls, since DNS can change in between.
 */
export interface OutboundPolicy {
  allowPrivateNetworks: boolean;
}

export class OutboundAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundAddressError';
  }
}

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, and the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: reaches IPv4 addresses through a gateway
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local, AWS metadata fd00:ec2::254 among them
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Names that mean "this machine" or a metadata service whatever DNS answers. */
const BLOCKED_NAMES =
  /^(localhost|metadata|metadata\.google\.internal|instance-data)$|\.localhost$|\.internal$/i;

/** Whether one IP address is one no user-given URL may reach. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return BLOCKED.check(address, 'ipv4');
  if (version === 6) {
    // IPv4-mapped and IPv4-compatible forms reach the IPv4 address they embed.
    const mapped = /^::(ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[2]) return BLOCKED.check(mapped[2], 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Parses `raw` and checks it against the policy; answers the URL or throws an
 * OutboundAddressError whose message says what is wrong (and nothing the network answered).
 */
export async function checkOutboundUrl(
  raw: string,
  policy: OutboundPolicy,
  resolve: Resolver = systemResolver,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundAddressError('must be an absolute https URL');
  }
  const allowedProtocols = policy.allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
  if (!allowedProtocols.includes(url.protocol)) {
    throw new OutboundAddressError(
      policy.allowPrivateNetworks ? 'must be an http(s) URL' : 'must be an https URL',
    );
  }
  if (url.username || url.password) {
    throw new OutboundAddressError('must not carry a user name or password');
  }
  if (policy.allowPrivateNetworks) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (BLOCKED_NAMES.test(host)) {
    throw new OutboundAddressError(`must not point at a private or local host (${host})`);
  }
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new OutboundAddressError(`its host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new OutboundAddressError(`its host ${host} does not resolve`);
  if (addresses.some(isPrivateAddress)) {
    throw new OutboundAddressError(
      `must not point at a private, loopback, link-local or metadata address (${host})`,
    );
  }
  return url;
}
