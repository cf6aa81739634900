// The upgrade notes as text (a terminal), Markdown (a release page, an upgrade ticket, the job
// summary) and JSON. Every value that comes from the repository or the operator's file is escaped
// for Markdown and HTML (src/report/escape/markdown.ts, with the `|` of a table cell) before it
// reaches a page; code is put in <code> elements, in which those escapes still hold.

import { mdCellText as mdCellText } from '../report/escape/markdown.js';
import { defaultText, type UpgradeItem } from './upgrade.js';
import type { OperatorLine, OperatorVerdict } from './upgrade-operator.js';
import type { ChangelogMention } from './upgrade-changelog.js';
import type { PackageNotes, UpgradeNotes } from './upgrade-notes.js';

export interface RenderOptions {
  /** With `--config`: the operator's file and, per package, the lines about it. */
  operator?: { file: string; lines: Map<string, OperatorLine[]> };
  /** `https://github.com/owner/name/blob/<commit>`: changelog mentions become links. */
  linkBase?: string;
}

const MAX_VALUE = 60;

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > MAX_VALUE ? `${one.slice(0, MAX_VALUE - 1)}…` : one;
}

/** One item, said about the release (no operator file): backticks mark code. */
export function describeItem(item: UpgradeItem, to: string): string {
  const was = `\`${short(defaultText(item.before))}\``;
  const is = `\`${short(defaultText(item.after))}\``;
  switch (item.kind) {
    case 'layout':
      return `the settings move from the ${item.oldName} layout to the ${item.name} layout`;
    case 'variable':
      return `the path of the configuration file is read from \`${item.name}\`, no longer from \`${item.oldName}\``;
    case 'added':
      return item.required ? `\`${item.name}\` is new and **required**: set it before starting ${to}` : `\`${item.name}\` is new, default ${is}`;
    case 'now-required':
      return `\`${item.name}\` is now **required** (it had the default ${was})`;
    case 'now-default':
      return `\`${item.name}\` is no longer required: default ${is}`;
    case 'renamed':
      return `\`${item.oldName}\` seems renamed \`${item.name}\` (${item.evidence === 'documentation' ? 'same documentation' : 'same default'}; a guess, not applied)${item.required ? ', and it is **required**' : ''}`;
    case 'removed':
      return `\`${item.name}\` is removed: ${to} no longer reads it`;
    case 'default-changed':
      return `the default of \`${item.name}\` changes from ${was} to ${is}`;
  }
}

const TEXT_MARK: Record<OperatorVerdict, string> = { missing: 'MISSING', dead: 'REMOVE ', act: 'CHANGE ', relies: 'CHECK  ', fine: 'ok     ' };
const MD_MARK: Record<OperatorVerdict, string> = { missing: '❌', dead: '⚠️', act: '⚠️', relies: '⚠️', fine: '✅' };

function mentionText(m: ChangelogMention | null | undefined): string {
  return m ? `changelog: ${m.file}:${m.line} (${m.entry})` : 'the changelog does not mention it';
}

function header(notes: UpgradeNotes, pkg: PackageNotes): string {
  const layout = pkg.only === 'after' ? `new in ${notes.to.label}` : pkg.only === 'before' ? `gone in ${notes.to.label}` : `${pkg.layout.after} layout`;
  return `${pkg.dir} (${layout}${pkg.variable ? `, read from $${pkg.variable}` : ''})`;
}

export function renderText(notes: UpgradeNotes, options: RenderOptions = {}): string {
  const out: string[] = [`Upgrade notes: ${notes.from.label} → ${notes.to.label}${options.operator ? ` for ${options.operator.file}` : ''}`];
  for (const pkg of notes.packages) {
    out.push('', header(notes, pkg));
    for (const p of pkg.problems) out.push(`  note: ${p}`);
    const lines = options.operator?.lines.get(pkg.dir);
    if (lines) {
      if (!lines.length) out.push(`  nothing in ${options.operator!.file} is affected`);
      for (const l of lines) out.push(`  ${TEXT_MARK[l.verdict]} ${l.message}${l.item && l.item.kind !== 'layout' ? ` — ${mentionText(pkg.mentions[l.item.name])}` : ''}`);
    } else {
      if (!pkg.items.length) out.push('  no settings differ');
      for (const item of pkg.items) out.push(`  - ${describeItem(item, notes.to.label).replace(/\*\*/g, '')}${item.kind !== 'layout' ? ` — ${mentionText(pkg.mentions[item.name])}` : ''}`);
    }
  }
  if (!notes.changelog) out.push('', `No changelog at ${notes.to.label}: no item could be matched to an entry.`);
  const missing = [...(options.operator?.lines.values() ?? [])].flat().filter((l) => l.verdict === 'missing').length;
  if (options.operator) out.push('', missing ? `${missing} required setting${missing === 1 ? '' : 's'} missing: ${notes.to.label} would not start with ${options.operator.file}` : `${options.operator.file} sets every setting ${notes.to.label} requires`);
  return out.join('\n') + '\n';
}

