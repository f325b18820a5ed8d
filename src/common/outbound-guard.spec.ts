import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPrivateAddress, OutboundAddressError } from './outbound-guard';

const strict = { allowPrivateNetworks: false };
const resolvesTo =
  (...addresses: string[]) =>
  (): Promise<string[]> =>
    Promise.resolve(addresses);

describe('outbound address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
  ])('counts %s as private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'counts %s as public',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('accepts an https URL whose host resolves to public addresses only', async () => {
    const url = await checkOutboundUrl('https://api.example.com/v1', strict, resolvesTo('8.8.8.8'));
    expect(url.hostname).toBe('api.example.com');
  });

  it('refuses a host with any private address among its answers (one A record is enough)', async () => {
    await expect(
      checkOutboundUrl('https://mixed.example.com', strict, resolvesTo('8.8.8.8', '10.0.0.5')),
    ).rejects.toThrow(/private/);
  });

  it.each([
    ['http://api.example.com', /https/],
    ['ftp://api.example.com', /https/],
    ['not a url', /absolute https URL/],
    ['https://user:pw@api.example.com', /user name/],
    ['https://localhost:8443', /private or local/],
    ['https://metadata.google.internal/computeMetadata', /private or local/],
    ['https://127.0.0.1/', /private/],
    ['https://[::1]:4000/', /private/],
    ['https://169.254.169.254/latest/meta-data', /private/],
  ])('refuses %s', async (raw, message) => {
    const error = await checkOutboundUrl(raw, strict, resolvesTo('8.8.8.8')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundAddressError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a host that does not resolve, without echoing the resolver', async () => {
    const error = await checkOutboundUrl('https://nowhere.example', strict, () =>
      Promise.reject(new Error('getaddrinfo ENOTFOUND secret-detail')),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe('its host nowhere.example does not resolve');
  });

  it('allows loopback and http when the deployment allows private networks', async () => {
    const url = await checkOutboundUrl('http://127.0.0.1:9999', { allowPrivateNetworks: true });
    expect(url.port).toBe('9999');
  });
});
