// The layer cache of a pull-request build (`pull_request`, `pull_request_target`): read, never
// written. A pull request's build runs what the pull request says; a cache it wrote (the
// registry's `:buildcache`, the gha cache) is what the next trusted build of the default branch
// or a release reads, so no `--cache-to` is given at all, whatever asked for one — the default
// cache, the workflow's `cache-to` input or `.oep45.yml`. And the `.oep45.yml` of a pull request
// is the pull request's own: its `build.cache-from`/`cache-to` lists are not used (the backend it
// chooses, `build.cache`, is kept: it names only a cache this tool lays out itself). A publishing
// build takes cache settings from the workflow's inputs or from `.oep45.yml` as committed to the
// branch or tag it builds, which only people with write access change (docs/workflows.md).

import type { BuildOptions } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';

export interface CachePolicy {
  build: BuildOptions;
  /** What the log says, once per run. */
  lines: string[];
}

export function cachePolicy(build: BuildOptions, context: Pick<ReleaseContext, 'kind' | 'eventName'>): CachePolicy {
  if (context.kind !== 'pull-request') return { build, lines: [] };
  const lines = ['pull request build: the layer cache is read, never written (no --cache-to), so a pull request cannot change what trusted builds read'];
  const ignored = [build.cacheFromSource === '.oep45.yml' ? 'build.cache-from' : '', build.cacheToSource === '.oep45.yml' ? 'build.cache-to' : ''].filter(Boolean);
  if (ignored.length) {
    lines.push(`pull request build: .oep45.yml's ${ignored.join(' and ')} ${ignored.length > 1 ? 'are' : 'is'} not used: that file is the pull request's own (the workflow's cache-from input still is)`);
  }
  return {
    build: {
      ...build,
      cacheFrom: build.cacheFromSource === '.oep45.yml' ? [] : build.cacheFrom,
      cacheTo: [],
      writeCache: false,
    },
    lines,
  };
}
