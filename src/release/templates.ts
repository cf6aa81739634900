// Tag templates: the default Open edX scheme per kind of build, the `tags` section of .oep45.yml
// that replaces a kind's list, and their expansion into tags. A template is literal tag characters
// and placeholders in braces, e.g. `sha-{sha7}`; docs/tags.md lists them. Expansion never repairs a
// tag: one that comes out invalid is an error naming the template (and the value it came from).

import type { TagTemplates } from '../model/project.js';
import type { BuildKind, ReleaseContext } from '../model/release.js';
import { UserError } from '../util/errors.js';
import { isValidTag } from './references.js';

export type Placeholder = 'branch' | 'sha' | 'sha7' | 'date' | 'release' | 'version' | 'number' | 'pr';
export type TemplateKind = Exclude<BuildKind, 'none'>;
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['master', 'nightly', 'release-line', 'named-release', 'pull-request'];

/** Which placeholders each kind's templates may use (the schema says the same). */
export const PLACEHOLDERS: Record<TemplateKind, readonly Placeholder[]> = {
  master: ['branch', 'sha', 'sha7', 'date'],
  nightly: ['branch', 'sha', 'sha7', 'date'],
  'release-line': ['release', 'branch', 'sha', 'sha7', 'date'],
  'named-release': ['release', 'version', 'number', 'sha', 'sha7', 'date'],
  'pull-request': ['pr', 'sha', 'sha7', 'date'],
};

/** The Open edX scheme. The `version` label is the first tag that is not `latest`. */
export const DEFAULT_TAGS: Record<TemplateKind, readonly string[]> = {
  master: ['latest', '{branch}', '{sha}', 'sha-{sha7}'],
  nightly: ['latest', '{branch}', '{sha}', 'sha-{sha7}', '{date}'],
  'release-line': ['{release}', '{sha}'],
  'named-release': ['{version}', '{sha}', '{release}'],
  'pull-request': ['pr-{pr}'],
};

/**
 * In a named release, a template with none of these names no single release: it is a moving tag
 * (`{release}` → `sumac`), applied only when the release is the newest of its line.
 */
const IDENTIFYING: readonly Placeholder[] = ['version', 'number', 'sha', 'sha7'];
/** In a named release, a template with one of these is the release's own tag: never overwritten. */
const IMMUTABLE: readonly Placeholder[] = ['version', 'number'];

const ALL: readonly Placeholder[] = ['branch', 'sha', 'sha7', 'date', 'release', 'version', 'number', 'pr'];
const HINT: Record<Placeholder, string> = {
  branch: 'the ref is not a branch',
  sha: 'pass --sha: there is no commit to take it from (not a git repository, or one with no commit yet)',
  sha7: 'pass --sha: there is no commit to take it from (not a git repository, or one with no commit yet)',
  date: '',
  release: 'this build is not a release',
  version: 'this build is not a named release',
  number: 'this build is not a named release',
  pr: 'this build is not a pull request',
};

export type TagValues = Partial<Record<Placeholder, string>>;

/** The placeholders' values for a build; `{branch}` has `/` replaced by `-` (release/teak → release-teak). */
export function tagValues(context: ReleaseContext): TagValues {
  const values: TagValues = { date: context.date };
  if (context.ref.startsWith('refs/heads/')) values.branch = context.ref.slice('refs/heads/'.length).replace(/\//g, '-');
  if (context.sha) {
    values.sha = context.sha;
    values.sha7 = context.sha.slice(0, 7);
  }
  if (context.release) {
    values.release = context.release.name;
    if (context.release.version) values.version = context.release.version;
    if (context.release.number) values.number = context.release.number;
  }
  if (context.pullRequest) values.pr = String(context.pullRequest.number);
  return values;
}

/** The placeholders a template uses; refuses characters a tag cannot have and unknown names. */
export function placeholdersOf(template: string, allowed: readonly Placeholder[], where: string): Placeholder[] {
  const used: Placeholder[] = [];
  const rest = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    if (!ALL.includes(name as Placeholder)) {
      throw new UserError(`${where}: "${template}" uses {${name}}, which is not a placeholder (${ALL.map((p) => `{${p}}`).join(', ')})`);
    }
    if (!allowed.includes(name as Placeholder)) {
      throw new UserError(`${where}: "${template}" uses {${name}}, which this kind of build does not have (${allowed.map((p) => `{${p}}`).join(', ')})`);
    }
    used.push(name as Placeholder);
    return 'x';
  });
  const bad = /[^A-Za-z0-9_.-]/.exec(rest);
  if (bad) throw new UserError(`${where}: "${template}" contains "${bad[0]}", which a tag cannot contain ([A-Za-z0-9_.-])`);
  return used;
}

export function expandTemplate(template: string, values: TagValues, allowed: readonly Placeholder[], where: string): string {
  placeholdersOf(template, allowed, where);
  const tag = template.replace(/\{([a-z0-9]+)\}/g, (_, name: Placeholder) => {
    const value = values[name];
    if (value === undefined || value === '') {
      throw new UserError(`${where}: "${template}" needs {${name}}, which is unknown for this build${HINT[name] ? ` (${HINT[name]})` : ''}`);
    }
    return value;
  });
  if (!isValidTag(tag)) {
    const from = template.includes('{branch}') && values.branch ? ` (from the branch name ${values.branch})` : '';
    throw new UserError(`${where}: "${template}" gives "${tag}"${from}, which is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`);
  }
  return tag;
}

export interface KindTag {
  tag: string;
  /** A named release's own tag: must never move to another image. */
  immutable: boolean;
}

/** The configured list for a kind, or the default; with the name errors should give. */
export function templatesFor(kind: TemplateKind, configured: TagTemplates): { templates: readonly string[]; where: (i: number) => string } {
  const list = configured[kind];
  if (Array.isArray(list)) {
    return { templates: list.map(String), where: (i) => `.oep45.yml tags.${kind}[${i}]` };
  }
  return { templates: DEFAULT_TAGS[kind], where: () => `the default ${kind} tags` };
}

/**
 * The tags this build gives every image (plain tags, not yet on a repository), in template order,
 * without duplicates; in a named release, moving tags only when it is the newest of its line.
 */
export function kindTags(context: ReleaseContext, configured: TagTemplates): KindTag[] {
  if (context.kind === 'none') return [];
  const kind = context.kind;
  const { templates, where } = templatesFor(kind, configured);
  const values = tagValues(context);
  const out: KindTag[] = [];
  templates.forEach((template, i) => {
    const used = placeholdersOf(template, PLACEHOLDERS[kind], where(i));
    const release = kind === 'named-release';
    if (release && !used.some((p) => IDENTIFYING.includes(p)) && !context.release?.newest) return;
    const tag = expandTemplate(template, values, PLACEHOLDERS[kind], where(i));
    if (out.some((t) => t.tag === tag)) return;
    out.push({ tag, immutable: release && used.some((p) => IMMUTABLE.includes(p)) });
  });
  return out;
}

/** Extra tags (the `tags` input): any placeholder whose value this build has. */
export function expandExtraTag(template: string, context: ReleaseContext, what: string): string {
  const values = tagValues(context);
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (!ALL.includes(name as Placeholder)) {
      throw new UserError(`${what}: "${template}" uses {${name}}, which is not a placeholder (${ALL.map((p) => `{${p}}`).join(', ')})`);
    }
    const value = values[name as Placeholder];
    if (!value) throw new UserError(`${what}: "${template}" needs {${name}}, which is unknown for this build (${context.kind})`);
    return whole === `{${name}}` ? value : whole;
  });
}
