// Each settings rule over small services written to temporary folders: one table per rule, each
// with a passing case (the baseline) and the failures the rule exists for.
import { describe, expect, it } from 'vitest';
import { brief, makeService, runRules, type Files } from '../helpers/service.js';
import type { Rule } from '../../src/checks/rule.js';
import { SETTINGS_RULES } from '../../src/checks/settings/index.js';
import { s001SettingsLayout } from '../../src/checks/settings/s001-settings-layout.js';
import { s002PythonSyntax } from '../../src/checks/settings/s002-python-syntax.js';
import { s003RequiredDefaultsExclusive } from '../../src/checks/settings/s003-required-defaults-exclusive.js';
import { s004RequiredWithoutDefault } from '../../src/checks/settings/s004-required-without-default.js';
import { s005ProductionReadyDefaults } from '../../src/checks/settings/s005-production-ready-defaults.js';
import { s006SettingsLoader } from '../../src/checks/settings/s006-settings-loader.js';
import { s007EnvironmentModules } from '../../src/checks/settings/s007-environment-modules.js';
import { s008SettingsDocumented } from '../../src/checks/settings/s008-settings-documented.js';
import { s009AnnotationNamesSetting } from '../../src/checks/settings/s009-annotation-names-setting.js';
import { s010AnnotationFields } from '../../src/checks/settings/s010-annotation-fields.js';
import { s011LegacyDistance } from '../../src/checks/settings/s011-legacy-distance.js';
import { contextFor } from '../helpers/service.js';
import { runChecks } from '../../src/checks/run-checks.js';

const D = 'svc/settings';
const INIT = [
  'import os',
  'import yaml',
  'from .required import *',
  'from .defaults import *',
  "with open(os.environ['SVC_CFG_PATH']) as f:",
  '    globals().update(yaml.safe_load(f))',
  '',
].join('\n');
const REQUIRED = '#: Signing key.\nSECRET_KEY = None\n';
const DEFAULTS = '#: Debug pages.\nDEBUG = False\n\n# .. setting_name: PAGE_SIZE\n# .. setting_default: 20\n# .. setting_description: Page size.\nPAGE_SIZE = 20\n';

/** An OEP-45 service that passes every settings rule, with some files replaced (or removed with ''). */
function oep45(files: Files = {}): string {
  const all: Files = {
    '.oep45.yml': `name: svc\nsettings: ${D}\n`,
    Dockerfile: 'FROM scratch\n',
    [`${D}/__init__.py`]: INIT,
    [`${D}/required.py`]: REQUIRED,
    [`${D}/defaults.py`]: DEFAULTS,
  };
  for (const [k, v] of Object.entries(files)) {
    if (v === '') delete all[k];
    else all[k] = v;
  }
  return makeService(all);
}

const BASE = [
  '# .. setting_name: SECRET_KEY',
  "# .. setting_default: 'insecure'",
  '# .. setting_description: Signing key.',
  "SECRET_KEY = 'insecure-secret'",
  '#: Debug pages.',
  'DEBUG = False',
  '#: Hosts.',
  'ALLOWED_HOSTS = []',
  '',
].join('\n');
const PRODUCTION = "import yaml\nfrom .base import *\nCONFIG_FILE = get_env_setting('SVC_CFG')\nwith open(CONFIG_FILE) as f:\n    vars().update(yaml.safe_load(f))\n";

function legacy(files: Files = {}): string {
  return makeService({
    '.oep45.yml': `name: svc\nsettings: ${D}\n`,
    Dockerfile: 'FROM scratch\n',
    [`${D}/__init__.py`]: '',
    [`${D}/base.py`]: BASE,
    [`${D}/production.py`]: PRODUCTION,
    ...files,
  });
}

interface Case {
  name: string;
  dir: () => string;
  expected: string[];
  messages?: RegExp[];
}

function table(rule: Rule, cases: Case[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)('$name', async ({ dir, expected, messages }) => {
      const findings = await runRules(dir(), [rule]);
      expect(brief(findings)).toEqual(expected);
      for (const [i, m] of (messages ?? []).entries()) expect(findings[i]?.message).toMatch(m);
    });
  });
}

