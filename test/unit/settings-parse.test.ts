// The Python settings reader: assignments and their literal values, comments as documentation,
// imports and loader facts — table-driven over small modules.
import { describe, expect, it } from 'vitest';
import { parsePythonModule } from '../../src/settings/python-module.js';
import { annotationGroups, missingFields, sphinxDoc } from '../../src/settings/annotations.js';
import { loaderFacts } from '../../src/settings/loader.js';
import { isRequiredMarker, notProductionReady } from '../../src/settings/values.js';
import { decodeString } from '../../src/settings/literal.js';

const value = (src: string): unknown => {
  const a = parsePythonModule('m.py', `X = ${src}\n`).assignments[0];
  return a?.value ? { type: a.value.type, literal: a.value.literal, value: a.value.value } : undefined;
};

describe('literal values', () => {
  it.each([
    ['True', { type: 'bool', literal: true, value: true }],
    ['None', { type: 'none', literal: true, value: null }],
    ['...', { type: 'ellipsis', literal: false, value: undefined }],
    ['-20', { type: 'int', literal: true, value: -20 }],
    ['0x1_0', { type: 'int', literal: true, value: 16 }],
    ['1.5e3', { type: 'float', literal: true, value: 1500 }],
    ['60 * 60 * 24', { type: 'int', literal: true, value: 86400 }],
    ['10 / 4', { type: 'float', literal: true, value: 2.5 }],
    ["'a' 'b'", { type: 'str', literal: true, value: 'ab' }],
    ['"tab\\there"', { type: 'str', literal: true, value: 'tab\there' }],
    ['r"\\d+"', { type: 'str', literal: true, value: '\\d+' }],
    ['f"{HOST}/x"', { type: 'str', literal: false, value: undefined }],
    ["b'raw'", { type: 'bytes', literal: true, value: 'raw' }],
    ["'''multi\nline'''", { type: 'str', literal: true, value: 'multi\nline' }],
    ["['a', ('b',), {'c'}]", { type: 'list', literal: true, value: ['a', ['b'], ['c']] }],
    ["{'a': {'b': [1, None]}, 'c': False}", { type: 'dict', literal: true, value: { a: { b: [1, null] }, c: false } }],
    ["{'a': 1, **OTHER}", { type: 'dict', literal: false, value: undefined }],
    ['{1: 2}', { type: 'dict', literal: false, value: undefined }],
    ['[x for x in y]', { type: undefined, literal: false, value: undefined }],
    // An environment read is no literal; its literal fallback gives its type (S011 reads it for secrets).
    ["os.environ.get('X', 'y')", { type: 'str', literal: false, value: undefined }],
    ["os.environ.get('X')", { type: undefined, literal: false, value: undefined }],
    ['(3)', { type: 'int', literal: true, value: 3 }],
    ["'a' + NAME", { type: undefined, literal: false, value: undefined }],
  ])('X = %s', (src, expected) => {
    expect(value(src)).toEqual(expected);
  });

  it.each([
    ["'\\x41\\u00e9\\101'", 'Aé' + 'A'],
    ["'it\\'s'", "it's"],
    ["u'x'", 'x'],
  ])('decodes %s', (literal, expected) => {
    expect(decodeString(literal)?.value).toBe(expected);
  });
});

