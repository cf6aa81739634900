// Image references (`host/ns/name:tag@sha256:…`) split the way docker splits them: the first path
// component is a registry host when it has a `.` or a `:` or is `localhost`, else the image is on
// Docker Hub (`docker.io`, API at registry-1.docker.io, one-component names under `library/`).
// Hand-written: the grammar is small and fixed (distribution's reference package), and the JS
// parsers for it are unmaintained; the unit test is a table of docker's own cases.

import { UserError } from '../util/errors.js';

export const DOCKER_HUB = 'docker.io';

export interface RepositoryRef {
  /** Registry as users write it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Repository path inside the registry: `openedx/credentials`, `library/python`. */
  repository: string;
}

export interface ImageRef extends RepositoryRef {
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

function isHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** `index.docker.io`, `registry-1.docker.io` and `docker.io` are one registry. */
export function normalizeRegistry(host: string): string {
  const h = host
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return h === 'index.docker.io' || h === 'registry-1.docker.io' || h === 'registry.hub.docker.com' ? DOCKER_HUB : h;
}

export function parseReference(text: string): ImageRef {
  const bad = (why: string): UserError => new UserError(`"${text}" is not a valid image reference: ${why}`);
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`"${digest}" is not a digest`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`"${tag}" is not a tag`);
  }
  if (!rest) throw bad('no repository name');
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && isHost(parts[0]!)) registry = normalizeRegistry(parts.shift()!);
  for (const part of parts) {
    if (!COMPONENT.test(part)) throw bad(`"${part}" is not a repository name component (lowercase letters, digits, separators)`);
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const ref: ImageRef = { registry, repository: parts.join('/') };
  if (tag) ref.tag = tag;
  if (digest) ref.digest = digest;
  return ref;
}

/** `registry/repository`, the form used as a map key and in messages. */
export function repositoryName(ref: RepositoryRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** `registry/repository:tag` or `registry/repository@digest`. */
export function formatReference(ref: ImageRef): string {
  return `${repositoryName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The host the HTTP API answers on. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Plain HTTP only for loopback registries (as docker allows them without configuration). */
export function apiBase(registry: string): string {
  const host = apiHost(registry);
  const name = host.replace(/:\d+$/, '');
  const loopback = name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
  return `${loopback ? 'http' : 'https'}://${host}`;
}