table(s001SettingsLayout, [
  { name: 'OEP-45 package', dir: () => oep45(), expected: [] },
  { name: 'legacy package (S011 reports it)', dir: () => legacy(), expected: [] },
  { name: 'no defaults.py', dir: () => oep45({ [`${D}/defaults.py`]: '' }), expected: [`${D}/defaults.py:0 OEP45-S001 error`] },
  {
    name: 'no __init__.py',
    dir: () => oep45({ [`${D}/__init__.py`]: '' }),
    expected: [`${D}/__init__.py:0 OEP45-S001 error`],
  },
  {
    name: 'a folder with neither layout',
    dir: () => makeService({ '.oep45.yml': 'name: svc\nsettings: conf\n', Dockerfile: 'FROM scratch\n', 'conf/local.py': 'X = 1\n' }),
    expected: ['conf:0 OEP45-S001 error'],
  },
  {
    name: 'a service with no settings package at all (warning)',
    dir: () => makeService({ Dockerfile: 'FROM scratch\n' }),
    expected: ['.:0 OEP45-S001 warning'],
  },
  { name: 'an empty folder is no service', dir: () => makeService({ 'README.md': 'x\n' }), expected: [] },
]);

table(s002PythonSyntax, [
  { name: 'valid modules', dir: () => oep45(), expected: [] },
  {
    name: 'syntax error in defaults.py',
    dir: () => oep45({ [`${D}/defaults.py`]: 'DEBUG = False\nPAGE_SIZE = (20,\n' }),
    expected: [`${D}/defaults.py:3 OEP45-S002 error`],
  },
  {
    name: 'unexpected indent in required.py',
    dir: () => oep45({ [`${D}/required.py`]: 'SECRET_KEY = None\n  DATABASES = None\n' }),
    expected: [`${D}/required.py:2 OEP45-S002 error`],
    messages: [/unexpected indent/],
  },
  {
    name: 'binary junk in a legacy module',
    dir: () => legacy({ [`${D}/devstack.py`]: Buffer.from([0x58, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x00, 0x0a]) }),
    expected: [`${D}/devstack.py:1 OEP45-S002 error`],
    messages: [/not UTF-8 text/],
  },
]);

table(s003RequiredDefaultsExclusive, [
  { name: 'exclusive', dir: () => oep45(), expected: [] },
  {
    name: 'SECRET_KEY in both',
    dir: () => oep45({ [`${D}/defaults.py`]: `${DEFAULTS}SECRET_KEY = ''\n` }),
    expected: [`${D}/defaults.py:8 OEP45-S003 error`, `${D}/required.py:2 OEP45-S003 error`],
  },
]);

table(s004RequiredWithoutDefault, [
  { name: 'None and markers', dir: () => oep45({ [`${D}/required.py`]: 'A = None\nB = ...\nC = REQUIRED\n' }), expected: [] },
  {
    name: 'a value in required.py',
    dir: () => oep45({ [`${D}/required.py`]: "A = None\nLMS_URL = 'https://lms.example.com'\n" }),
    expected: [`${D}/required.py:2 OEP45-S004 error`],
    messages: [/required setting LMS_URL has a value/],
  },
]);

table(s005ProductionReadyDefaults, [
  { name: 'safe defaults', dir: () => oep45(), expected: [] },
  {
    name: 'DEBUG, ALLOWED_HOSTS and a literal secret',
    dir: () => oep45({ [`${D}/defaults.py`]: "DEBUG = True\nALLOWED_HOSTS = ['*']\nJWT_SECRET_KEY = 'abc'\nPAGE_SIZE = 20\n" }),
    expected: [`${D}/defaults.py:1 OEP45-S005 error`, `${D}/defaults.py:2 OEP45-S005 error`, `${D}/defaults.py:3 OEP45-S005 error`],
  },
  { name: 'the same values in a legacy base.py are S011 notices', dir: () => legacy({ [`${D}/base.py`]: 'DEBUG = True\n' }), expected: [] },
]);