describe('parsePythonModule', () => {
  it('finds module-level UPPER_CASE assignments, in blocks too, not in functions or classes', () => {
    const m = parsePythonModule(
      'm.py',
      [
        'A = B = 1',
        'lower = 2',
        'C: int = 3',
        'D, E = 4, 5',
        'if DEBUG:',
        '    F = 6',
        'try:',
        '    G = 7',
        'except ImportError:',
        '    pass',
        'def f():',
        '    H = 8',
        'class K:',
        '    I = 9',
        "FEATURES['X'] = True",
        'J += [1]',
      ].join('\n'),
    );
    expect(m.assignments.map((a) => `${a.name}:${a.line}${a.conditional ? '?' : ''}${a.value ? '' : '!'}`)).toEqual([
      'A:1',
      'B:1',
      'C:3',
      'D:4!',
      'E:4!',
      'F:6?',
      'G:8?',
    ]);
    expect(m.syntaxError).toBeUndefined();
  });

  it.each([
    ['X = (1,\n', 2],
    ['def f(:\n    pass\nY = 2\n', 1],
    ['X = 1 +\n', 1],
    ['A = 1\n  B = 2\n', 2],
  ])('reports the first syntax error of %j at its line', (src, line) => {
    const m = parsePythonModule('m.py', src);
    expect(m.syntaxError?.line).toBe(line);
    expect(m.syntaxError?.message).toMatch(/^invalid syntax/);
  });

  it('reads a long module whole: 500 documented settings, no spurious syntax error', () => {
    // @lezer/lr's guard against deep trees broke long runs of statements between comments.
    let src = '';
    for (let i = 0; i < 500; i++) src += `# .. setting_name: S_${i}\n# .. setting_default: ${i}\n# .. setting_description: Setting ${i}\n#   more.\nS_${i} = {'a': [${i}]}\n\n\n\n`;
    src += 'if DEBUG:\n    LAST = (1,\n'; // a real error at the very end is still found
    const m = parsePythonModule('m.py', src);
    expect(m.assignments.filter((a) => a.name.startsWith('S_'))).toHaveLength(500);
    expect(m.assignments[499]).toMatchObject({ name: 'S_499', line: 3997, value: { literal: true, value: { a: [499] } } });
    expect(m.comments).toHaveLength(2000);
    expect(m.syntaxError?.line).toBe(4003);
  });

  it('reads past a syntax error', () => {
    const m = parsePythonModule('m.py', 'A = 1\nB = (\nC = 3\n\nD = 4\n');
    expect(m.assignments.map((a) => a.name)).toContain('D');
  });

  it('reports binary junk instead of reading it', () => {
    const m = parsePythonModule('m.py', 'A = 1\nB = "\u0000\u0001"\n');
    expect(m.binary).toEqual({ line: 2, column: 6 });
    expect(m.assignments).toEqual([]);
  });

  it('reads imports, strings and calls', () => {
    const m = parsePythonModule(
      'm.py',
      "import os, yaml as y\nfrom .required import *\nfrom . import defaults as _d\nX = os.environ.get('SVC_CFG_PATH')\nwith open(X) as f:\n    y.safe_load(f)\n",
    );
    expect(m.imports).toEqual([
      { line: 1, names: ['os', 'yaml'] },
      { line: 2, from: '.required', names: ['*'] },
      { line: 3, from: '.', names: ['defaults'] },
    ]);
    expect(m.strings).toEqual([{ value: 'SVC_CFG_PATH', line: 4 }]);
    expect(m.calls.map((c) => c.callee)).toEqual(['os.environ.get', 'open', 'y.safe_load']);
    expect(loaderFacts(m)).toEqual({ imports: { required: true, defaults: true }, cfgVariables: [{ name: 'SVC_CFG_PATH', line: 4, folder: false }], loadsYaml: true, yamlKeys: [] });
  });

  it.each([
    // license-manager, credentials, ecommerce: the dict settings the YAML file updates by name.
    [
      "import yaml\nDICT_UPDATE_KEYS = ('JWT_AUTH',)\nwith open(CONFIG_FILE) as f:\n    config_from_yaml = yaml.safe_load(f)\n    dict_updates = {key: config_from_yaml.pop(key, None) for key in DICT_UPDATE_KEYS}\n",
      [{ key: 'JWT_AUTH', line: 2 }],
    ],
    // edx-platform: merged keys listed inside the loader's `with`, and keys read by name.
    [
      "import yaml\nwith open(F) as f:\n    __config__ = yaml.safe_load(f)\n    _YAML_TOKENS = __config__\n    KEYS_WITH_MERGED_VALUES = ['FEATURES', 'JWT_AUTH']\nLMS_BASE = _YAML_TOKENS.get('LMS_BASE')\nFEATURES.update(_YAML_TOKENS.get('FEATURES', {}))\n",
      [{ key: 'LMS_BASE', line: 6 }, { key: 'FEATURES', line: 7 }, { key: 'JWT_AUTH', line: 5 }],
    ],
  ])('the YAML keys a loader reads by name: %#', (src, keys) => {
    expect(loaderFacts(parsePythonModule('production.py', src)).yamlKeys).toEqual(keys);
  });

  it('does not take a # inside a string for a comment', () => {
    const m = parsePythonModule('m.py', "X = '#: not a comment'\n# real\n");
    expect(m.comments.map((c) => c.text)).toEqual(['# real']);
  });
});

