// OEP45-C005: when a named release is built (a release tag such as `release/sumac.2`, or
// `--release sumac.2`), its changelog must say what that release changes: an entry whose heading
// names it, e.g. `[sumac.2] - 2025-02-01`.

import type { Rule } from '../rule.js';
import { readChangelog } from './changelog.js';
import { releaseBeingChecked } from './history.js';
import { normalizeReleaseVersion } from './version-heading.js';

export const c005ReleaseEntry: Rule = {
  meta: {
    id: 'OEP45-C005',
    title: 'A named release has a changelog entry',
    severity: 'error',
    area: 'changelog',
    help: 'Rename the "Unreleased" section to the release, e.g. "[sumac.2] - 2025-02-01" (scriv: `scriv collect --version sumac.2`), before tagging.',
  },
  check(ctx) {
    const release = releaseBeingChecked(ctx);
    const log = readChangelog(ctx);
    if (!release || !log) return [];
    const names = (text: string): boolean => new RegExp(`(^|[^\\w.-])${release.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.-]|\\.(?!\\w))`, 'i').test(text);
    const found = log.entries.some((e) => (e.version && normalizeReleaseVersion(e.version) === release) || names(e.heading.text));
    if (found) return [];
    const unreleased = log.entries.find((e) => e.kind === 'unreleased');
    return [
      {
        message: `the changelog has no entry for the release ${release}`,
        file: log.file ?? log.fragmentsDir ?? ctx.project.changelog!,
        line: unreleased?.heading.line ?? (log.file ? 1 : 0),
      },
    ];
  },
};
