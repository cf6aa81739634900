// The settings JSON Schema, the operator config check against it (every problem at its YAML
// line, with "did you mean"), the settings reference, and "did you mean" itself.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import { parseYamlSource } from '../../src/config/yaml-source.js';
import { projectSettings } from '../../src/settings/for-project.js';
import { settingsSchema } from '../../src/settings/schema.js';
import { checkOperatorConfig } from '../../src/settings/operator-config.js';
import { renderSettingsDocs } from '../../src/settings/docs.js';
import { closest, editDistance } from '../../src/util/suggest.js';
import { parseRst } from '../../src/markup/rst.js';
import { parseMarkdown } from '../../src/markup/markdown.js';
import { UserError } from '../../src/util/errors.js';
import { makeService } from '../helpers/service.js';

const SAMPLE = resolve(import.meta.dirname, '../../examples/sample-ida');
const LEGACY = resolve(import.meta.dirname, '../../examples/legacy-ida');
const load = (dir: string) => {
  const project = loadProject({ mode: 'check', dir, event: {}, secrets: [], credentials: [] });
  const { model, appName } = projectSettings(project);
  return { project: { name: project.name, appName, variable: model.loader?.variable?.name }, model, full: project };
};

describe('settingsSchema', () => {
  it('describes every sample setting, with types from literal defaults and required from required.py', () => {
    const { project, model } = load(SAMPLE);
    const schema = settingsSchema(model, project);
    expect(schema.required).toEqual(['SECRET_KEY', 'ALLOWED_HOSTS', 'DATABASES', 'LMS_ROOT_URL']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.API_PAGE_SIZE).toEqual({
      description: 'Number of items per page in the API.',
      type: ['integer', 'null'],
      default: 20,
      'x-oep45-source': 'sample_ida/settings/defaults.py:53',
    });
    expect(schema.properties.SECRET_KEY).toMatchObject({ not: { type: 'null' }, 'x-oep45-required': true });
    expect(schema.properties.ENABLE_REPORTS).toMatchObject({ type: ['boolean', 'null'], default: false, 'x-oep45-toggle': true });
    expect(schema.properties.CACHES).toMatchObject({ type: ['object', 'null'], description: expect.stringMatching(/^Django cache configuration/) });
  });

  it('has no required settings for a legacy layout, and expression defaults have no type', () => {
    const { project, model } = load(LEGACY);
    const schema = settingsSchema(model, project);
    expect(schema.required).toEqual([]);
    expect(schema.properties.STATIC_ROOT).toEqual({
      description: 'Folder that collectstatic fills. (default: PROJECT_ROOT/assets)',
      'x-oep45-source': 'legacy_ida/settings/base.py:68',
    });
  });

  it('keeps YAML keys named like Object.prototype members as keys of their own', () => {
    // A model as the loader makes it for a legacy module reading these keys from the YAML by name.
    const yamlKeys = ['constructor', 'toString', '__proto__'].map((key, i) => ({ key, file: 'svc/settings/production.py', line: i + 1 }));
    const model = { dir: 'svc/settings', layout: 'legacy', settings: [], yamlKeys, codeSettings: [] } as unknown as Parameters<typeof settingsSchema>[0];
    const json = JSON.parse(JSON.stringify(settingsSchema(model, { name: 'svc', appName: 'SVC' }))) as { properties: Record<string, { 'x-oep45-source'?: string }> };
    expect(Object.keys(json.properties).filter((k) => !/^[A-Z]/.test(k))).toEqual(['constructor', 'toString', '__proto__']);
    expect(new Map(Object.entries(json.properties)).get('constructor')).toEqual(expect.objectContaining({ 'x-oep45-source': 'svc/settings/production.py:1' }));
  });

  it('refuses a settings package that does not parse, at its line', () => {
    const dir = makeService({ '.oep45.yml': 'name: svc\nsettings: s\n', 's/required.py': 'A = None\n', 's/defaults.py': 'B = (1,\n' });
    const project = loadProject({ mode: 'check', dir, event: {}, secrets: [], credentials: [] });
    expect(() => projectSettings(project)).toThrow(UserError);
    expect(() => projectSettings(project)).toThrow(expect.objectContaining({ position: expect.objectContaining({ file: 's/defaults.py', line: 2 }) }));
  });
});

