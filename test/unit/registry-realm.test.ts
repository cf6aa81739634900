// Where a registry's credentials may go (src/registry/realm.ts): the token services real registries
// name, and the ones that get no credential — another address, another domain, plain HTTP.
import { describe, expect, it } from 'vitest';
import { realmRefusal } from '../../src/registry/realm.js';

describe('realmRefusal', () => {
  const allowed: Array<[string, string]> = [
    ['registry-1.docker.io', 'https://auth.docker.io/token'],
    ['ghcr.io', 'https://ghcr.io/token'],
    ['quay.io', 'https://quay.io/v2/auth'],
    ['registry.gitlab.com', 'https://gitlab.com/jwt/auth'],
    ['registry.digitalocean.com', 'https://api.digitalocean.com/v2/registry/auth'],
    ['us-docker.pkg.dev', 'https://us-docker.pkg.dev/v2/token'],
    ['myregistry.azurecr.io', 'https://myregistry.azurecr.io/oauth2/token'],
    ['registry.example.com', 'https://auth.registry.example.com/token'],
    // Same host, another port: distribution's token servers commonly run so.
    ['127.0.0.1:5000', 'http://127.0.0.1:5001/token'],
    ['localhost:5000', 'http://localhost:5001/auth'],
    ['registry.example.com', 'https://registry.example.com:8443/token'],
  ];
  for (const [registry, realm] of allowed) it(`${registry} → ${realm}: allowed`, () => expect(realmRefusal(registry, new URL(realm))).toBeUndefined());

  const refused: Array<[string, string, RegExp]> = [
    // Another loopback address is another host.
    ['127.0.0.1:5000', 'http://127.0.0.2:5000/token', /another host \(127\.0\.0\.2:5000\)/],
    ['127.0.0.1:5000', 'http://localhost:5001/token', /another host \(localhost:5001\)/],
    ['ghcr.io', 'https://evil.io/token', /another host \(evil\.io\)/],
    // A top-level domain's neighbours are not the registry's site.
    ['ghcr.io', 'https://ghcr.io.evil.com/token', /another host/],
    ['registry-1.docker.io', 'https://docker.io.evil.com/token', /another host/],
    ['registry.gitlab.com', 'https://gitlab.com.evil.net/jwt', /another host/],
    ['10.0.0.5:5000', 'https://10.0.0.6/token', /another host/],
    // Plain HTTP only to a loopback address.
    ['registry.example.com', 'http://registry.example.com/token', /not reached over HTTPS \(http:\/\/registry\.example\.com\)/],
    ['registry-1.docker.io', 'ftp://auth.docker.io/token', /not reached over HTTPS/],
  ];
  for (const [registry, realm, why] of refused) it(`${registry} → ${realm}: refused`, () => expect(realmRefusal(registry, new URL(realm))).toMatch(why));
});
