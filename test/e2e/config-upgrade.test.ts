// `oep45 config upgrade` as an operator runs it (the bundled CLI), on a real git repository with
// two named releases (test/helpers/upgrade-repo.ts): every kind of change is said, each with the
// changelog line that mentions it or "not mentioned"; with --config, every line is about the
// operator's file with its line numbers, and the exit status is 1 while a required setting is
// missing; a ref that is not one is one clear line and exit 2.

import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/action.js';
import { makeUpgradeRepo, SUMAC_OPERATOR_FILE, type UpgradeRepo } from '../helpers/upgrade-repo.js';

let fixture: UpgradeRepo;
const upgrade = (...args: string[]) => runCliProcess(['config', 'upgrade', '--from', fixture.from, '--to', fixture.to, ...args], { cwd: fixture.repo.dir });

beforeAll(() => {
  fixture = makeUpgradeRepo();
  writeFileSync(join(fixture.repo.dir, 'sumac.yml'), SUMAC_OPERATOR_FILE);
  writeFileSync(
    join(fixture.repo.dir, 'teak.yml'),
    `${SUMAC_OPERATOR_FILE.replace('LOGGING_LEVEL', 'LOG_LEVEL').replace('OLD_FEATURE_FLAG: true\n', '')}NEW_SECRET: from-the-vault\nLMS_ROOT_URL: https://lms.example.org\n`,
  );
});