describe('checkOperatorConfig', () => {
  const { project, model } = load(SAMPLE);
  const schema = settingsSchema(model, project);
  const check = (yaml: string): string[] =>
    checkOperatorConfig(parseYamlSource('prod.yml', yaml), schema).problems.map((p) => `${p.position.line}:${p.position.column} ${p.message}`);
  const REQUIRED = 'SECRET_KEY: s\nALLOWED_HOSTS: [a]\nDATABASES: {}\nLMS_ROOT_URL: https://lms\n';

  it.each([
    { name: 'every required setting, valid overrides', yaml: `${REQUIRED}DEBUG: false\nAPI_PAGE_SIZE: 50\nCELERY_BROKER_URL: null\n`, problems: [] },
    {
      name: 'a missing required setting',
      yaml: 'SECRET_KEY: s\nALLOWED_HOSTS: [a]\nDATABASES: {}\n',
      problems: ['1:1 required setting `LMS_ROOT_URL` is missing'],
    },
    { name: 'an empty required setting', yaml: REQUIRED.replace('https://lms', ''), problems: ['4:15 required setting `LMS_ROOT_URL` has no value'] },
    {
      name: 'misspelled keys, with suggestions',
      yaml: `${REQUIRED}API_PAGE_SIZ: 10\nlog_level: INFO\nCOMPLETELY_UNKNOWN: 1\n`,
      problems: [
        '5:1 unknown setting `API_PAGE_SIZ`; did you mean `API_PAGE_SIZE`?',
        '6:1 unknown setting `log_level`; did you mean `LOG_LEVEL`?',
        '7:1 unknown setting `COMPLETELY_UNKNOWN`',
      ],
    },
    {
      name: 'types that do not match the defaults',
      yaml: `${REQUIRED}API_PAGE_SIZE: "20"\nDEBUG: "no"\nINSTALLED_APPS: sample_ida\nCACHES: []\n`,
      problems: [
        '5:16 `API_PAGE_SIZE` must be an integer or empty, like its default `20`',
        '6:8 `DEBUG` must be true or false or empty, like its default `False`',
        "7:17 `INSTALLED_APPS` must be a list or empty, like its default `['django.contrib.contenttypes', 'django.contrib.auth', 'sample_ida']`",
        "8:9 `CACHES` must be a mapping or empty, like its default `{'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}`",
      ],
    },
    {
      name: 'an empty file',
      yaml: '# nothing yet\n',
      problems: ['1:1 required setting `SECRET_KEY` is missing', '1:1 required setting `ALLOWED_HOSTS` is missing', '1:1 required setting `DATABASES` is missing', '1:1 required setting `LMS_ROOT_URL` is missing'],
    },
    { name: 'not a mapping', yaml: '- SECRET_KEY\n', problems: ['1:1 the configuration must be a mapping of setting names to values'] },
  ])('$name', ({ yaml, problems }) => {
    expect(check(yaml)).toEqual(problems);
  });

  it.each([
    ['SECRET_KEY: [\n', 2, 1],
    ['SECRET_KEY: s\nDEBUG: *nowhere\n', 2, 8],
  ])('throws a positioned UserError for broken YAML %j', (yaml, line, column) => {
    expect(() => check(yaml)).toThrow(UserError);
    expect(() => check(yaml)).toThrow(expect.objectContaining({ position: { file: 'prod.yml', line, column } }));
  });
});

describe('renderSettingsDocs', () => {
  it('renders Markdown with required settings first', () => {
    const { project, model } = load(SAMPLE);
    const md = renderSettingsDocs(model, { ...project, variable: model.loader?.variable }, 'md');
    const headings = parseMarkdown(md).headings.map((h) => `${h.level} ${h.text}`);
    expect(headings.slice(0, 4)).toEqual(['1 sample-ida settings', '2 Required settings', '3 `SECRET_KEY`', '3 `ALLOWED_HOSTS`']);
    expect(headings).toContain('2 Settings with defaults');
    expect(headings.filter((h) => h.startsWith('3 '))).toHaveLength(model.settings.length);
    expect(md).toContain('Django database connections; `default` must point at a MySQL 8 database.');
    expect(md).toContain('- Default: `20`\n- Type: integer\n- Defined in: `sample_ida/settings/defaults.py:53`');
  });

  it('renders RST whose titles parse without a problem', () => {
    const { project, model } = load(LEGACY);
    const rst = renderSettingsDocs(model, { ...project, variable: model.loader?.variable }, 'rst');
    const outline = parseRst(rst);
    expect(outline.problems).toEqual([]);
    expect(outline.headings.filter((h) => h.level === 3)).toHaveLength(model.settings.length);
    expect(rst).toContain(':Default: a local MySQL database named legacy_ida');
    expect(rst).toContain('``WSGI_APPLICATION``\n====================\n\n*Not documented.*');
  });
});

describe('did you mean', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['SECRET_KEY', 'SECRET_KEY', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['SECRET_KY', 'SECRET_KEY'],
    ['secret_key', 'SECRET_KEY'],
    ['DEBUG_MODE', undefined],
    ['LOG', undefined],
  ])('closest(%s)', (word, expected) => {
    expect(closest(word, ['SECRET_KEY', 'DEBUG', 'LOG_LEVEL'])).toBe(expected);
  });
});
