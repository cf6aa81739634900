// `oep45 config upgrade` on real-shaped repositories, as git histories built in the test:
//   * edx-platform's layout (test/fixtures/real-shaped/settings-envs-packages: lms/envs and
//     cms/envs star-importing openedx/envs, production.py setting defaults before it loads the
//     LMS_CFG file and reading keys through `_YAML_TOKENS.get`), where teak changes a shared
//     default, removes an LMS setting and a production default: each package is reported on its
//     own, and an operator's lms.yml is read against lms/envs only;
//   * examples/legacy-ida, whose next release moves from base.py/production.py (LEGACY_IDA_CFG)
//     to OEP-45's required.py/defaults.py (LEGACY_IDA_CFG_PATH): the layout and the variable
//     change are said, and so is every setting that became required.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCliProcess } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';

const ENVS = join(REPO_ROOT, 'test/fixtures/real-shaped/settings-envs-packages');
const LEGACY = join(REPO_ROOT, 'examples/legacy-ida');

function edit(repo: TestRepo, file: string, change: (text: string) => string): void {
  const before = readFileSync(join(repo.dir, file), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  repo.write(file, after);
}

describe('edx-platform: lms/envs and cms/envs, each on its own', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = makeRepo({ from: ENVS });
    repo.tag('open-release/sumac.3');
    edit(repo, 'openedx/envs/common.py', (t) => t.replace("PASSWORD_RESET_IP_RATE = '1/m'", "PASSWORD_RESET_IP_RATE = '3/m'"));
    edit(repo, 'lms/envs/common.py', (t) => t.replace('MAX_PROBLEM_RESPONSES_COUNT = 5000\n', ''));
    edit(repo, 'lms/envs/production.py', (t) => t.replace('BROKER_HEARTBEAT = 60.0', 'BROKER_HEARTBEAT = 10.0'));
    edit(repo, 'CHANGELOG.rst', (t) => t.replace('* Nothing yet.', '* ``PASSWORD_RESET_IP_RATE`` now allows 3 requests a minute.'));
    repo.write('config/lms.yml', `${readFileSync(join(ENVS, 'config/lms.yml'), 'utf8')}MAX_PROBLEM_RESPONSES_COUNT: 100\n`);
    repo.commit('teak');
    repo.tag('release/teak.1');
  });

  it('reports lms/envs and cms/envs each in its own section; the shared default in both', async () => {
    const run = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.3', '--to', 'release/teak.1'], { cwd: repo.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sections = run.stdout.split('\n\n').slice(1, 3);
    expect(sections[0]).toMatch(/^lms\/envs \(legacy layout, read from \$LMS_CFG\)\n/);
    expect(sections[1]).toMatch(/^cms\/envs \(legacy layout, read from \$CMS_CFG\)\n/);
    const lms = sections[0]!.split('\n').slice(1).filter(Boolean);
    expect(lms).toEqual([
      '  - `MAX_PROBLEM_RESPONSES_COUNT` is removed: teak.1 no longer reads it — the changelog does not mention it',
      '  - the default of `BROKER_HEARTBEAT` changes from `60.0` to `10.0` — the changelog does not mention it',
      expect.stringMatching(/^ {2}- the default of `PASSWORD_RESET_IP_RATE` changes from `'1\/m'` to `'3\/m'` — changelog: CHANGELOG\.rst:\d+ \(Unreleased\)$/),
    ]);
    expect(sections[1]!.split('\n').slice(1).filter(Boolean)).toEqual([expect.stringMatching(/^ {2}- the default of `PASSWORD_RESET_IP_RATE` changes from `'1\/m'` to `'3\/m'` — changelog: CHANGELOG\.rst:\d+ \(Unreleased\)$/)]);
    expect(run.stdout).not.toContain('openedx/envs (');
    // The shared package alone, when asked for.
    const shared = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.3', '--to', 'release/teak.1', '--settings', 'openedx/envs'], { cwd: repo.dir });
    expect(shared.code, shared.stderr).toBe(0);
    expect(shared.stdout).toMatch(/\nopenedx\/envs \(legacy layout\)\n {2}- the default of `PASSWORD_RESET_IP_RATE` changes/);
  });

  it('reads an operator lms.yml against lms/envs, and asks which package it configures without --settings', async () => {
    const ask = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.3', '--to', 'release/teak.1', '--config', 'config/lms.yml'], { cwd: repo.dir });
    expect(ask.code).toBe(2);
    expect(ask.stderr).toBe('oep45: this repository has 2 settings packages (lms/envs, cms/envs): say which one config/lms.yml configures with --settings DIR\n');
    const run = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.3', '--to', 'release/teak.1', '--config', 'config/lms.yml', '--settings', 'lms/envs'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    const said = run.stdout.split('\n').filter((l) => /^ {2}(REMOVE|CHECK|MISSING|CHANGE)/.test(l)).map((l) => l.replace(/ — .*$/, ''));
    expect(said).toEqual([
      '  REMOVE  you set `MAX_PROBLEM_RESPONSES_COUNT` (line 14), which teak.1 no longer reads: remove it',
      '  CHECK   you rely on the default of `BROKER_HEARTBEAT`, which changes from `60.0` to `10.0` in teak.1; set it to keep the old behaviour',
      "  CHECK   you rely on the default of `PASSWORD_RESET_IP_RATE`, which changes from `'1/m'` to `'3/m'` in teak.1; set it to keep the old behaviour",
    ]);
    // Keys production.py reads by name (_YAML_TOKENS.get('LMS_BASE')) and shared settings are read as before.
    expect(run.stdout).toContain('  ok      your `LMS_BASE` (line 8) is fine: teak.1 reads it as before');
    expect(run.stdout).toContain('  ok      your `PLATFORM_NAME` (line 6) is fine: teak.1 reads it as before');
  });
});

