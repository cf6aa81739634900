// The upgrade notes' pure parts, table-driven: what each pair of settings modules says (added,
// removed, default changed, moved, renamed only on strong evidence), what each says about an
// operator's file, which release an upgrade starts from, and Markdown that nothing in a value can
// break out of.

import { describe, expect, it } from 'vitest';
import { loadSettingsModel, type FileSource, type SettingsModel } from '../../src/settings/model.js';
import { guessRenames, packageUpgrade, upgradeItems } from '../../src/settings/upgrade.js';
import { operatorLines, missingRequired } from '../../src/settings/upgrade-operator.js';
import { parseYamlSource } from '../../src/config/yaml-source.js';
import { operatorKeys } from '../../src/settings/upgrade-operator.js';
import { previousReleaseTag } from '../../src/release/previous.js';
import { parseReleaseTag } from '../../src/release/refs.js';
import { renderMarkdown } from '../../src/settings/upgrade-render.js';
import { mdCellText } from '../../src/report/escape/markdown.js';
import { revisionLabel, type UpgradeNotes } from '../../src/settings/upgrade-notes.js';
import { gfmProblems } from '../helpers/gfm.js';
import { limitNotes } from '../../src/report/upgrade-notes-action.js';

function source(files: Record<string, string>): FileSource {
  return {
    read: (rel) => files[rel],
    list: (rel) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${rel}/`) && !f.slice(rel.length + 1).includes('/')).map((f) => f.slice(rel.length + 1)))].sort(),
  };
}

/** An OEP-45 package from the text of its two modules. */
function oep45(required: string, defaults: string, init = "import os\nimport yaml\nfrom .required import *\nfrom .defaults import *\nCONFIG_FILE = os.environ['APP_CFG']\nglobals().update(yaml.safe_load(open(CONFIG_FILE)))\n"): SettingsModel {
  return loadSettingsModel(source({ 'app/settings/__init__.py': init, 'app/settings/required.py': required, 'app/settings/defaults.py': defaults }), 'app/settings');
}

const doc = (name: string, text: string, value: string): string => `# .. setting_name: ${name}\n# .. setting_description: ${text}\n${name} = ${value}\n`;

describe('upgradeItems: what changed between two versions of a package', () => {
  const cases: { name: string; before: [string, string]; after: [string, string]; says: string[] }[] = [
    { name: 'nothing', before: ['A = None\n', 'B = 1\n'], after: ['A = None\n', 'B = 1\n'], says: [] },
    { name: 'a required setting added comes before a defaulted one', before: ['', 'B = 1\n'], after: ['Z = None\n', 'B = 1\nA = 2\n'], says: ['added Z required', 'added A'] },
    { name: 'a removed setting', before: ['', 'B = 1\nC = 2\n'], after: ['', 'B = 1\n'], says: ['removed C'] },
    { name: 'a default changed', before: ['', "URL = 'http://a'\n"], after: ['', "URL = 'http://b'\n"], says: ['default-changed URL'] },
    { name: 'the same default written otherwise is no change', before: ['', 'N = [1, 2]\n'], after: ['', 'N = [1,2]\n'], says: [] },
    { name: 'moved from defaults to required', before: ['', "LMS = 'x'\n"], after: ['LMS = None\n', ''], says: ['now-required LMS required'] },
    { name: 'moved from required to defaults', before: ['MAIL = None\n', ''], after: ['', "MAIL = 'a@b.c'\n"], says: ['now-default MAIL'] },
    {
      name: 'renamed: the same documentation text',
      before: ['', doc('LOGGING_LEVEL', 'Lowest level of the messages logged.', "'INFO'")],
      after: ['', doc('LOG_LEVEL', 'Lowest  level of the messages logged.', "'WARNING'")],
      says: ['renamed LOGGING_LEVEL→LOG_LEVEL documentation'],
    },
    { name: 'renamed: the same distinctive default', before: ['', "BROKER = 'redis://cache:6379/0'\n"], after: ['', "CELERY_BROKER = 'redis://cache:6379/0'\n"], says: ['renamed BROKER→CELERY_BROKER default'] },
    { name: 'renamed to a required setting', before: ['', doc('OLD_KEY', 'Key that signs the API tokens.', "'k'")], after: [doc('NEW_KEY', 'Key that signs the API tokens.', 'None'), ''], says: ['renamed OLD_KEY→NEW_KEY documentation required'] },
    { name: 'no rename on a common default (False)', before: ['', 'OLD_FLAG = False\n'], after: ['', 'NEW_FLAG = False\n'], says: ['added NEW_FLAG', 'removed OLD_FLAG'] },
    { name: 'no rename on a short documentation text', before: ['', doc('A1', 'Deprecated.', "'x'")], after: ['', doc('B1', 'Deprecated.', "'y'")], says: ['added B1', 'removed A1'] },
    {
      name: 'no rename when two added settings share the default',
      before: ['', "HOST = 'db.example.org'\n"],
      after: ['', "READ_HOST = 'db.example.org'\nWRITE_HOST = 'db.example.org'\n"],
      says: ['added READ_HOST', 'added WRITE_HOST', 'removed HOST'],
    },
    {
      name: 'documentation wins over a default both share',
      before: ['', doc('X_OLD', 'Seconds before a request to the LMS gives up.', '30') + doc('Y_OLD', 'Seconds before a job is retried again.', '3000')],
      after: ['', doc('X_NEW', 'Seconds before a request to the LMS gives up.', '3000') + doc('Y_NEW', 'Seconds before a job is retried again.', '30')],
      says: ['renamed X_OLD→X_NEW documentation', 'renamed Y_OLD→Y_NEW documentation'],
    },
  ];
  it.each(cases)('$name', ({ before, after, says }) => {
    const items = upgradeItems(oep45(...before), oep45(...after));
    expect(items.map((i) => [i.kind, i.oldName ? `${i.oldName}→${i.name}` : i.name, i.evidence, i.required ? 'required' : undefined].filter(Boolean).join(' '))).toEqual(says);
  });

  it('says a change of the configuration variable and of the layout', () => {
    const legacy = loadSettingsModel(
      source({ 'app/settings/base.py': 'A = 1\n', 'app/settings/production.py': "from .base import *\nimport yaml, os\nCONFIG_FILE = os.environ['APP_CFG']\nvars().update(yaml.safe_load(open(CONFIG_FILE)))\n" }),
      'app/settings',
    );
    const now = oep45('', 'A = 1\n', "import os\nimport yaml\nfrom .required import *\nfrom .defaults import *\nCONFIG_FILE = os.environ['APP_CFG_PATH']\nglobals().update(yaml.safe_load(open(CONFIG_FILE)))\n");
    expect(upgradeItems(legacy, now).map((i) => `${i.kind} ${i.oldName}→${i.name}`)).toEqual(['layout legacy→oep45', 'variable APP_CFG→APP_CFG_PATH']);
  });

  it('a setting whose key the new loader still reads by name is not removed', () => {
    const production = (extra: string): SettingsModel =>
      loadSettingsModel(
        source({
          'app/settings/base.py': 'A = 1\n',
          'app/settings/production.py': `from .base import *\nimport yaml, os\n${extra}CONFIG_FILE = os.environ['APP_CFG']\n_YAML_TOKENS = yaml.safe_load(open(CONFIG_FILE))\nX = _YAML_TOKENS.get('LMS_BASE')\n`,
        }),
        'app/settings',
      );
    expect(upgradeItems(production("LMS_BASE = 'lms.example.org'\nGONE = 1\n"), production('')).map((i) => `${i.kind} ${i.name}`)).toEqual(['removed GONE']);
  });

  it('guessRenames never pairs one removed setting with two added ones', () => {
    const before = oep45('', "A = 'same-value'\n");
    const after = oep45('', "B = 'same-value'\nC = 'same-value'\n");
    expect(guessRenames(before.settings, after.settings)).toEqual([]);
  });
});

describe('operatorLines: the notes said about an operator file', () => {
  const before = oep45('SECRET = None\nMAIL = None\n', "OLD = 'gone-value'\nSIZE = 20\nLMS = 'x'\n" + doc('LOGGING_LEVEL', 'Lowest level of the messages logged.', "'INFO'"));
  const after = oep45('SECRET = None\nNEW = None\nLMS = None\n', "MAIL = 'a@b.c'\nSIZE = 50\nEXTRA = 1\n" + doc('LOG_LEVEL', 'Lowest level of the messages logged.', "'INFO'"));
  const pkg = packageUpgrade('app/settings', before, after);
  const cases: { name: string; yaml: string; says: string[]; missing: boolean }[] = [
    {
      name: 'an empty file misses every new requirement and relies on every default',
      yaml: '{}\n',
      says: ['missing NEW', 'missing LMS', 'fine EXTRA', 'fine LOG_LEVEL', 'fine OLD', 'relies SIZE', 'fine MAIL'],
      missing: true,
    },
    {
      name: 'a sumac file',
      yaml: 'SECRET: s\nOLD: 1\nSIZE: 10\nLOGGING_LEVEL: DEBUG\nMAIL: m\nUNRELATED: 1\n',
      says: ['missing NEW', 'missing LMS', 'fine EXTRA', 'dead LOGGING_LEVEL:4', 'dead OLD:2', 'fine SIZE:3', 'fine MAIL:5', 'fine SECRET:1'],
      missing: true,
    },
    {
      name: 'a teak file',
      yaml: 'SECRET: s\nNEW: n\nLMS: l\nLOG_LEVEL: DEBUG\n',
      says: ['fine NEW:2', 'fine LMS:3', 'fine EXTRA', 'fine LOG_LEVEL:4', 'fine OLD', 'relies SIZE', 'fine MAIL', 'fine SECRET:1'],
      missing: false,
    },
  ];
  it.each(cases)('$name', ({ yaml, says, missing }) => {
    const lines = operatorLines(pkg, operatorKeys(parseYamlSource('op.yml', yaml)), 'teak.1');
    expect(lines.map((l) => `${l.verdict} ${l.name}${l.line ? `:${l.line}` : ''}`)).toEqual(says);
    expect(missingRequired(lines)).toBe(missing);
  });

  it('a removed key the new loader still reads by name is not dead configuration', () => {
    const p = { ...pkg, yamlKeys: ['OLD'] };
    const lines = operatorLines(p, operatorKeys(parseYamlSource('op.yml', 'OLD: 1\n')), 'teak.1');
    expect(lines.filter((l) => l.name === 'OLD')).toEqual([expect.objectContaining({ verdict: 'fine', line: 1, message: 'your `OLD` (line 1) is fine: teak.1 reads it as before' })]);
  });
});

describe('previousReleaseTag: the release an operator upgrades from', () => {
  const tags = ['open-release/sumac.1', 'open-release/sumac.2', 'open-release/sumac.3', 'open-release/sumac.4rc1', 'release/teak.1rc1', 'release/teak.1', 'release/teak.2', 'release/teak.2a', 'open-release/redwood.3', 'v1.2.0'];
  const cases: [string, string | undefined][] = [
    ['release/teak.2', 'release/teak.1'],
    ['release/teak.1', 'open-release/sumac.3'],
    ['release/teak.2a', 'release/teak.2'],
    ['release/teak.3', 'release/teak.2a'],
    ['open-release/sumac.2', 'open-release/sumac.1'],
    ['open-release/sumac.1', 'open-release/redwood.3'],
    ['release/ulmo.1', 'release/teak.2a'],
    ['open-release/redwood.1', undefined],
    ['release/teak.1rc1', 'open-release/sumac.3'],
  ];
  it.each(cases)('%s → %s', (current, previous) => {
    expect(previousReleaseTag(parseReleaseTag(current)!, tags)).toBe(previous);
  });

  it('prefers the new scheme when one release carries both tags', () => {
    expect(previousReleaseTag(parseReleaseTag('release/ulmo.1')!, ['open-release/teak.2', 'release/teak.2'])).toBe('release/teak.2');
  });
});

describe('labels and Markdown', () => {
  it.each([
    ['open-release/sumac.3', 'sumac.3'],
    ['refs/tags/release/teak.1', 'teak.1'],
    ['release/teak', 'teak'],
    ['open-release/sumac.master', 'sumac'],
    ['0123456789abcdef0123456789abcdef01234567', '0123456'],
    ['HEAD~2', 'HEAD~2'],
  ])('revisionLabel(%s) = %s', (ref, label) => {
    expect(revisionLabel(ref)).toBe(label);
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a|b', 'a\\|b'],
    ['`x`', '\\`x\\`'],
    ['[x](javascript:y)', '\\[x\\](javascript:y)'],
    ['*b* _i_ ~s~', '\\*b\\* \\_i\\_ \\~s\\~'],
    ['a & b "q"', 'a &amp; b &quot;q&quot;'],
    ['line\nbreak', 'line\\\\nbreak'],
  ])('mdCellText(%j)', (text, escaped) => {
    expect(mdCellText(text)).toBe(escaped);
  });

  it('a hostile default cannot open a tag, a link or a table cell in the Markdown', () => {
    const before = oep45('', "BANNER = 'plain'\n");
    const after = oep45('', "BANNER = '<img src=x onerror=alert(1)> | [a](http://x) `c`'\n");
    const notes: UpgradeNotes = {
      prefix: '',
      from: { ref: 'open-release/sumac.3', commit: 'a'.repeat(40), label: 'sumac.3' },
      to: { ref: 'release/teak.1', commit: 'b'.repeat(40), label: 'teak.1' },
      packages: [{ ...packageUpgrade('app/settings', before, after), mentions: { BANNER: null }, problems: [] }],
    };
    const md = renderMarkdown(notes);
    const row = md.split('\n').find((l) => l.includes('BANNER'))!;
    expect(row).not.toMatch(/<img|[^\\]\]\(http/);
    expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(3);
    expect(row).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('gfmProblems (the test helper that judges the Markdown)', () => {
  it.each([
    ['| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n', 'line 3: 3 cells, the header has 2'],
    ['text <img src=x>\n', 'line 1: raw HTML <img src=x>'],
    ['a & b\n', 'line 1: bare & in &'],
    ['an `open span\n', 'line 1: an open code span'],
    ['[x](javascript:alert(1))\n', 'line 1: a link we did not write'],
  ])('flags %j', (markdown, problem) => {
    expect(gfmProblems(markdown)).toContain(problem);
  });

  it('passes what we write', () => {
    expect(gfmProblems('| <code>A\\_B</code> | [f line 1](https://x.example/f?plain=1#L1) |\n| --- | --- |\n| <strong>x</strong> &amp; y | z |\n')).toEqual([]);
  });
});

describe('limitNotes: notes too long for a job output', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `| <code>SETTING\\_${i}</code> | not mentioned |`).join('\n');
  const notes = `## Upgrade notes: a → b\n\n| Change | Changelog |\n| --- | --- |\n${rows}\n`;
  it('keeps short notes as they are', () => {
    expect(limitNotes(notes, { from: 'a', to: 'b' })).toBe(notes);
  });
  it('cuts long ones at a line, says how to get them whole, and stays valid', () => {
    const cut = limitNotes(notes, { from: 'open-release/sumac.3', to: 'release/<teak>.1' }, 2000);
    expect(cut.length).toBeLessThanOrEqual(2000);
    expect(cut).toMatch(/\| not mentioned \|\n\n\*\*The notes are cut here\*\*/);
    expect(cut).toContain('<code>oep45 config upgrade --from open-release/sumac.3 --to release/&lt;teak&gt;.1 --format markdown</code>');
    expect(gfmProblems(cut)).toEqual([]);
  });
});
