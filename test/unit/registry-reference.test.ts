import { describe, expect, it } from 'vitest';
import { apiBase, formatReference, normalizeRegistry, parseReference } from '../../src/registry/reference.js';

const D = 'sha256:' + 'a'.repeat(64);

describe('parseReference', () => {
  const cases: Array<[string, object]> = [
    ['busybox', { registry: 'docker.io', repository: 'library/busybox' }],
    ['busybox:1.36', { registry: 'docker.io', repository: 'library/busybox', tag: '1.36' }],
    ['openedx/credentials:latest', { registry: 'docker.io', repository: 'openedx/credentials', tag: 'latest' }],
    ['docker.io/openedx/credentials:sumac.2', { registry: 'docker.io', repository: 'openedx/credentials', tag: 'sumac.2' }],
    ['index.docker.io/library/python:3.12', { registry: 'docker.io', repository: 'library/python', tag: '3.12' }],
    ['ghcr.io/my-org/notes', { registry: 'ghcr.io', repository: 'my-org/notes' }],
    ['127.0.0.1:5000/ns/app:inputs-abc', { registry: '127.0.0.1:5000', repository: 'ns/app', tag: 'inputs-abc' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/app:1', { registry: 'localhost:5000', repository: 'app', tag: '1' }],
    [`python@${D}`, { registry: 'docker.io', repository: 'library/python', digest: D }],
    [`ghcr.io/a/b:v1@${D}`, { registry: 'ghcr.io', repository: 'a/b', tag: 'v1', digest: D }],
    ['oep45-test/debian:bookworm', { registry: 'docker.io', repository: 'oep45-test/debian', tag: 'bookworm' }],
    ['my_org/some__name-x.y:tag_1.2-3', { registry: 'docker.io', repository: 'my_org/some__name-x.y', tag: 'tag_1.2-3' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${text}`, () => expect(parseReference(text)).toEqual(expected));
  }

  const bad: Array<[string, RegExp]> = [
    ['', /no repository name/],
    ['Upper/case', /"Upper" is not a repository name component/],
    ['app:', /"" is not a tag/],
    ['app:-x', /"-x" is not a tag/],
    ['app@sha256:short', /is not a digest/],
    ['a//b', /"" is not a repository name component/],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(() => parseReference(text)).toThrow(message));
  }

  it('formats back to registry/repository:tag@digest', () => {
    expect(formatReference(parseReference('python:3'))).toBe('docker.io/library/python:3');
    expect(formatReference(parseReference(`ghcr.io/a/b@${D}`))).toBe(`ghcr.io/a/b@${D}`);
  });
});

describe('registry hosts', () => {
  const hosts: Array<[string, string]> = [
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['GHCR.io', 'ghcr.io'],
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
  ];
  for (const [text, expected] of hosts) it(`normalizes ${text}`, () => expect(normalizeRegistry(text)).toBe(expected));

  const bases: Array<[string, string]> = [
    ['docker.io', 'https://registry-1.docker.io'],
    ['ghcr.io', 'https://ghcr.io'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['localhost:5000', 'http://localhost:5000'],
    ['registry.example.com:5000', 'https://registry.example.com:5000'],
  ];
  for (const [registry, expected] of bases) it(`talks to ${registry} at ${expected}`, () => expect(apiBase(registry)).toBe(expected));
});
