// Image references: registries (`docker.io/openedx`, `ghcr.io/my-org`, `localhost:5000`), repository
// names and tags, checked against the grammar of distribution/reference. Written by hand: the
// grammar is a few lines, and the npm packages for it are unmaintained or pull in a Docker client.
//
// Normalisation, the same everywhere (registries, full references in `tags`):
// * the first path component is a registry host when it contains `.` or `:` or is `localhost`
//   (docker's rule, less its upper-case clause: we lower-case names, so `OpenEdX` is a namespace);
//   otherwise the name is on Docker Hub: the registry `openedx` and the reference
//   `openedx/credentials:tag` mean `docker.io/openedx` and `docker.io/openedx/credentials:tag`;
// * Docker Hub's other names (`index.docker.io`, `registry-1.docker.io`, `registry.hub.docker.com`)
//   become `docker.io`;
// * hosts and repository paths are lower-cased (registries require it; GitHub owners often are not).
// Tags are never changed: a tag that is not valid is an error naming where it came from.

import { UserError } from '../util/errors.js';

export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function isValidTag(tag: string): boolean {
  return TAG_PATTERN.test(tag);
}

function isHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** `[host/]path` → `host/path`, normalised; `what` names the input in errors. */
function normaliseRepository(text: string, what: string, allowNoPath: boolean): string {
  const parts = text.split('/');
  let host = 'docker.io';
  if ((parts.length > 1 || allowNoPath) && isHost(parts[0]!)) host = parts.shift()!.toLowerCase();
  if (!HOST.test(host)) throw new UserError(`${what}: "${text}" has an invalid registry host "${host}"`);
  if (DOCKER_HUB_ALIASES.has(host)) host = 'docker.io';
  const path = parts.map((p) => p.toLowerCase());
  if (host === 'docker.io' && path.length === 0) {
    throw new UserError(`${what}: "${text}" names Docker Hub without a namespace; write e.g. docker.io/openedx`);
  }
  for (const component of path) {
    if (!COMPONENT.test(component)) {
      throw new UserError(
        `${what}: "${text}" is not a valid repository name: "${component}" must be lower-case letters and digits, separated by ".", "_", "__" or "-"`,
      );
    }
  }
  return [host, ...path].join('/');
}

/**
 * A registry and namespace to publish to: `docker.io/openedx`, `openedx` (Docker Hub),
 * `ghcr.io/my-org`, `localhost:5000`. No scheme, tag or digest.
 */
export function normaliseRegistry(entry: string, what: string): string {
  const text = entry.trim().replace(/\/+$/, '');
  if (/^[a-z]+:\/\//i.test(text)) throw new UserError(`${what}: "${entry}" must be a registry and namespace without a scheme, e.g. ghcr.io/my-org`);
  if (text.includes('@') || /\/[^/]*:/.test(text)) throw new UserError(`${what}: "${entry}" must be a registry and namespace, without a tag or digest`);
  if (!text) throw new UserError(`${what}: an empty registry`);
  // A single component with a colon is a host with a port (localhost:5000), never name:tag.
  return normaliseRepository(text, what, true);
}

/** An image name under a registry, e.g. `credentials-dev`; lower-cased, checked. */
export function imageRepository(registry: string | undefined, name: string, what: string): string {
  const lower = name.toLowerCase();
  for (const component of lower.split('/')) {
    if (!COMPONENT.test(component)) throw new UserError(`${what}: "${name}" is not a valid repository name`);
  }
  return registry ? `${registry}/${lower}` : lower;
}

/**
 * `ghcr.io/org/img:tag`, `openedx/img:tag` (Docker Hub) → repository (normalised) and tag;
 * `img:tag` stays a local name.
 */
export function parseReference(reference: string, what: string): { repository: string; tag: string } {
  const text = reference.trim();
  if (text.includes('@')) throw new UserError(`${what}: "${reference}" is a digest reference; give a tag`);
  const slash = text.lastIndexOf('/');
  const colon = text.lastIndexOf(':');
  if (colon <= slash) throw new UserError(`${what}: "${reference}" has no tag; write it as repository:tag`);
  const tag = text.slice(colon + 1);
  if (!isValidTag(tag)) throw new UserError(`${what}: "${tag}" in "${reference}" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`);
  const name = text.slice(0, colon);
  // A bare `credentials:tag` is a local name, as the plan's own names are without registries.
  if (!name.includes('/')) return { repository: imageRepository(undefined, name, what), tag };
  return { repository: normaliseRepository(name, what, false), tag };
}
