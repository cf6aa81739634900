// What a changelog heading says: `Unreleased`, or a release with a version and a date. Accepts
// keep-a-changelog's `[1.2.0] - 2024-05-01`, Markdown links `[1.2.0](url) - 2024-05-01`, the
// forms `v1.2.0 (2024-05-01)` and `1.2.0 - 2024-05-01`, and Open edX release names
// (`[sumac.2] - 2025-02-01`, `open-release/sumac.2`), CalVer (`[2025.6.1] - 2025-06-01`) and a
// date as the version (`2025-06-16`, `[2025-06-16]`). Anything else at the level of the release
// headings is reported by OEP45-C002.

export type HeadingMeaning =
  | { kind: 'unreleased' }
  | { kind: 'release'; version: string; date?: string; problem?: string }
  | { kind: 'other' };

const UNRELEASED = /^\[?unreleased\]?(?:\s*(?:[-–—:(].*)?)$/i;
const SEMVER = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-.+]?([0-9A-Za-z][0-9A-Za-z.+-]*))?$/;
const RELEASE_NAME = /^(?:open-release\/|release\/)?([a-z]+)\.(\d+[a-z0-9]*|rc\d+|master)$/i;
/** A release named by its date. */
const DATE_VERSION = /^(\d{4}-\d{2}-\d{2})$/;

function validDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function readHeading(raw: string): HeadingMeaning {
  const text = raw.trim();
  if (UNRELEASED.test(text)) return { kind: 'unreleased' };
  let versionText: string | undefined;
  let rest = '';
  const bracket = /^\[([^\]]+)\](?:\([^)]*\)|_)?(.*)$/.exec(text) ?? /^`([^`]+)`_?(.*)$/.exec(text);
  if (bracket) {
    versionText = bracket[1]!.trim();
    rest = bracket[2]!;
  } else {
    const bare = /^(v?\d[^\s(]*|(?:open-release\/|release\/)?[a-z]+\.(?:\d+[a-z0-9]*|rc\d+))(.*)$/i.exec(text);
    if (!bare) return { kind: 'other' };
    versionText = bare[1]!;
    rest = bare[2]!;
  }
  const dated = DATE_VERSION.exec(versionText)?.[1];
  if (dated) {
    if (!validDate(dated)) return { kind: 'release', version: dated, date: dated, problem: `release date ${dated} is not a real date` };
    return { kind: 'release', version: dated, date: dated };
  }
  if (!SEMVER.test(versionText) && !RELEASE_NAME.test(versionText)) {
    return /^v?\d/.test(versionText) ? { kind: 'release', version: versionText, problem: `version "${versionText}" is not of the form X.Y.Z` } : { kind: 'other' };
  }
  const version = versionText.replace(/^v(?=\d)/, '');
  const date = /^\s*(?:[-–—:]\s*)?\(?(\d{4}-\d{2}-\d{2})\)?/.exec(rest)?.[1];
  if (!date) {
    const loose = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.exec(rest)?.[0];
    return {
      kind: 'release',
      version,
      problem: loose ? `release date "${loose}" is not YYYY-MM-DD` : `release ${version} has no date (write "[${version}] - YYYY-MM-DD")`,
    };
  }
  if (!validDate(date)) return { kind: 'release', version, date, problem: `release date ${date} is not a real date` };
  return { kind: 'release', version, date };
}

/** Compares two versions of the same kind (numbers, release names, dates); undefined across kinds. */
export function compareVersions(a: string, b: string): number | undefined {
  if (DATE_VERSION.test(a) && DATE_VERSION.test(b)) return Math.sign(a.localeCompare(b));
  const sa = SEMVER.exec(a);
  const sb = SEMVER.exec(b);
  if (sa && sb) {
    for (let i = 1; i <= 4; i++) {
      const d = Number(sa[i] ?? 0) - Number(sb[i] ?? 0);
      if (d) return Math.sign(d);
    }
    // A pre-release (1.0.0rc1, 1.0.0-beta) comes before its release.
    const pa = sa[5] ?? '';
    const pb = sb[5] ?? '';
    if (pa === pb) return 0;
    if (!pa) return 1;
    if (!pb) return -1;
    return pa.localeCompare(pb, 'en', { numeric: true }) > 0 ? 1 : -1;
  }
  const ra = RELEASE_NAME.exec(a);
  const rb = RELEASE_NAME.exec(b);
  if (ra && rb) {
    const name = ra[1]!.toLowerCase().localeCompare(rb[1]!.toLowerCase());
    if (name) return Math.sign(name);
    return Math.sign(releaseNumberRank(ra[2]!) - releaseNumberRank(rb[2]!));
  }
  return undefined;
}

/**
 * The release line a version belongs to: the major number (`16` for 16.1.8; `0.4` below 1.0), the
 * name of a named release, one line for dated releases. A maintenance release of an older line may
 * be dated after a newer line's release.
 */
export function releaseLine(version: string): string {
  if (DATE_VERSION.test(version)) return 'date';
  const s = SEMVER.exec(version);
  if (s) return s[1] === '0' ? `0.${s[2]}` : s[1]!;
  const r = RELEASE_NAME.exec(version);
  return r ? r[1]!.toLowerCase() : version;
}

/** Order within a release name: rc1 < 1rc1 < 1 < 2a < 2 … (`master` last). */
export function releaseNumberRank(n: string): number {
  if (n === 'master') return Number.MAX_SAFE_INTEGER;
  const m = /^(\d*)(.*)$/.exec(n.toLowerCase())!;
  const number = m[1] ? Number(m[1]) : 0;
  const suffix = m[2] ?? '';
  // A suffixed number (1rc1, 2a) is a pre-release of that number.
  const sub = suffix ? Math.min(Number(/\d+/.exec(suffix)?.[0] ?? 0), 99) + (suffix.startsWith('rc') ? 100 : 0) : 999;
  return number * 1000 + sub;
}

/** `sumac.2` from `open-release/sumac.2`, `release/Sumac.2`, `sumac.2`. */
export function normalizeReleaseVersion(version: string): string {
  return version.trim().replace(/^(open-release|release)\//, '').toLowerCase();
}