describe('oep45 config upgrade', () => {
  it('says every change between the two releases, required additions first, each with its changelog line', async () => {
    const run = await upgrade();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Upgrade notes: sumac.3 → teak.1');
    expect(lines[2]).toBe('upgrade_ida/settings (oep45 layout, read from $UPGRADE_IDA_CFG_PATH)');
    const items = lines.filter((l) => l.startsWith('  - '));
    expect(items).toEqual([
      expect.stringMatching(/^ {2}- `NEW_SECRET` is new and required: set it before starting teak\.1 — changelog: CHANGELOG\.rst:13 \(\[2\.0\.0\] - \d{4}-\d\d-\d\d\)$/),
      expect.stringMatching(/^ {2}- `LMS_ROOT_URL` is now required \(it had the default `'http:\/\/localhost:18000'`\) — changelog: CHANGELOG\.rst:16 /),
      '  - `ENABLE_REPORTS` is new, default `False` — the changelog does not mention it',
      expect.stringMatching(/^ {2}- `LOGGING_LEVEL` seems renamed `LOG_LEVEL` \(same documentation; a guess, not applied\) — changelog: CHANGELOG\.rst:14 /),
      expect.stringMatching(/^ {2}- `OLD_FEATURE_FLAG` is removed: teak\.1 no longer reads it — changelog: CHANGELOG\.rst:17 /),
      expect.stringMatching(/^ {2}- the default of `PAGE_SIZE` changes from `20` to `50` — changelog: CHANGELOG\.rst:15 /),
      "  - `SUPPORT_EMAIL` is no longer required: default `'support@example.com'` — the changelog does not mention it",
    ]);
    // The older entry names TIME_ZONE and PAGE_SIZE too: it shipped with sumac, so it is never the link.
    expect(run.stdout).not.toContain('[1.0.0]');
  });

  it('with --config, says each line about the operator file and exits 1 for the missing required settings', async () => {
    const run = await upgrade('--config', 'sumac.yml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const said = run.stdout.split('\n').filter((l) => /^ {2}(MISSING|REMOVE|CHANGE|CHECK|ok)/.test(l)).map((l) => l.replace(/ — .*$/, ''));
    expect(said).toEqual([
      '  MISSING teak.1 requires `NEW_SECRET`, which you do not set',
      "  MISSING teak.1 requires `LMS_ROOT_URL`, which you do not set (its default `'http://localhost:18000'` is gone)",
      '  ok      teak.1 adds `ENABLE_REPORTS` (default `False`); you do not set it, so the default applies',
      '  REMOVE  you set `LOGGING_LEVEL` (line 6), which teak.1 no longer reads: `LOGGING_LEVEL` seems renamed `LOG_LEVEL` in teak.1 (the same documentation; a guess, check the changelog); move your value to `LOG_LEVEL`',
      '  REMOVE  you set `OLD_FEATURE_FLAG` (line 7), which teak.1 no longer reads: remove it',
      '  CHECK   you rely on the default of `PAGE_SIZE`, which changes from `20` to `50` in teak.1; set it to keep the old behaviour',
      "  ok      `SUPPORT_EMAIL` is no longer required in teak.1 (default `'support@example.com'`); you set it (line 5), which still wins",
      '  ok      your `SECRET_KEY` (line 1) is fine: teak.1 reads it as before',
      '  ok      your `DATABASES` (line 2) is fine: teak.1 reads it as before',
      '  ok      your `TIME_ZONE` (line 8) is fine: teak.1 reads it as before',
    ]);
    expect(run.stdout).toContain('2 required settings missing: teak.1 would not start with sumac.yml');
    // Values of the operator's file are never printed: only its keys and lines.
    expect(run.stdout).not.toContain('not-a-real-key');
  });

  it('exits 0 once the operator file sets what teak requires, and JSON says the same', async () => {
    const text = await upgrade('--config', 'teak.yml');
    expect(text.code, text.stdout).toBe(0);
    expect(text.stdout).toContain('teak.yml sets every setting teak.1 requires');
    expect(text.stdout).toMatch(/ok {6}teak\.1 requires `NEW_SECRET`, new in teak\.1; you set it \(line 8\)/);
    const json = await upgrade('--config', 'sumac.yml', '--format', 'json');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ from: { label: 'sumac.3', ref: 'open-release/sumac.3' }, to: { label: 'teak.1' }, changelog: 'CHANGELOG.rst', config: 'sumac.yml' });
    const pkg = out.packages[0];
    expect(pkg.items.map((i: { kind: string; name: string }) => `${i.kind} ${i.name}`)).toEqual([
      'added NEW_SECRET',
      'now-required LMS_ROOT_URL',
      'added ENABLE_REPORTS',
      'renamed LOG_LEVEL',
      'removed OLD_FEATURE_FLAG',
      'default-changed PAGE_SIZE',
      'now-default SUPPORT_EMAIL',
    ]);
    expect(pkg.items[3]).toMatchObject({ oldName: 'LOGGING_LEVEL', evidence: 'documentation', guess: true });
    expect(pkg.items[5]).toMatchObject({ before: '20', after: '50', changelog: { file: 'CHANGELOG.rst', line: 15 } });
    expect(pkg.config.filter((l: { verdict: string }) => l.verdict === 'missing').map((l: { name: string }) => l.name)).toEqual(['NEW_SECRET', 'LMS_ROOT_URL']);
    expect(pkg.config.find((l: { name: string }) => l.name === 'OLD_FEATURE_FLAG')).toMatchObject({ verdict: 'dead', line: 7 });
  });

  it('refuses a ref that is not one, a missing flag and a bad format with one line and exit 2', async () => {
    const bad = await runCliProcess(['config', 'upgrade', '--from', 'open-release/sumac.9', '--to', fixture.to], { cwd: fixture.repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('oep45: --from open-release/sumac.9: no such tag, branch or commit in this repository\n');
    const dash = await runCliProcess(['config', 'upgrade', '--from=--all', '--to', fixture.to], { cwd: fixture.repo.dir });
    expect(dash.code).toBe(2);
    expect(dash.stderr).toBe('oep45: --from: "--all" is not a git ref\n');
    const none = await runCliProcess(['config', 'upgrade', '--to', fixture.to], { cwd: fixture.repo.dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^oep45: config upgrade needs --from REF and --to REF/);
    const format = await upgrade('--format', 'sarif');
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('oep45: --format: "sarif" must be text, markdown or json\n');
    writeFileSync(join(fixture.repo.dir, 'list.yml'), '- SECRET_KEY\n');
    const list = await upgrade('--config', 'list.yml');
    expect(list.code).toBe(2);
    expect(list.stderr).toBe('oep45: list.yml:1:1: the configuration must be a mapping of setting names to values\n');
    // The operator's file is read bounded, as config check reads it: /dev/zero is refused, not read.
    const zero = await upgrade('--config', '/dev/zero');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('oep45: /dev/zero is a character device, not a regular file: it was not read\n');
    for (const r of [bad, dash, none, format, list]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a service in a folder of a larger repository; a module that does not parse at a release is named', async () => {
    const mono = makeUpgradeRepo({ under: 'services/upgrade-ida' });
    mono.repo.write('upgrade_ida/settings/defaults.py', 'PAGE_SIZE = (50\n');
    mono.repo.commit('a broken module');
    mono.repo.tag('release/teak.2');
    const run = await runCliProcess(['config', 'upgrade', '--from', 'release/teak.1', '--to', 'release/teak.2', 'services/upgrade-ida'], { cwd: mono.repo.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}note: upgrade_ida\/settings\/defaults\.py does not parse at teak\.2 \(line \d+\): what it defines there is missing from these notes$/m);
    const notes = await runCliProcess(['config', 'upgrade', '--from', mono.from, '--to', mono.to, '--format', 'markdown', 'services/upgrade-ida'], { cwd: mono.repo.dir, env: {} });
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.stdout).toContain('| <code>OLD\\_FEATURE\\_FLAG</code> is removed: teak.1 no longer reads it | CHANGELOG.rst line 17 (\\[2.0.0\\] - ');
  });

  it('a file over its size limit at a revision is not read: a 5 MiB changelog is no changelog', async () => {
    const big = makeUpgradeRepo();
    big.repo.write('CHANGELOG.rst', `Change Log\n##########\n\nUnreleased\n**********\n\n${'* PAGE_SIZE and more.\n'.repeat(260_000)}`);
    big.repo.commit('a huge changelog');
    big.repo.tag('release/teak.2');
    const run = await runCliProcess(['config', 'upgrade', '--from', big.from, '--to', 'release/teak.2'], { cwd: big.repo.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('No changelog at teak.2: no item could be matched to an entry.');
  });
});