describe('legacy layout → OEP-45 (examples/legacy-ida)', () => {
  let repo: TestRepo;
  const doc = (name: string, value: string, text: string): string => `# .. setting_name: ${name}\n# .. setting_default: ${value}\n# .. setting_description: ${text}\n${name} = ${value}\n\n`;
  beforeAll(() => {
    repo = makeRepo({ from: LEGACY });
    repo.tag('open-release/sumac.2');
    for (const f of ['base.py', 'production.py', 'devstack.py', 'test.py']) rmSync(join(repo.dir, 'legacy_ida/settings', f));
    repo.write(
      'legacy_ida/settings/__init__.py',
      "import os\n\nimport yaml\n\nfrom .required import *  # noqa\nfrom .defaults import *  # noqa\n\nCONFIG_FILE = os.environ['LEGACY_IDA_CFG_PATH']\nwith open(CONFIG_FILE, encoding='utf-8') as f:\n    globals().update(yaml.safe_load(f) or {})\n",
    );
    repo.write(
      'legacy_ida/settings/required.py',
      doc('SECRET_KEY', 'None', "Django's cryptographic signing key. Production must set its own.") +
        doc('ALLOWED_HOSTS', 'None', 'Host names this service answers to.') +
        doc('DATABASES', 'None', 'Django database connections. Production sets them in the YAML file.') +
        doc('LMS_ROOT_URL', 'None', 'Root URL of the LMS this service belongs to, e.g. https://courses.example.com.') +
        doc('SOCIAL_AUTH_EDX_OAUTH2_SECRET', 'None', 'OAuth2 client secret of this service at the LMS.'),
    );
    repo.write(
      'legacy_ida/settings/defaults.py',
      "import os\nfrom os.path import abspath, dirname, join\n\nPROJECT_ROOT = dirname(dirname(abspath(__file__)))\n\n" +
        doc('DEBUG', 'False', 'Show detailed error pages. Never enable it in production.') +
        "INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth', 'legacy_ida']\nROOT_URLCONF = 'legacy_ida.urls'\nWSGI_APPLICATION = 'legacy_ida.wsgi.application'\n\n" +
        doc('TIME_ZONE', "'UTC'", 'Time zone of stored and displayed dates.') +
        "STATIC_ROOT = join(PROJECT_ROOT, 'assets')\n\n" +
        doc('SOCIAL_AUTH_EDX_OAUTH2_KEY', "'legacy-ida-sso-key'", 'OAuth2 client id of this service at the LMS, for single sign-on.') +
        "CELERY_BROKER_URL = os.environ.get('CELERY_BROKER_URL', 'redis://localhost:6379/0')\n\n" +
        doc('API_PAGE_SIZE', '50', 'Number of items per page in the API.') +
        "FEATURES = {'ENABLE_REPORTS': False}\n",
    );
    edit(repo, 'Dockerfile', (t) => t.replace('legacy_ida.settings.production', 'legacy_ida.settings'));
    edit(repo, 'manage.py', (t) => t.replace('legacy_ida.settings.devstack', 'legacy_ida.settings'));
    repo.commit('teak: the OEP-45 layout');
    repo.tag('release/teak.1');
  });

  it('says the layout, the variable and every setting that became required', async () => {
    const run = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.2', '--to', 'release/teak.1', '--format', 'json'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    const [pkg] = JSON.parse(run.stdout).packages;
    expect(pkg).toMatchObject({ dir: 'legacy_ida/settings', layout: { before: 'legacy', after: 'oep45' }, variable: 'LEGACY_IDA_CFG_PATH' });
    expect(pkg.items.map((i: { kind: string; name: string; oldName?: string }) => `${i.kind} ${i.oldName ? `${i.oldName}→` : ''}${i.name}`)).toEqual([
      'layout legacy→oep45',
      'variable LEGACY_IDA_CFG→LEGACY_IDA_CFG_PATH',
      'now-required ALLOWED_HOSTS',
      'now-required DATABASES',
      'now-required SECRET_KEY',
      'now-required SOCIAL_AUTH_EDX_OAUTH2_SECRET',
      'default-changed API_PAGE_SIZE',
    ]);
  });

  it("the example operator file sets every new requirement: exit 0, and it is told about the variable", async () => {
    const run = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.2', '--to', 'release/teak.1', '--config', 'config/example-production.yml'], { cwd: repo.dir });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('  CHANGE  teak.1 reads the path of your file from `LEGACY_IDA_CFG_PATH`, no longer from `LEGACY_IDA_CFG`: set `LEGACY_IDA_CFG_PATH` where the service runs');
    expect(run.stdout).toContain('  ok      teak.1 moves the settings of legacy_ida/settings from the legacy layout to the oep45 layout; the keys of your file stay as they are');
    expect(run.stdout).toMatch(/ok {6}teak\.1 requires `SECRET_KEY` \(it had the default `'insecure-secret-key'`\); you set it \(line 3\)/);
    expect(run.stdout).toContain('CHECK   you rely on the default of `API_PAGE_SIZE`, which changes from `20` to `50` in teak.1');
    expect(run.stdout).toContain('config/example-production.yml sets every setting teak.1 requires');
  });
});
