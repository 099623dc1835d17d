import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './secret-seal';

describe('secret seal', () => {
  const key = randomBytes(32);
  it('opens what it sealed, for the same endpoint and key only', () => {
    const sealed = sealSecret(key, 'we_1', 'whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(openSecret(key, 'we_1', sealed)).toBe('whsec_abc');
    expect(() => openSecret(key, 'we_2', sealed)).toThrow();
    expect(() => openSecret(randomBytes(32), 'we_1', sealed)).toThrow();
  });
});
