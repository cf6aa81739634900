import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../src/registry/www-authenticate.js';
import { decodeAuthEntry, findAuthEntry } from '../../src/registry/credentials.js';

describe('parseWwwAuthenticate', () => {
  const cases: Array<[string | null, object[]]> = [
    [null, []],
    ['', []],
    ['Basic realm="oep45-test"', [{ scheme: 'basic', params: { realm: 'oep45-test' } }]],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } }],
    ],
    // GHCR's form: spaces after commas, a scope with two actions
    ['Bearer realm="https://ghcr.io/token", service="ghcr.io", scope="repository:o/n:pull,push"', [{ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/n:pull,push' } }]],
    ['bearer REALM=http://127.0.0.1:1/t', [{ scheme: 'bearer', params: { realm: 'http://127.0.0.1:1/t' } }]],
    ['Basic realm="a \\"quoted\\" realm"', [{ scheme: 'basic', params: { realm: 'a "quoted" realm' } }]],
    [
      'Basic realm="one", Bearer realm="two",service="s"',
      [
        { scheme: 'basic', params: { realm: 'one' } },
        { scheme: 'bearer', params: { realm: 'two', service: 's' } },
      ],
    ],
    ['Bearer', [{ scheme: 'bearer', params: {} }]],
    ['=junk', []],
  ];
  for (const [header, expected] of cases) {
    it(`reads ${JSON.stringify(header)}`, () => expect(parseWwwAuthenticate(header)).toEqual(expected));
  }
});

describe('docker config.json auths', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  it('decodes base64 user:password, keeping colons in the password', () => {
    expect(decodeAuthEntry({ auth: b64('bob:pa:ss') })).toEqual({ username: 'bob', password: 'pa:ss' });
  });
  it('reads separate username and password fields', () => {
    expect(decodeAuthEntry({ username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p' });
  });
  it('gives nothing for an entry without a password', () => {
    expect(decodeAuthEntry({ auth: b64('nocolon') })).toBeUndefined();
    expect(decodeAuthEntry({})).toBeUndefined();
  });
  const config = {
    auths: {
      'https://index.docker.io/v1/': { auth: b64('hub:1') },
      '127.0.0.1:5000': { auth: b64('local:2') },
      'https://ghcr.io': { auth: b64('gh:3') },
    },
  };
  const lookups: Array<[string, string | undefined]> = [
    ['docker.io', 'hub'],
    ['127.0.0.1:5000', 'local'],
    ['ghcr.io', 'gh'],
    ['quay.io', undefined],
  ];
  for (const [registry, user] of lookups) {
    it(`finds the entry for ${registry}`, () => expect(findAuthEntry(config, registry)?.username).toBe(user));
  }
});
