import { PaygateError } from '@paygate/chassis';
import { isPrivateAddress, validateEndpointUrl } from './endpoint-url';

const refused = async (url: string, resolve?: (host: string) => Promise<string[]>) => {
  const err = await validateEndpointUrl(url, { allowPrivate: false, resolve }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PaygateError);
  expect((err as PaygateError).details.param).toBe('url');
};

describe('endpoint URL (SSRF guard)', () => {
  it('knows private, loopback, link-local and reserved addresses', () => {
    for (const a of ['10.0.0.1', '127.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('refuses http://10.0.0.1 and names that resolve to private addresses, unless allowed', async () => {
    await refused('http://10.0.0.1/hook');
    await refused('http://[::1]:8080/hook');
    await refused('https://internal.example/hook', async () => ['93.184.216.34', '10.1.2.3']);
    await refused('https://nowhere.example/hook', async () => Promise.reject(new Error('ENOTFOUND')));
    await expect(validateEndpointUrl('http://10.0.0.1/hook', { allowPrivate: true })).resolves.toBe('http://10.0.0.1/hook');
    await expect(validateEndpointUrl('https://shop.example/hook', { allowPrivate: false, resolve: async () => ['93.184.216.34'] })).resolves.toBe('https://shop.example/hook');
  });

  it('takes http and https only, without credentials', async () => {
    await refused('ftp://shop.example/hook', async () => ['93.184.216.34']);
    await refused('file:///etc/passwd');
    await refused('not a url');
    await refused('https://user:pw@shop.example/hook', async () => ['93.184.216.34']);
  });
});
