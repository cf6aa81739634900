// Property-based tests (fast-check): random and half-valid input into every parser path of the
// settings, changelog and operations checks — Python settings modules, RST and Markdown
// changelogs and fragments, the operations manual, operator YAML. None may throw, and every
// finding points at a line that exists. Files are served from memory through the CheckContext
// interface so thousands of cases run quickly; the rules are the real ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePythonModule } from '../../src/settings/python-module.js';
import { loadSettingsModel } from '../../src/settings/model.js';
import { settingsSchema } from '../../src/settings/schema.js';
import { renderSettingsDocs } from '../../src/settings/docs.js';
import { checkOperatorConfig } from '../../src/settings/operator-config.js';
import { parseYamlSource } from '../../src/config/yaml-source.js';
import { parseRst } from '../../src/markup/rst.js';
import { parseMarkdown } from '../../src/markup/markdown.js';
import { readHeading } from '../../src/checks/changelog/version-heading.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { CheckContext } from '../../src/checks/context.js';
import type { Project } from '../../src/model/project.js';
import { SETTINGS_RULES } from '../../src/checks/settings/index.js';
import { CHANGELOG_RULES } from '../../src/checks/changelog/index.js';
import { OPERATIONS_RULES } from '../../src/checks/operations/index.js';
import { UserError } from '../../src/util/errors.js';

const RUNS = { numRuns: 300 };

/** Text made of pieces that matter to a parser, plus arbitrary characters (binary junk included). */
function textFrom(pieces: string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }), { maxLength: 60 }).map((p) => p.join(''));
}

const PYTHON = textFrom([
  'X = ', 'DEBUG = True', 'SECRET_KEY = None', "A = {'k': [1, (2,), {3}]}", '1', '-2.5e3', "'s'", '"""doc\n"""', "f'{x}'", 'None', '...', 'REQUIRED',
  '(', ')', '[', ']', '{', '}', ':', ',', '\n', '    ', '\t', '\\\n', '#: doc\n', '# .. setting_name: X\n', '# .. setting_default: 1\n',
  '# .. toggle_name: T\n', '# .. toggle_use_cases: temporary\n', 'if x:\n', 'try:\n', 'except:\n', 'def f(', 'class C:\n', 'from .required import *\n',
  "import yaml\n", "os.environ['SVC_CFG_PATH']", 'yaml.safe_load(f)', ' + ', ' * ', ' // ', ' ** ', '\u0000', '\uFFFD', 'é',
]);

const RST = textFrom([
  'Change Log\n', 'Unreleased\n', '[1.0.0] - 2024-01-01\n', '[2.0.0] - 2023-13-40\n', '[sumac.2] - 2025-02-01\n', 'Added\n', 'Web process\n',
  'Database migrations\n', '##########\n', '**********\n', '=====\n', '---\n', '~\n', '\n', '\n\n', '  indented\n', '..\n', '::\n', '* item\n', 'text ',
]);

const MARKDOWN = textFrom(['# Changelog\n', '## [Unreleased]\n', '## [1.0.0] - 2024-01-01\n', '##[1.1.0]\n', '### Added\n', '```\n', '<!--\n', '-->\n', '===\n', '---\n', '- item\n', '\n', 'text ']);