describe('documentation comments', () => {
  const docOf = (src: string, name: string): string | undefined => {
    const m = parsePythonModule('m.py', src);
    const byLine = new Map(m.comments.map((c) => [c.line, c]));
    const a = m.assignments.find((x) => x.name === name)!;
    return sphinxDoc(a, byLine)?.text;
  };

  it.each([
    ['#: Doc.\nX = 1\n', 'Doc.'],
    ['#: First\n#: second.\nX = 1\n', 'First second.'],
    ['X = 1  #: After.\n', 'After.'],
    ['#: Doc.\n\nX = 1\n', undefined],
    ['# Not sphinx.\nX = 1\n', undefined],
  ])('sphinx doc of %j', (src, expected) => {
    expect(docOf(src, 'X')).toBe(expected);
  });

  it('groups code-annotations, with continuation lines', () => {
    const src = [
      '# .. setting_name: A',
      "# .. setting_default: 'x'",
      '# .. setting_description: First line',
      '#   and the second.',
      "A = 'x'",
      '',
      '# .. toggle_name: B',
      '# .. toggle_implementation: DjangoSetting',
      '# .. toggle_default: False',
      '# .. toggle_description: Turns B on.',
      '# .. toggle_use_cases: temporary',
      '# .. toggle_creation_date: 2024-01-01',
      'B = False',
      '# .. setting_default: orphan',
    ].join('\n');
    const groups = annotationGroups('m.py', parsePythonModule('m.py', src).comments);
    expect(groups.map((g) => [g.kind, g.name, g.line, g.fields.get('description')?.value])).toEqual([
      ['setting', 'A', 1, 'First line and the second.'],
      ['toggle', 'B', 7, 'Turns B on.'],
      ['setting', '', 14, undefined],
    ]);
    expect(groups.map(missingFields)).toEqual([[], ['toggle_target_removal_date'], ['setting_name', 'setting_description']]);
  });
});

describe('value judgements', () => {
  const v = (src: string) => parsePythonModule('m.py', `X = ${src}\n`).assignments[0]!.value;
  it.each([
    ['None', true],
    ['...', true],
    ['REQUIRED', true],
    ['Required()', true],
    ['markers.MUST_BE_SET', true],
    ["''", false],
    ['[]', false],
    ['DEFAULT_HOSTS', false],
  ])('%s is a required marker: %s', (src, expected) => {
    expect(isRequiredMarker(v(src))).toBe(expected);
  });

  it.each([
    ['DEBUG', 'True', /debug pages/],
    ['DEBUG', 'False', undefined],
    ['ALLOWED_HOSTS', "['*']", /any host/],
    ['ALLOWED_HOSTS', "['example.com']", undefined],
    ['SECRET_KEY', "'insecure'", /literal secret/],
    ['SECRET_KEY', "''", undefined],
    ['SECRET_KEY', "os.environ['SECRET_KEY']", undefined],
    ['EMAIL_HOST_PASSWORD', "'hunter2'", /literal secret/],
    ['CORS_ORIGIN_ALLOW_ALL', 'True', /any web site/],
    ['TOKEN_LIFETIME', '3600', undefined],
    ['DATABASES', "{'default': {'NAME': 'x', 'PASSWORD': 'password'}}", /holds a literal secret/],
    ['DATABASES', "{'default': {'NAME': 'x', 'PASSWORD': ''}}", undefined],
    ['JWT_AUTH', "{'JWT_SECRET_KEY': 'lms-secret'}", /holds a literal secret/],
  ])('%s = %s', (name, src, expected) => {
    const reason = notProductionReady(name, v(src));
    if (expected) expect(reason).toMatch(expected);
    else expect(reason).toBeUndefined();
  });
});
