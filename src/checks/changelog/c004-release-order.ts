// OEP45-C004: a changelog is read from the top: Unreleased first, then releases newest first.
// A version or a date out of that order (or a version listed twice) misleads operators about
// what a release contains. A service that maintains several release lines lists a maintenance
// release of an older line (16.1.8) where its date puts it, after a newer line's 17.0.0, or where
// its version does: across lines, an entry is out of order only when its version and its date
// both say so.

import type { RawFinding, Rule } from '../rule.js';
import { readChangelog } from './changelog.js';
import { compareVersions, releaseLine } from './version-heading.js';

export const c004ReleaseOrder: Rule = {
  meta: {
    id: 'OEP45-C004',
    title: 'Changelog releases are in order',
    severity: 'error',
    area: 'changelog',
    help: 'Keep "Unreleased" first, then releases from the newest to the oldest, each version once, with dates that do not go forward down the file.',
  },
  check(ctx) {
    const log = readChangelog(ctx);
    if (!log?.file) return [];
    const file = log.file;
    const findings: RawFinding[] = [];
    const seen = new Map<string, number>();
    let previous: { version: string; date?: string; line: number } | undefined;
    let releaseSeen = false;
    for (const entry of log.entries) {
      if (entry.kind === 'unreleased') {
        if (releaseSeen) findings.push({ message: '"Unreleased" comes after a release; it belongs at the top', file, line: entry.heading.line });
        continue;
      }
      releaseSeen = true;
      const version = entry.version!;
      const key = version.toLowerCase();
      if (seen.has(key)) {
        findings.push({ message: `release ${version} is listed twice (also at line ${seen.get(key)})`, file, line: entry.heading.line });
        continue;
      }
      seen.set(key, entry.heading.line);
      if (previous) {
        const order = compareVersions(version, previous.version);
        const sameLine = releaseLine(version) === releaseLine(previous.version);
        const dates = Boolean(entry.date && previous.date);
        const later = dates && entry.date! > previous.date!;
        if (order !== undefined && order > 0 && (sameLine || !dates || later)) {
          findings.push({ message: `release ${version} is listed after the older release ${previous.version} (line ${previous.line})`, file, line: entry.heading.line });
        } else if (later && (sameLine || order === undefined)) {
          findings.push({ message: `release ${version} (${entry.date}) is dated after the release above it, ${previous.version} (${previous.date})`, file, line: entry.heading.line });
        }
      }
      previous = { version, date: entry.date ?? previous?.date, line: entry.heading.line };
    }
    return findings;
  },
};