/** Backtick-marked text as Markdown: code spans as <code>, everything escaped, `**` kept as bold. */
function inline(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 ? `<code>${mdCellText(part)}</code>` : part.split('**').map((p, j) => (j % 2 ? `<strong>${mdCellText(p)}</strong>` : mdCellText(p))).join('')))
    .join('');
}

function mentionMarkdown(m: ChangelogMention | null | undefined, notes: UpgradeNotes, options: RenderOptions): string {
  if (!m) return 'not mentioned';
  const label = `${mdCellText(m.file)} line ${m.line}`;
  if (!options.linkBase) return `${label} (${mdCellText(m.entry)})`;
  const path = (notes.prefix ? `${notes.prefix}/${m.file}` : m.file).split('/').map(encodeURIComponent).join('/');
  return `[${label}](${options.linkBase}/${path}?plain=1#L${m.line}) (${mdCellText(m.entry)})`;
}

export function renderMarkdown(notes: UpgradeNotes, options: RenderOptions = {}): string {
  const out: string[] = [`## Upgrade notes: ${mdCellText(notes.from.label)} → ${mdCellText(notes.to.label)}`, ''];
  if (options.operator) out.push(`For ${inline(`\`${options.operator.file}\``)}.`, '');
  for (const pkg of notes.packages) {
    out.push(`### ${inline(`\`${pkg.dir}\``)}`, '', mdCellText(header(notes, pkg).slice(pkg.dir.length + 1)), '');
    for (const p of pkg.problems) out.push(`> ${mdCellText(p)}`, '');
    const lines = options.operator?.lines.get(pkg.dir);
    if (lines) {
      if (!lines.length) out.push(`Nothing in ${inline(`\`${options.operator!.file}\``)} is affected.`, '');
      else {
        out.push('| | Your configuration | Changelog |', '| --- | --- | --- |');
        for (const l of lines) out.push(`| ${MD_MARK[l.verdict]} | ${inline(l.message)} | ${l.item && l.item.kind !== 'layout' ? mentionMarkdown(pkg.mentions[l.item.name], notes, options) : ''} |`);
        out.push('');
      }
    } else if (!pkg.items.length) {
      out.push('No settings differ.', '');
    } else {
      out.push('| Change | Changelog |', '| --- | --- |');
      for (const item of pkg.items) out.push(`| ${inline(describeItem(item, notes.to.label))} | ${item.kind !== 'layout' ? mentionMarkdown(pkg.mentions[item.name], notes, options) : ''} |`);
      out.push('');
    }
  }
  if (!notes.changelog) out.push(`No changelog at ${mdCellText(notes.to.label)}: no item could be matched to an entry.`, '');
  else if (notes.packages.some((p) => p.items.some((i) => i.kind !== 'layout' && !p.mentions[i.name]))) {
    out.push(`Items marked “not mentioned” are missing from ${inline(`\`${notes.changelog}\``)} (OEP45-C006).`, '');
  }
  return out.join('\n');
}

function itemJson(item: UpgradeItem, mention: ChangelogMention | null | undefined) {
  return {
    kind: item.kind,
    name: item.name,
    ...(item.oldName ? { oldName: item.oldName } : {}),
    ...(item.required !== undefined ? { required: item.required } : {}),
    ...(item.before ? { before: defaultText(item.before), beforeAt: { file: item.before.file, line: item.before.line } } : {}),
    ...(item.after ? { after: defaultText(item.after), afterAt: { file: item.after.file, line: item.after.line } } : {}),
    ...(item.evidence ? { evidence: item.evidence, guess: true } : {}),
    ...(item.kind !== 'layout' ? { changelog: mention ?? null } : {}),
  };
}

export function renderJson(notes: UpgradeNotes, options: RenderOptions = {}): string {
  const out = {
    from: notes.from,
    to: notes.to,
    changelog: notes.changelog ?? null,
    ...(options.operator ? { config: options.operator.file } : {}),
    packages: notes.packages.map((pkg) => ({
      dir: pkg.dir,
      layout: pkg.layout,
      variable: pkg.variable ?? null,
      ...(pkg.only ? { only: pkg.only } : {}),
      problems: pkg.problems,
      items: pkg.items.map((i) => itemJson(i, pkg.mentions[i.name])),
      ...(options.operator
        ? { config: (options.operator.lines.get(pkg.dir) ?? []).map((l) => ({ verdict: l.verdict, name: l.name, ...(l.line !== undefined ? { line: l.line } : {}), message: l.message })) }
        : {}),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