table(s006SettingsLoader, [
  { name: 'OEP-45 loader', dir: () => oep45(), expected: [] },
  { name: 'legacy production.py with SVC_CFG', dir: () => legacy(), expected: [] },
  {
    name: '__init__.py without the defaults import, YAML or variable',
    dir: () => oep45({ [`${D}/__init__.py`]: 'from .required import *\n' }),
    expected: [`${D}/__init__.py:1 OEP45-S006 error`, `${D}/__init__.py:1 OEP45-S006 error`, `${D}/__init__.py:1 OEP45-S006 error`],
    messages: [/does not import defaults\.py/, /does not read the SVC_CFG_PATH/, /does not load a YAML file/],
  },
  {
    name: 'another prefix than the app-name .oep45.yml sets',
    dir: () => oep45({ '.oep45.yml': `name: svc\napp-name: SVC\nsettings: ${D}\n`, [`${D}/__init__.py`]: INIT.replace('SVC_CFG_PATH', 'OTHER_CFG_PATH') }),
    expected: [`${D}/__init__.py:5 OEP45-S006 error`],
    messages: [/reads OTHER_CFG_PATH; OEP-45 names the YAML file's variable SVC_CFG_PATH/],
  },
  {
    name: 'without app-name, the prefix is the one the code reads',
    dir: () => oep45({ [`${D}/__init__.py`]: INIT.replace('SVC_CFG_PATH', 'OTHER_CFG_PATH') }),
    expected: [],
  },
  {
    name: 'an OEP-45 loader reading <APP>_CFG, not <APP>_CFG_PATH',
    dir: () => oep45({ [`${D}/__init__.py`]: INIT.replace('SVC_CFG_PATH', 'SVC_CFG') }),
    expected: [`${D}/__init__.py:5 OEP45-S006 error`],
    messages: [/reads SVC_CFG; OEP-45 names the YAML file's variable SVC_CFG_PATH/],
  },
  {
    name: 'legacy production.py without YAML (warning)',
    dir: () => legacy({ [`${D}/production.py`]: 'from .base import *\nDEBUG = False\n' }),
    expected: [`${D}/production.py:1 OEP45-S006 warning`],
    messages: [/production\.py does not load a YAML file/],
  },
  {
    name: 'legacy: the prefix the code reads is the app name (DISCOVERY_CFG in course-discovery)',
    dir: () => legacy({ [`${D}/production.py`]: PRODUCTION.replace('SVC_CFG', 'DISCOVERY_CFG') }),
    expected: [],
  },
]);

table(s007EnvironmentModules, [
  { name: 'only the three modules', dir: () => oep45(), expected: [] },
  {
    name: 'devstack.py and test.py',
    dir: () => oep45({ [`${D}/devstack.py`]: 'from .defaults import *\nDEBUG = True\n', [`${D}/test.py`]: 'X = 1\n' }),
    expected: [`${D}/devstack.py:0 OEP45-S007 warning`, `${D}/test.py:0 OEP45-S007 warning`],
    messages: [/its values belong in devstack\.yml/],
  },
  { name: 'legacy modules are S011 notices', dir: () => legacy({ [`${D}/devstack.py`]: 'X = 1\n' }), expected: [] },
]);

table(s008SettingsDocumented, [
  { name: 'all documented (#: and annotations)', dir: () => oep45(), expected: [] },
  {
    name: 'an undocumented default',
    dir: () => oep45({ [`${D}/defaults.py`]: `${DEFAULTS}\nTIME_ZONE = 'UTC'\n# Not documentation.\nLANGUAGE_CODE = 'en'\n` }),
    expected: [`${D}/defaults.py:9 OEP45-S008 warning`, `${D}/defaults.py:11 OEP45-S008 warning`],
  },
  {
    name: 'an annotation elsewhere in the package documents the setting',
    dir: () => oep45({ [`${D}/defaults.py`]: `${DEFAULTS}TIME_ZONE = 'UTC'\n`, [`${D}/__init__.py`]: `${INIT}# .. setting_name: TIME_ZONE\n` }),
    expected: [],
  },
  {
    name: 'legacy: notices',
    dir: () => legacy({ [`${D}/base.py`]: `${BASE}LOG_LEVEL = 'INFO'\n` }),
    expected: [`${D}/base.py:9 OEP45-S008 notice`],
  },
  {
    // edx-platform since FEATURES became a proxy of the module's names: the annotation still
    // says FEATURES['X'] above the top-level X it documents.
    name: "FEATURES['X'] documents the top-level X",
    dir: () =>
      legacy({
        [`${D}/base.py`]: `${BASE}# .. toggle_name: FEATURES['ENABLE_X']\n# .. toggle_implementation: DjangoSetting\n# .. toggle_default: False\n# .. toggle_description: X.\n# .. toggle_use_cases: open_edx\n# .. toggle_creation_date: 2020-01-01\nENABLE_X = False\n`,
      }),
    expected: [],
  },
]);

table(s009AnnotationNamesSetting, [
  { name: 'every annotation names a setting', dir: () => oep45(), expected: [] },
  {
    name: 'a misspelled setting_name and a DjangoSetting toggle without its setting',
    dir: () =>
      oep45({
        [`${D}/defaults.py`]: `${DEFAULTS}\n# .. setting_name: PAGE_SIZ\n# .. toggle_name: ENABLE_X\n\n# .. toggle_name: ENABLE_Y\n# .. toggle_implementation: DjangoSetting\n\n# .. toggle_name: flag.name\n# .. toggle_implementation: WaffleFlag\n`,
      }),
    expected: [`${D}/defaults.py:9 OEP45-S009 warning`, `${D}/defaults.py:12 OEP45-S009 warning`],
    messages: [/setting_name PAGE_SIZ names no setting/, /toggle_name ENABLE_Y/],
  },
  {
    // Older edx-platform: FEATURES a dict, its keys toggles of their own with no assignment.
    name: "FEATURES['X'] of a FEATURES dict names no assignment, and is no mistake",
    dir: () =>
      oep45({
        [`${D}/defaults.py`]: `${DEFAULTS}\n# .. toggle_name: FEATURES['ENABLE_X']\n# .. toggle_implementation: DjangoSetting\n# .. toggle_default: False\n# .. toggle_description: X.\n# .. toggle_use_cases: open_edx\n# .. toggle_creation_date: 2020-01-01\nFEATURES = {'ENABLE_X': False}\n`,
      }),
    expected: [],
  },
]);

table(s010AnnotationFields, [
  { name: 'complete groups', dir: () => oep45(), expected: [] },
  {
    name: 'a setting without description, a toggle without its fields',
    dir: () =>
      oep45({
        [`${D}/defaults.py`]: `${DEFAULTS}# .. setting_name: X\n# .. setting_default: 1\nX = 1\n# .. toggle_name: T\n# .. toggle_default: False\nT = False\n`,
      }),
    expected: [`${D}/defaults.py:8 OEP45-S010 warning`, `${D}/defaults.py:11 OEP45-S010 warning`],
    messages: [/setting X lacks setting_description/, /toggle T lacks toggle_implementation, toggle_description, toggle_use_cases, toggle_creation_date/],
  },
]);

table(s011LegacyDistance, [
  { name: 'not for an OEP-45 layout', dir: () => oep45(), expected: [] },
  {
    name: 'legacy: summary and the settings that would be required',
    dir: () => legacy({ [`${D}/devstack.py`]: 'from .base import *\nX = 1\n', [`${D}/utils.py`]: 'def get_env_setting(name):\n    return name\n', [`${D}/base.py`]: `${BASE}LMS_URL = None\n` }),
    expected: [`${D}/base.py:1 OEP45-S011 notice`, `${D}/base.py:4 OEP45-S011 notice`],
    messages: [
      /legacy settings layout; distance to OEP-45: 1 setting would move to required\.py \(SECRET_KEY\); 3 to defaults\.py; devstack\.py would become YAML files \(devstack\.yml\); the YAML file, named today by SVC_CFG, would be named by SVC_CFG_PATH/,
      /SECRET_KEY is a literal secret/,
    ],
  },
]);

describe('settings rules together', () => {
  it('parse the package once and put the documentation coverage in the metrics', async () => {
    const dir = oep45({ [`${D}/defaults.py`]: `${DEFAULTS}TIME_ZONE = 'UTC'\n` });
    const ctx = contextFor(dir);
    const outcome = await runChecks(ctx, SETTINGS_RULES);
    expect(outcome.metrics).toEqual([{ label: 'Settings documented', value: '3/4 (75%)' }]);
    expect(brief(outcome.findings)).toEqual([`${D}/defaults.py:8 OEP45-S008 warning`]);
  });

  it('list S001 to S011 in order', () => {
    expect(SETTINGS_RULES.map((r) => r.meta.id)).toEqual(Array.from({ length: 11 }, (_, i) => `OEP45-S${String(i + 1).padStart(3, '0')}`));
  });
});
