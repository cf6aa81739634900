// Every rule over the fixtures of test/fixtures/real-shaped: one folder per pattern that real
// Open edX repositories use (edx-platform's envs packages, a notes-like common.py package, an
// ecommerce-like star import, a frontend app, a Tutor plugin, BuildKit check directives…). Each
// row says what the checks must report there, and the whole run must have no error other than
// those: a false error is what a maintainer's first run must never meet. Each fixture is copied
// to a temporary folder first, so that this repository's own git history is not theirs.
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { makeService } from '../helpers/service.js';
import { makeRepo } from '../helpers/git.js';
import { contextFor } from '../helpers/service.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { RULES } from '../../src/checks/registry.js';
import type { Finding } from '../../src/model/finding.js';
import { runCli } from '../../src/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/real-shaped');

/** `rule severity file:line message-pattern`; line `*` for any line. */
type Expected = [rule: string, severity: Finding['severity'], where: string, message: RegExp];

interface Case {
  fixture: string;
  /** Findings that must be there (others may be, but no other error). */
  expected: Expected[];
  /** Rules that must report nothing but the expected findings. */
  silent?: string[];
}

function copy(fixture: string): string {
  return makeService({}, resolve(FIXTURES, fixture));
}

async function check(fixture: string): Promise<Finding[]> {
  return (await runChecks(contextFor(copy(fixture)), RULES)).findings;
}

function matches(f: Finding, [rule, severity, where, message]: Expected): boolean {
  const [file, line] = where.split(':');
  return f.rule === rule && f.severity === severity && f.file === file && (line === '*' || f.line === Number(line)) && message.test(f.message);
}

