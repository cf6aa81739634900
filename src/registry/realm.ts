// Where a registry's credentials may be sent. The registry's own answers name the token service
// (`WWW-Authenticate: Bearer realm="…"`), and docker sends the password to whatever realm that is;
// this client sends it only to a token service of the same site as the registry:
//   * the registry's own host name, whatever the port (RFC 6265 draws the same line for cookies:
//     a port is no isolation on one host; distribution's token servers commonly listen on the
//     registry's host at another port);
//   * a subdomain of the registry's host, or a host within the registry's parent domain when that
//     parent has two labels or more (`registry-1.docker.io` → `auth.docker.io`,
//     `registry.gitlab.com` → `gitlab.com`), never a bare top-level domain's neighbours;
//   * an IP address only when it is the registry's own (127.0.0.2 is another host than
//     127.0.0.1: another address is another machine's, loopback or not);
//   * over HTTPS, or plain HTTP to a loopback address only (as docker allows plain-HTTP registries
//     there without configuration).
// A realm elsewhere gets no credential; anonymous token requests (no credential at stake) may go
// anywhere. The registry itself names its realm, and could as well ask for Basic credentials
// itself: the rule guards against a realm it did not mean (after a redirect, a header a proxy
// set, a misconfiguration), not against the registry. Hand-written without the public-suffix
// list (tldts would add its list to every start-up): so a registry under a two-label public
// suffix (`a.co.uk`) would let a neighbour (`b.co.uk`) in; no registry we know is named so.

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function hostname(host: string): string {
  return new URL(`http://${host}`).hostname.toLowerCase();
}

function isIp(name: string): boolean {
  return IPV4.test(name) || name.startsWith('[');
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '[::1]';
}

function sameSite(registryName: string, realmName: string): boolean {
  if (registryName === realmName) return true;
  if (isIp(registryName) || isIp(realmName)) return false;
  if (realmName.endsWith(`.${registryName}`)) return true;
  const parent = registryName.split('.').slice(1);
  if (parent.length < 2) return false;
  const domain = parent.join('.');
  return realmName === domain || realmName.endsWith(`.${domain}`);
}

/**
 * Why the credentials of the registry answering on `registryHost` (`host[:port]`) must not go to
 * the token service `realm`; undefined when they may.
 */
export function realmRefusal(registryHost: string, realm: URL): string | undefined {
  const registryName = hostname(registryHost);
  const realmName = realm.hostname.toLowerCase();
  if (!sameSite(registryName, realmName)) return `its token service is on another host (${realm.host})`;
  if (realm.protocol === 'https:') return undefined;
  if (realm.protocol === 'http:' && isLoopbackName(realmName)) return undefined;
  return `its token service is not reached over HTTPS (${realm.protocol}//${realm.host})`;
}
