// The input key: one sha256 over everything that determines an image, written as a canonical,
// versioned text so that the same inputs always give the same key and any change gives another.
// Build args and platforms are sorted (their order does not change the image); FROM images and
// git sources keep Dockerfile order. Secret ids are in, secret values never.

import { createHash } from 'node:crypto';

/** Bump when the composition changes, so old `inputs-*` tags are never mistaken for new ones. */
export const INPUT_KEY_VERSION = 1;

export interface InputKeyParts {
  /** Digest of the context's listing (see context-digest.ts). */
  context: string;
  /** sha256 of the Dockerfile's bytes. */
  dockerfile: string;
  target?: string;
  platforms: readonly string[];
  buildArgs: Readonly<Record<string, string>>;
  /** Each FROM image with what it resolved to: `python:3.12=sha256:…`. */
  bases: ReadonlyArray<{ image: string; digest: string }>;
  /** Each `ADD <git-url>#<ref>` with the commit it resolved to. */
  gitSources: ReadonlyArray<{ url: string; ref: string; commit: string }>;
  /** Secret ids (never values): a build that mounts another secret is another build. */
  secretIds?: readonly string[];
}

export function inputKeyText(parts: InputKeyParts): string {
  const lines = [
    `oep45-input-key v${INPUT_KEY_VERSION}`,
    `context ${parts.context}`,
    `dockerfile ${parts.dockerfile}`,
    `target ${parts.target ?? ''}`,
    `platforms ${[...parts.platforms].sort().join(',')}`,
    ...Object.keys(parts.buildArgs)
      .sort()
      .map((k) => `build-arg ${JSON.stringify(k)}=${JSON.stringify(parts.buildArgs[k])}`),
    ...parts.bases.map((b) => `from ${b.image} ${b.digest}`),
    ...parts.gitSources.map((g) => `git ${g.url}#${g.ref} ${g.commit}`),
    ...[...(parts.secretIds ?? [])].sort().map((id) => `secret ${id}`),
  ];
  return lines.join('\n') + '\n';
}

/** 64 hex characters: the key as it appears in the label and (prefixed `inputs-`) in the tag. */
export function composeInputKey(parts: InputKeyParts): string {
  return createHash('sha256').update(inputKeyText(parts)).digest('hex');
}

export function inputKeyTag(key: string): string {
  return `inputs-${key}`;
}