const show = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.message}`);

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases)('$fixture', async ({ fixture, expected, silent }) => {
      const findings = await check(fixture);
      for (const e of expected) expect(findings.some((f) => matches(f, e)), `${e.join(' ')} in\n${show(findings).join('\n')}`).toBe(true);
      const expectedFinding = (f: Finding): boolean => expected.some((e) => matches(f, e));
      expect(show(findings.filter((f) => f.severity === 'error' && !expectedFinding(f)))).toEqual([]);
      for (const rule of silent ?? []) expect(show(findings.filter((f) => f.rule === rule && !expectedFinding(f)))).toEqual([]);
    });
  });
}

table('settings found where Django is told they are', [
  {
    // edx-notes-api: notesserver/settings/common.py, Django pointed at yaml_config.py by the
    // Dockerfile and wsgi.py, which reads the folder named by EDXNOTES_CONFIG_ROOT.
    fixture: 'settings-common-py',
    expected: [
      [
        'OEP45-S011',
        'notice',
        'notesserver/settings/common.py:1',
        /distance to OEP-45: 2 settings would move to required\.py \(SECRET_KEY, CLIENT_SECRET\); \d+ to defaults\.py; dev\.py, devstack\.py, test\.py would become YAML files \(dev\.yml, devstack\.yml, test\.yml\); the YAML file, named today by EDXNOTES_CONFIG_ROOT \(a folder\), would be named by EDXNOTES_CFG_PATH$/,
      ],
    ],
    silent: ['OEP45-S001', 'OEP45-S002', 'OEP45-S006', 'OEP45-D001'],
  },
  {
    // edx-platform: lms/envs and cms/envs (Django's two projects) and openedx/envs, which both
    // star-import: three packages, each reported on its own, each finding once.
    fixture: 'settings-envs-packages',
    expected: [
      ['OEP45-S011', 'notice', 'lms/envs/common.py:1', /the YAML file, named today by LMS_CFG, would be named by LMS_CFG_PATH$/],
      ['OEP45-S011', 'notice', 'cms/envs/common.py:1', /the YAML file, named today by CMS_CFG, would be named by CMS_CFG_PATH$/],
      ['OEP45-S011', 'notice', 'lms/envs/common.py:1', /devstack\.py, test\.py would become YAML files/],
      ['OEP45-S011', 'notice', 'openedx/envs/common.py:14', /^SECRET_KEY is a literal secret/],
      ['OEP45-S008', 'notice', 'openedx/envs/common.py:*', /^6 settings are not documented: DEBUG \(line 10\), USE_TZ \(line 11\), SECRET_KEY \(line 14\), SESSION_COOKIE_DOMAIN \(line 16\), SESSION_COOKIE_NAME \(line 17\), PLATFORM_NAME \(line 21\)$/],
      ['OEP45-S008', 'notice', 'lms/envs/production.py:*', /settings are not documented: SESSION_ENGINE/],
    ],
    silent: ['OEP45-S001', 'OEP45-S002', 'OEP45-S006', 'OEP45-S009', 'OEP45-S010'],
  },
  {
    // ecommerce: base.py star-imports _oscar.py, whose settings are base's.
    fixture: 'settings-star-import-helper',
    expected: [
      ['OEP45-S011', 'notice', 'ecommerce/settings/base.py:1', /devstack\.py, local\.py, test\.py would become YAML files \(devstack\.yml, local\.yml, test\.yml\); the YAML file, named today by ECOMMERCE_CFG/],
      ['OEP45-S011', 'notice', 'ecommerce/settings/base.py:*', /^SECRET_KEY falls back to a literal secret/],
      ['OEP45-S008', 'notice', 'ecommerce/settings/_oscar.py:*', /settings are not documented: OSCAR_APPS/],
    ],
    silent: ['OEP45-S001', 'OEP45-S006'],
  },
  {
    // xqueue: a single settings.py among the package's code, production.py beside it.
    fixture: 'settings-single-module',
    expected: [['OEP45-S011', 'notice', 'xqueue/settings.py:1', /devstack\.py, test_settings\.py would become YAML files.*named today by XQUEUE_CFG/]],
    silent: ['OEP45-S001', 'OEP45-S002', 'OEP45-S006'],
  },
  {
    // course-discovery: the folder says COURSE_DISCOVERY, the code reads DISCOVERY_CFG.
    fixture: 'settings-app-name-from-code',
    expected: [['OEP45-S011', 'notice', 'course_discovery/settings/base.py:1', /named today by DISCOVERY_CFG, would be named by DISCOVERY_CFG_PATH$/]],
    silent: ['OEP45-S006'],
  },
  {
    // credentials: helpers (utils.py, _debug_toolbar.py) never become YAML files; None is "off".
    fixture: 'legacy-distance-helpers',
    expected: [
      [
        'OEP45-S011',
        'notice',
        'credentials/settings/base.py:1',
        /3 settings would move to required\.py \(SECRET_KEY, DATABASES, SOCIAL_AUTH_EDX_OAUTH2_SECRET\); \d+ to defaults\.py; devstack\.py, local\.py, test\.py would become YAML files/,
      ],
      ['OEP45-S011', 'notice', 'credentials/settings/base.py:6', /^SECRET_KEY falls back to a literal secret/],
    ],
    silent: ['OEP45-S006'],
  },
  {
    // One notice per module for the undocumented settings, one finding per annotation mistake.
    fixture: 'settings-annotations',
    expected: [
      ['OEP45-S008', 'notice', 'registrar/settings/base.py:3', /^22 settings are not documented: DEBUG \(line 3\), ALLOWED_HOSTS \(line 4\), INSTALLED_APPS \(line 6\).* and 10 more$/],
      ['OEP45-S009', 'notice', 'registrar/settings/base.py:32', /^setting_name REGISTRAR_SERVICE_USRNAME names no setting assigned in registrar\/settings; did you mean REGISTRAR_SERVICE_USERNAME \(line 35\)\?$/],
    ],
    silent: ['OEP45-S008', 'OEP45-S009', 'OEP45-S010'],
  },
]);

table('what is not a service', [
  {
    fixture: 'django-plugin',
    expected: [['OEP45-D001', 'notice', '.:0', /^not an OEP-45 service \(a Django app plugin: .*\)/]],
    silent: ['OEP45-D001', 'OEP45-S001', 'OEP45-S006', 'OEP45-S011', 'OEP45-C001', 'OEP45-O001'],
  },
  {
    // edx-ora2: an XBlock with a settings/ package its manage.py and tox point at, to run its
    // tests and the workbench; no production settings, no Dockerfile.
    fixture: 'xblock-test-settings',
    expected: [['OEP45-D001', 'notice', '.:0', /^not an OEP-45 service \(a Django app plugin: .*its Django settings only run its tests \(no production settings module, no Dockerfile\)\)/]],
    silent: ['OEP45-D001', 'OEP45-S001', 'OEP45-S006', 'OEP45-S008', 'OEP45-S011', 'OEP45-C001', 'OEP45-C003', 'OEP45-O001'],
  },
  {
    fixture: 'frontend-app',
    expected: [['OEP45-D001', 'notice', '.:0', /^not an OEP-45 service \(a frontend app: .*\)/]],
    silent: ['OEP45-D001', 'OEP45-S001', 'OEP45-C001', 'OEP45-O001'],
  },
  {
    // edx-django-utils: a Dockerfile for running the tests, without CMD.
    fixture: 'python-library',
    expected: [['OEP45-S001', 'notice', '.:0', /^not an OEP-45 service \(a Python library: .*\)/]],
    silent: ['OEP45-S001', 'OEP45-C001', 'OEP45-O001', 'OEP45-D007'],
  },
  {
    fixture: 'tutor-plugin',
    expected: [['OEP45-D001', 'notice', '.:0', /^not an OEP-45 service \(a Tutor plugin: .*\)/]],
    silent: ['OEP45-D001', 'OEP45-S001', 'OEP45-C001', 'OEP45-C002', 'OEP45-O001'],
  },
  {
    // The service's Dockerfile in docker/.
    fixture: 'dockerfile-variants',
    expected: [],
    silent: ['OEP45-D001', 'OEP45-D002', 'OEP45-D007', 'OEP45-S001'],
  },
]);

/** The CLI in this process, as `oep45 ARGS` runs it, with its output captured. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: async () => '',
    env: {},
    cwd: process.cwd(),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('settings commands on the real-shaped services', () => {
  it('edx-platform-like: asks which package, then checks lms.yml against lms/envs, openedx/envs, production.py and Django', async () => {
    const dir = copy('settings-envs-packages');
    const ambiguous = await cli(['settings', 'docs', dir]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/this repository has 2 settings packages \(lms\/envs, cms\/envs\): choose one with --settings DIR/);
    const run = await cli(['config', 'check', '--config', join(dir, 'config/lms.yml'), dir, '--settings', 'lms/envs']);
    expect(run.stdout, run.stderr).toMatch(/lms\.yml: valid for /);
    expect(run.code).toBe(0);
    const docs = await cli(['settings', 'docs', dir, '--settings', 'lms/envs']);
    expect(docs.stdout).toContain('whose path is in the `LMS_CFG` environment variable (read by `lms/envs/production.py`)');
    expect(docs.stdout).toContain('Under OEP-45 the file\'s path would be in `LMS_CFG_PATH`; until the service reads that variable, set `LMS_CFG`.');
    expect(docs.stdout).toContain('### `SESSION_COOKIE_DOMAIN`');
    expect(docs.stdout).toMatch(/## Other keys of the YAML file[\s\S]*`LMS_BASE`/);
  });

  it('ecommerce-like: keys of the star-imported _oscar.py are settings; an app\'s key is named, a typo refused', async () => {
    const dir = copy('settings-star-import-helper');
    const run = await cli(['config', 'check', '--config', join(dir, 'config/ecommerce.yml'), dir]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^note: 1 key is no setting of ecommerce\/settings nor Django's \(OSCAR_FROM_EMAIL\): loaded as they are/m);
    const typo = await cli(['config', 'check', '--config', join(dir, 'config/typo.yml'), dir]);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/typo\.yml:1:1: unknown setting `PAYMENT_PROCESSOR_CONFG`; did you mean `PAYMENT_PROCESSOR_CONFIG`\?/);
  });

  it('edx-platform-like, configured as Tutor does: a name of the service\'s own words next to a setting is no typo; a misspelled word is', async () => {
    const dir = copy('config-check-sibling-names');
    const run = await cli(['config', 'check', '--config', join(dir, 'config/lms.yml'), dir]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^note: 1 key is no setting of lms\/envs nor Django's \(CMS_ROOT_URL\): loaded as they are/m);
    const typo = await cli(['config', 'check', '--config', join(dir, 'config/typo.yml'), dir]);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/typo\.yml:2:1: unknown setting `PLATFORM_NAEM`; did you mean `PLATFORM_NAME`\?/);
  });

  it('a library\'s settings star-imported into the package: the note says where the keys may come from', async () => {
    const dir = copy('config-check-library-settings');
    const run = await cli(['config', 'check', '--config', join(dir, 'config/shop.yml'), dir]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^note: 2 keys are no setting of shop\/settings nor Django's \(OSCAR_FROM_EMAIL, OSCAR_SEND_REGISTRATION_EMAIL\): loaded as they are; only an installed app that reads them uses them, or they may be settings of oscar\.defaults \(shop\/settings\/_oscar\.py:3\), star-imported from outside this repository$/m,
    );
  });

  it('settings that load Django app plugins: the note says the keys may be the plugins\' settings', async () => {
    const dir = copy('config-check-plugin-settings');
    const run = await cli(['config', 'check', '--config', join(dir, 'config/certs.yml'), dir]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^note: 1 key is no setting of certs\/settings nor Django's \(BADGES_CONFIG_ACCREDIBLE_REGION\): loaded as they are; only an installed app that reads them uses them, or they may be settings of the Django app plugins that add_plugins loads \(certs\/settings\/base\.py:22, certs\/settings\/production\.py:14\)$/m,
    );
  });

  it.each([
    ['settings-common-py', 'in the folder named by the `EDXNOTES_CONFIG_ROOT` environment variable (read by `notesserver/settings/yaml_config.py`)', 'EDXNOTES_CFG_PATH'],
    ['settings-app-name-from-code', 'whose path is in the `DISCOVERY_CFG` environment variable (read by `course_discovery/settings/production.py`)', 'DISCOVERY_CFG_PATH'],
  ])('%s: the docs name the variable read today, and apart the OEP-45 one', async (fixture, today, oep45) => {
    const dir = copy(fixture);
    const docs = await cli(['settings', 'docs', dir]);
    expect(docs.code, docs.stderr).toBe(0);
    expect(docs.stdout).toContain(today);
    expect(docs.stdout).toContain(`Under OEP-45 the file's path would be in \`${oep45}\``);
    const schema = JSON.parse((await cli(['settings', 'schema', dir])).stdout);
    expect(schema.description).toContain(`(under OEP-45: ${oep45})`);
    expect(schema.additionalProperties).toBe(true);
  });
});