const YAML = textFrom(['SECRET_KEY: ', 'DEBUG: ', 'API_PAGE_SIZ: ', 'x', '1', 'true', 'null', '[', ']', '{', '}', '\n', '  ', '- ', ': ', '"', "'", '&a ', '*a', '#', '---\n', '\t']);

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** A CheckContext over files in memory, for the real rules. */
function memoryContext(files: Record<string, string>, project: Partial<Project>): CheckContext {
  const memos = new Map<string, unknown>();
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    project: {
      root: '/nonexistent/oep45-property',
      name: 'svc',
      appName: 'SVC',
      sources: [],
      images: [{ name: 'svc', context: '.', dockerfile: 'Dockerfile', platforms: [], buildArgs: {}, declaredIn: 'auto' }],
      operationsDir: 'docs/operations',
      workflowsDir: '.github/workflows',
      rules: {},
      failOn: 'error',
      registries: [],
      tags: {},
      labels: {},
      metadata: {},
      build: { cache: 'none', cacheFrom: [], cacheTo: [], force: false, allowOverwrite: false },
      ...project,
    },
    readFile: (rel) => files[rel],
    exists: (rel) => rel in files || dirs.has(rel),
    isDirectory: (rel) => dirs.has(rel),
    list: (rel) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${rel}/`)).map((f) => f.slice(rel.length + 1).split('/')[0]!))].sort(),
    memo<T>(key: string, fn: () => T): T {
      if (!memos.has(key)) memos.set(key, fn());
      return memos.get(key) as T;
    },
    metrics: new Map(),
  };
}

function expectFindingsInside(findings: { file: string; line: number; rule: string; message: string }[], files: Record<string, string>): void {
  for (const f of findings) {
    expect(f.message, `${f.rule} crashed`).not.toMatch(/^the rule could not run/);
    const text = files[f.file];
    if (text !== undefined) expect(f.line).toBeLessThanOrEqual(lineCount(text));
    expect(f.line).toBeGreaterThanOrEqual(0);
  }
}

describe('property: Python settings', () => {
  it('parsePythonModule never throws and stays inside the file', () => {
    fc.assert(
      fc.property(PYTHON, (src) => {
        const m = parsePythonModule('m.py', src);
        const lines = lineCount(src);
        if (m.syntaxError) expect(m.syntaxError.line).toBeLessThanOrEqual(lines);
        for (const a of m.assignments) expect(a.endLine).toBeLessThanOrEqual(lines);
        for (const c of m.comments) expect(c.text.startsWith('#')).toBe(true);
      }),
      RUNS,
    );
  });

  it('the settings rules, schema and docs survive any required.py/defaults.py/base.py', async () => {
    await fc.assert(
      fc.asyncProperty(PYTHON, PYTHON, fc.boolean(), async (a, b, legacy) => {
        const files: Record<string, string> = legacy
          ? { 's/base.py': a, 's/production.py': b }
          : { 's/__init__.py': '', 's/required.py': a, 's/defaults.py': b };
        const ctx = memoryContext(files, { settings: [{ dir: 's', pointers: [], foundBy: 'config' }] });
        const outcome = await runChecks(ctx, SETTINGS_RULES);
        expectFindingsInside(outcome.findings, files);
        const model = loadSettingsModel({ read: (r) => files[r], list: () => Object.keys(files).map((f) => f.slice(2)).sort() }, 's');
        const schema = settingsSchema(model, { name: 'svc', appName: 'SVC' });
        expect(() => JSON.stringify(schema)).not.toThrow();
        renderSettingsDocs(model, { name: 'svc', appName: 'SVC' }, 'md');
        expect(parseRst(renderSettingsDocs(model, { name: 'svc', appName: 'SVC' }, 'rst')).problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: changelog', () => {
  it('parseRst and parseMarkdown never throw and stay inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(RST, MARKDOWN, fc.string({ unit: 'binary' })), (text) => {
        const lines = lineCount(text);
        for (const o of [parseRst(text), parseMarkdown(text)]) {
          for (const h of o.headings) expect(h.endLine).toBeLessThanOrEqual(lines);
          for (const p of o.problems) expect(p.line).toBeLessThanOrEqual(lines);
        }
      }),
      RUNS,
    );
  });

  it('readHeading never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), RST), (text) => void readHeading(text)), RUNS);
  });

  it('the changelog rules survive any RST or Markdown changelog and fragment', async () => {
    await fc.assert(
      fc.asyncProperty(RST, MARKDOWN, fc.boolean(), fc.option(fc.constantFrom('sumac.2', 'release/teak.1', 'x')), async (rst, md, useMd, release) => {
        const main = useMd ? 'CHANGELOG.md' : 'CHANGELOG.rst';
        const files = { [main]: useMd ? md : rst, 'changelog.d/20250101_frag.rst': rst, 'changelog.d/20250102_frag.md': md };
        const ctx = memoryContext(files, { changelog: main });
        if (release) ctx.releaseOverride = release;
        const outcome = await runChecks(ctx, CHANGELOG_RULES);
        expectFindingsInside(outcome.findings, files);
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: operations manual', () => {
  it('the operations rules survive any RST manual', async () => {
    await fc.assert(
      fc.asyncProperty(RST, RST, async (a, b) => {
        const files = { 'docs/operations/index.rst': a, 'docs/operations/more/b.rst': b };
        const outcome = await runChecks(memoryContext(files, {}), OPERATIONS_RULES);
        expectFindingsInside(outcome.findings, files);
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: operator YAML', () => {
  const model = loadSettingsModel(
    {
      read: (r) => ({ 's/required.py': 'SECRET_KEY = None\n', 's/defaults.py': 'DEBUG = False\nAPI_PAGE_SIZE = 20\nHOSTS = []\n' })[r],
      list: () => ['defaults.py', 'required.py'],
    },
    's',
  );
  const schema = settingsSchema(model, { name: 'svc', appName: 'SVC' });

  it('gives problems at lines of the file, or a positioned UserError, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(YAML, fc.string({ unit: 'binary' })), (text) => {
        let src;
        try {
          src = parseYamlSource('prod.yml', text);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).position?.file).toBe('prod.yml');
          return;
        }
        for (const p of checkOperatorConfig(src, schema).problems) {
          expect(p.position.line ?? 1).toBeLessThanOrEqual(lineCount(text));
          expect(p.message).not.toBe('');
        }
      }),
      RUNS,
    );
  });
});
