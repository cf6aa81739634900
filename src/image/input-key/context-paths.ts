// Which parts of the build context a Dockerfile can read, so that the input key covers those and
// nothing else. BuildKit itself only transfers what the Dockerfile names: the sources of COPY and
// ADD (not `--from` a stage or image, not URLs, not heredocs) and the sources of `RUN --mount`
// bind mounts without `from=`. In a repository of many Dockerfiles built from its root (the
// images-data.json layout), the whole-context listing made every image's key change with any
// commit — another service's Dockerfile, a README; with this, an image is rebuilt only when a file
// it reads changes.
// Conservative by construction: a source with a variable that cannot be expanded, `.`, a wildcard
// at the top level, a bind mount of the whole context, or an ONBUILD instruction means the whole
// context; a wildcard deeper down keeps the folder above it; a symbolic link among what is read
// (or above it) means the whole context too (contextDigest checks that, since BuildKit follows it).

import { posix } from 'node:path';

/** A path prefix of the context the Dockerfile reads (`requirements`, `src/app/main.py`). */
export type ContextPrefix = string;

const WILDCARD = /[*?[\\]/;

/**
 * The prefix a COPY/ADD source reads below, or `undefined` for the whole context. Leading `/` and
 * `./` are the context root; `..` cannot leave it (BuildKit cleans the path the same way).
 */
export function sourcePrefix(source: string): ContextPrefix | undefined {
  const cleaned = posix.normalize(`/${source}`).replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = cleaned ? cleaned.split('/') : [];
  const literal: string[] = [];
  for (const part of parts) {
    if (WILDCARD.test(part)) break;
    literal.push(part);
  }
  return literal.length ? literal.join('/') : undefined;
}

/** A URL (`ADD https://…`, a git source) is not read from the context. */
export function isRemoteSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@[^:]+:/.test(source);
}

/**
 * The context sources of one `RUN --mount=…` flag value: bind mounts (the default type) without
 * `from=` read `source=` (default: the whole context). Other types read nothing from it.
 * Returns `[]` for none, `[undefined]` for the whole context.
 */
export function mountSources(spec: string): Array<ContextPrefix | undefined> {
  const fields = new Map<string, string>();
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    fields.set((eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : field.slice(eq + 1).trim());
  }
  if ((fields.get('type') ?? 'bind') !== 'bind' || fields.has('from')) return [];
  const source = fields.get('source') ?? fields.get('src');
  return [source ? sourcePrefix(source) : undefined];
}

/**
 * Whether a listed path is one the Dockerfile reads: a prefix names it or a folder above it; or it
 * lies above a prefix (only a symbolic link can: contextDigest then keeps the whole context).
 */
export function readsPath(prefixes: readonly ContextPrefix[], path: string): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}/`) || p.startsWith(`${path}/`));
}