table('Dockerfiles as services write them', [
  {
    fixture: 'dockerfile-buildkit-checks',
    expected: [
      ['OEP45-D009', 'error', 'dockerfiles/not-skipped.Dockerfile:5', /^ARG GITHUB_ACCESS_TOKEN looks like a secret/],
    ],
    silent: ['OEP45-D009', 'OEP45-D010', 'OEP45-D013', 'OEP45-D014', 'OEP45-I002'],
  },
  {
    fixture: 'dockerfile-service-names',
    expected: [['OEP45-D009', 'error', 'Dockerfile:12', /^ARG NPM_TOKEN looks like a secret/]],
    silent: ['OEP45-D009'],
  },
  {
    fixture: 'dockerfile-piped-interpreters',
    expected: [
      ['OEP45-D004', 'error', 'Dockerfile:16', /downloaded with curl is run by python3\.12/],
      ['OEP45-D004', 'error', 'Dockerfile:18', /downloaded with curl is run by python3\.12/],
      ['OEP45-D004', 'error', 'Dockerfile:20', /downloaded with wget is run by node/],
      ['OEP45-D004', 'error', 'Dockerfile:22', /downloaded with curl is run by perl/],
      ['OEP45-D004', 'error', 'Dockerfile:24', /downloaded with curl is run by sh/],
      ['OEP45-D004', 'error', 'Dockerfile:26', /downloaded with curl is run by python3/],
    ],
    silent: ['OEP45-D004', 'OEP45-D006', 'OEP45-D011', 'OEP45-D013'],
  },
  {
    fixture: 'dockerfile-jinja-template',
    expected: [
      ['OEP45-D002', 'notice', 'tutorsample/templates/build/openedx/Dockerfile:1', /is a Jinja template \(lines 1, 5, 6, 10, 14, 15 and 2 more\), not a Dockerfile until it is rendered: OEP45-D002 to OEP45-D014 were skipped$/],
      ['OEP45-D002', 'notice', 'deploy/Dockerfile.tmpl:2', /is a Go template \(lines 2, 3, 4, 5, 6\)/],
    ],
    silent: ['OEP45-D002', 'OEP45-D006', 'OEP45-D007', 'OEP45-D008', 'OEP45-D010', 'OEP45-D013', 'OEP45-D014'],
  },
  {
    fixture: 'dockerfile-documented-groups',
    expected: [['OEP45-D008', 'warning', 'Dockerfile:32', /this RUN does several things and has no comment above it/]],
    silent: ['OEP45-D008'],
  },
  {
    fixture: 'dockerfile-optional-args',
    expected: [
      ['OEP45-D006', 'warning', 'Dockerfile:6', /^ARG SERVICE_VARIANT has no default but ENV on line 27 \(stage production, built on this one\) uses it: a plain build makes the image with it empty \(the image config passes it for lms-dev/],
      ['OEP45-D006', 'warning', 'Dockerfile:7', /^ARG SERVICE_PORT has no default but EXPOSE on line 29 \(stage production, built on this one\) uses it/],
      ['OEP45-D006', 'notice', 'Dockerfile:9', /^ARG PIP_INDEX_URL has no default but it is only passed to the environment of the RUNs after it \(line 16\)/],
      ['OEP45-D006', 'notice', 'Dockerfile:10', /^ARG OPENEDX_TRANSLATIONS_REPO has no default but every use brings its own fallback \(ENV on line 11\)/],
      ['OEP45-D006', 'notice', 'Dockerfile:2', /^ARG BASE_IMAGE has no default but every use brings its own fallback \(FROM on line 3\)/],
    ],
    silent: ['OEP45-D006'],
  },
  {
    // edx-platform's public Dockerfile: builder stages whose virtualenv the images copy keep
    // their caches and layers; the stages an image is built on do not.
    fixture: 'dockerfile-builder-stages',
    expected: [['OEP45-D013', 'warning', 'Dockerfile:47', /^pip installs without a cache mount/]],
    silent: ['OEP45-D013', 'OEP45-D014'],
  },
]);

table('changelogs as services write them', [
  { fixture: 'changelog-date-versions', expected: [], silent: ['OEP45-C002', 'OEP45-C004'] },
  { fixture: 'changelog-release-lines', expected: [], silent: ['OEP45-C002', 'OEP45-C004'] },
  {
    fixture: 'changelog-older-changes',
    expected: [['OEP45-C002', 'notice', 'CHANGELOG.rst:14', /^section "Older changes" holds older history: the releases in it are not checked$/]],
    silent: ['OEP45-C002', 'OEP45-C004'],
  },
  { fixture: 'changelog-docs-include', expected: [], silent: ['OEP45-C001', 'OEP45-C002'] },
]);

describe('changelog history against release and version tags', () => {
  it('changes to CI, docs or tests only need no entry', async () => {
    const repo = makeRepo({ from: resolve(FIXTURES, 'changelog-version-tags') });
    repo.tag('v1.4.1');
    repo.write('.github/workflows/ci.yml', `${readFileSync(join(repo.dir, '.github/workflows/ci.yml'), 'utf8')}      - run: make quality\n`);
    repo.write('docs/operations/index.rst', `${readFileSync(join(repo.dir, 'docs/operations/index.rst'), 'utf8')}\nMore notes.\n`);
    repo.write('service/tests/test_views.py', 'def test_views():\n    assert 1 == 1\n');
    repo.commit('ci, docs and tests');
    const findings = (await runChecks(contextFor(repo.dir), RULES)).findings;
    expect(show(findings.filter((f) => f.rule === 'OEP45-C003' || f.severity === 'error'))).toEqual([]);
    // A change to the service itself does need one.
    repo.write('service/settings/base.py', '#: Debug pages; never in production.\nDEBUG = False\n#: Tries of a call to the LMS.\nRETRY_COUNT = 3\n');
    repo.commit('a setting');
    const after = (await runChecks(contextFor(repo.dir), RULES)).findings;
    expect(show(after.filter((f) => f.rule === 'OEP45-C003'))).toEqual([
      'OEP45-C003 error CHANGELOG.rst:4 no "Unreleased" section (or scriv fragment), but the project changed since v1.4.1 (service/settings/base.py)',
    ]);
  });

  it('a service released by date, without tags: what changed since the changelog was last written needs an entry, CI, docs and tests do not', async () => {
    // codejail-service: each day's entry is written when it merges. HEAD is that commit, made
    // after the entry's date: nothing is missing.
    const repo = makeRepo({ from: resolve(FIXTURES, 'changelog-dated-deploys') });
    const c003 = async (): Promise<string[]> => show((await runChecks(contextFor(repo.dir), RULES)).findings.filter((f) => f.rule === 'OEP45-C003'));
    expect(await c003()).toEqual([]);
    repo.write('docs/operations/index.rst', `${readFileSync(join(repo.dir, 'docs/operations/index.rst'), 'utf8')}\nThe sandbox needs no database.\n`);
    repo.commit('docs: the sandbox');
    expect(await c003()).toEqual([]);
    repo.write('service/settings/base.py', `${readFileSync(join(repo.dir, 'service/settings/base.py'), 'utf8')}\n#: Seconds a sandboxed run may take.\nRUN_TIMEOUT = 5\n`);
    repo.commit('feat: a run timeout');
    expect(await c003()).toEqual([
      expect.stringMatching(/^OEP45-C003 error CHANGELOG\.rst:8 no "Unreleased" section \(or scriv fragment\), but HEAD was committed on [\d-]+, after release 2025-04-28 \(2025-04-28\), and the project changed since the changelog was last written \(service\/settings\/base\.py\)$/),
    ]);
  });

  it('compares settings with the newest release or version tag, and any entry since it counts', async () => {
    const repo = makeRepo({ from: resolve(FIXTURES, 'changelog-version-tags') });
    repo.tag('open-release/sumac.1');
    repo.write('service/settings/base.py', '#: Debug pages; never in production.\nDEBUG = False\n#: Tries of a call to the LMS.\nRETRY_COUNT = 3\n');
    repo.commit('RETRY_COUNT, released as 1.4.1');
    repo.tag('v1.4.1');
    repo.write('service/settings/base.py', '#: Debug pages; never in production.\nDEBUG = False\n#: Tries of a call to the LMS.\nRETRY_COUNT = 3\n#: Seconds a call to the LMS may take.\nLMS_TIMEOUT = 5\n');
    repo.write('CHANGELOG.rst', readFileSync(join(repo.dir, 'CHANGELOG.rst'), 'utf8').replace('[1.4.1]', '[1.5.0] - 2025-05-01\n********************\n\n* New setting ``LMS_TIMEOUT``.\n\n[1.4.1]'));
    repo.commit('LMS_TIMEOUT, to be released as 1.5.0');
    const findings = (await runChecks(contextFor(repo.dir), RULES)).findings;
    expect(show(findings.filter((f) => /^OEP45-C00[36]$/.test(f.rule) || f.severity === 'error'))).toEqual([]);
  });
});

describe('what is not a service: its changelog is its own', () => {
  it('a frontend app whose changelog semantic-release writes: the notice, and no changelog rule', async () => {
    // Changelogs like this one have no "Unreleased" section, ever: each entry is written when a
    // version is published. The notice says the changelog rules were not applied; none is.
    const repo = makeRepo({ from: resolve(FIXTURES, 'frontend-app-release-notes') });
    repo.tag('v2.1.0');
    repo.write('src/index.jsx', "import React from 'react';\n\nexport default function App() {\n  return <main />;\n}\n");
    repo.commit('feat: a main landmark');
    const findings = (await runChecks(contextFor(repo.dir), RULES)).findings;
    expect(show(findings.filter((f) => f.rule === 'OEP45-D001'))).toEqual([expect.stringMatching(/^OEP45-D001 notice \.:0 not an OEP-45 service \(a frontend app: .*\): the service rules \(settings, changelog, /)]);
    expect(show(findings.filter((f) => f.rule.startsWith('OEP45-C') || f.severity === 'error'))).toEqual([]);
  });
});

describe('settings history of several envs packages (edx-platform)', () => {
  it('reports a setting changed in the shared openedx/envs once, and one of lms/envs at its own file', async () => {
    const repo = makeRepo({ from: resolve(FIXTURES, 'settings-envs-packages') });
    repo.tag('open-release/sumac.1');
    const shared = readFileSync(join(repo.dir, 'openedx/envs/common.py'), 'utf8');
    repo.write('openedx/envs/common.py', shared.replace("SESSION_COOKIE_NAME = 'sessionid'", "SESSION_COOKIE_NAME = 'openedx_sessionid'"));
    const lms = readFileSync(join(repo.dir, 'lms/envs/common.py'), 'utf8');
    repo.write('lms/envs/common.py', `${lms}\n# .. setting_name: COURSE_LISTING_LIMIT\n# .. setting_default: 50\n# .. setting_description: Courses on the course listing page.\nCOURSE_LISTING_LIMIT = 50\n`);
    repo.commit('two settings');
    const c006 = (await runChecks(contextFor(repo.dir), RULES)).findings.filter((f) => f.rule === 'OEP45-C006');
    expect(show(c006)).toEqual([
      expect.stringMatching(/^OEP45-C006 error lms\/envs\/common\.py:\d+ setting COURSE_LISTING_LIMIT was added since open-release\/sumac\.1, but the changelog since open-release\/sumac\.1 does not mention it$/),
      "OEP45-C006 error openedx/envs/common.py:17 the default of SESSION_COOKIE_NAME changed since open-release/sumac.1 ('sessionid' → 'openedx_sessionid'), but the changelog since open-release/sumac.1 does not mention it",
    ]);
    // Named in the changelog, both are fine.
    repo.write('CHANGELOG.rst', readFileSync(join(repo.dir, 'CHANGELOG.rst'), 'utf8').replace('* Nothing yet.', '* ``SESSION_COOKIE_NAME`` now defaults to ``openedx_sessionid``.\n* New setting ``COURSE_LISTING_LIMIT``.'));
    repo.commit('changelog');
    const after = (await runChecks(contextFor(repo.dir), RULES)).findings.filter((f) => f.rule === 'OEP45-C006' || f.rule === 'OEP45-C003');
    expect(show(after)).toEqual([]);
  });
});

table('workflow rules without noise', [
  {
    // edx-platform's unit-tests.yml: matrix values, numbers and $GITHUB_ENV values pasted into run:.
    fixture: 'workflows-matrix-numbers',
    expected: [['OEP45-W002', 'error', '.github/workflows/unit-tests.yml:59', /github\.event\.pull_request\.title }}` is pasted into the script of job run-tests, step 6, and its value comes from whoever triggered the event$/]],
    silent: ['OEP45-W002'],
  },
  {
    fixture: 'workflows-pull-request-target',
    expected: [
      ['OEP45-W005', 'warning', '.github/workflows/add-to-project.yml:3', /no job checks out or runs the pull request's code/],
      ['OEP45-W005', 'error', '.github/workflows/test-fork.yml:13', /job tests, step 1 checks out the pull request's code/],
    ],
    silent: ['OEP45-W005'],
  },
]);
