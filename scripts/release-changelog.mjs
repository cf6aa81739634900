// Our own CHANGELOG.md as the release steps need it: the section of one version (the GitHub
// release's text), the `Unreleased` section turned into a release, a line added under
// `Unreleased`, and keep-a-changelog's link references made again from the headings. Written by
// hand for this one file's `## [X.Y.Z] - YYYY-MM-DD` headings: its shape is checked in CI by our
// own changelog rules (`oep45 check .`, OEP45-C002 and OEP45-C004), so these steps only cut it at
// its `## ` lines.

const REPO_URL = 'https://github.com/openedx/oep45-action';
const SECTION = /^## \[([^\]]+)\](.*)$/;
const LINK = /^\[[^\]]+\]: \S+\s*$/;
const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/** `1.2.0` against `1.10.0`, numerically; a pre-release (`1.2.0-rc.1`) before its release. */
export function compareVersions(a, b) {
  const pa = VERSION.exec(a);
  const pb = VERSION.exec(b);
  if (!pa || !pb) throw new Error(`not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d) return Math.sign(d);
  }
  if (pa[4] === pb[4]) return 0;
  if (pa[4] === undefined) return 1;
  if (pb[4] === undefined) return -1;
  return pa[4].localeCompare(pb[4], 'en', { numeric: true }) > 0 ? 1 : -1;
}

export function isVersion(text) {
  return VERSION.test(text);
}

export function isPrerelease(version) {
  return VERSION.exec(version)?.[4] !== undefined;
}

/** The `## [...]` sections in order: name, the heading's rest, and their lines (0-based, end exclusive). */
export function sections(text) {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (LINK.test(lines[end - 1]) || lines[end - 1].trim() === '')) end--;
  const found = [];
  lines.forEach((line, i) => {
    const m = SECTION.exec(line);
    if (m && i < end) found.push({ name: m[1], rest: m[2], start: i });
  });
  found.forEach((s, i) => (s.end = i + 1 < found.length ? found[i + 1].start : end));
  return { lines, sections: found, linksFrom: end };
}

function body(lines, section) {
  return lines
    .slice(section.start + 1, section.end)
    .join('\n')
    .trim();
}

/** The text of the section of `version`, without its heading: what the GitHub release says. */
export function releaseNotes(text, version) {
  const { lines, sections: all } = sections(text);
  const section = all.find((s) => s.name === version);
  if (!section) throw new Error(`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD"`);
  if (!/^ - \d{4}-\d{2}-\d{2}\s*$/.test(section.rest)) throw new Error(`CHANGELOG.md: "## [${version}]${section.rest}" needs its date: "## [${version}] - YYYY-MM-DD"`);
  const notes = body(lines, section);
  if (!notes) throw new Error(`CHANGELOG.md: the section of ${version} is empty`);
  return notes;
}

/** The released versions, newest first, as the headings list them. */
export function releasedVersions(text) {
  return sections(text)
    .sections.map((s) => s.name)
    .filter(isVersion);
}

/** The link references keep-a-changelog puts under the sections, made again from the headings. */
function links(names) {
  const released = names.filter(isVersion);
  return names.map((name) => {
    if (!isVersion(name)) return `[${name}]: ${released[0] ? `${REPO_URL}/compare/v${released[0]}...HEAD` : `${REPO_URL}/commits/HEAD`}`;
    const older = released[released.indexOf(name) + 1];
    return `[${name}]: ${older ? `${REPO_URL}/compare/v${older}...v${name}` : `${REPO_URL}/releases/tag/v${name}`}`;
  });
}

function withLinks(lines, linksFrom, names) {
  return `${lines.slice(0, linksFrom).join('\n').trimEnd()}\n\n${links(names).join('\n')}\n`;
}

/** `## [Unreleased]` becomes `## [version] - date`; the links follow. */
export function prepareRelease(text, version, date) {
  if (!isVersion(version)) throw new Error(`"${version}" is not a version X.Y.Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`"${date}" is not a date YYYY-MM-DD`);
  const { lines, sections: all, linksFrom } = sections(text);
  const unreleased = all.find((s) => s.name.toLowerCase() === 'unreleased');
  if (!unreleased || !body(lines, unreleased)) throw new Error('CHANGELOG.md has nothing under "## [Unreleased]": nothing to release');
  const newest = releasedVersions(text)[0];
  if (newest && compareVersions(version, newest) <= 0) throw new Error(`${version} is not newer than ${newest}, the newest release in CHANGELOG.md`);
  lines[unreleased.start] = `## [${version}] - ${date}`;
  return withLinks(lines, linksFrom, all.map((s) => (s === unreleased ? version : s.name)));
}

/** Index after the last line of `lines[from, to)` that is not blank. */
function lastContent(lines, from, to) {
  let at = to;
  while (at > from && lines[at - 1].trim() === '') at--;
  return at;
}

/** `- line` under `### heading` of `## [Unreleased]`, both made when missing. */
export function addUnreleased(text, heading, line) {
  let { lines, sections: all, linksFrom } = sections(text);
  if (!all.some((s) => s.name.toLowerCase() === 'unreleased')) {
    lines.splice(all[0]?.start ?? linksFrom, 0, '## [Unreleased]', '');
    ({ lines, sections: all, linksFrom } = sections(lines.join('\n')));
  }
  const unreleased = all.find((s) => s.name.toLowerCase() === 'unreleased');
  const sub = lines.findIndex((l, i) => i > unreleased.start && i < unreleased.end && l.trim() === `### ${heading}`);
  if (sub < 0) {
    const at = lastContent(lines, unreleased.start + 1, unreleased.end);
    lines.splice(at, 0, '', `### ${heading}`, '', `- ${line}`);
  } else {
    const next = lines.findIndex((l, i) => i > sub && i < unreleased.end && l.startsWith('### '));
    lines.splice(lastContent(lines, sub + 1, next < 0 ? unreleased.end : next), 0, `- ${line}`);
  }
  const after = sections(lines.join('\n'));
  return withLinks(after.lines, after.linksFrom, after.sections.map((s) => s.name));
}
