// Adopting oep45 on a legacy service with a few hundred findings (test/fixtures/legacy-service):
// `oep45 baseline`, then a pull request that adds one finding fails with exactly that one
// annotated, one that removes two reports them fixed and `--update` prunes them; a corrupt or
// missing baseline is an error at its line. The bundled CLI and action run as users and the
// runner run them, in real git repositories with GitHub's merge commit checked out.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { runAction, runCliProcess, type ActionRun } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';
import { SARIF_SUBSET_SCHEMA } from '../helpers/sarif-schema.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/legacy-service');
const CI = '.github/workflows/ci.yml';
const BASE = 'orders/settings/base.py';

/** The annotations a run wrote on files (a failure with no file, `::error::…`, is not one). */
function annotations(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => /^::(error|warning|notice) [^:]*file=/.test(l));
}

/** Makes GitHub's refs/pull/N/merge for branch `feature` into master, checks it out, returns the commits. */
function pullRequest(repo: TestRepo, change: () => void): { base: string; head: string; merge: string } {
  repo.git('checkout', '-q', 'master');
  const base = repo.git('rev-parse', 'HEAD');
  repo.git('checkout', '-q', '-B', 'feature');
  change();
  const head = repo.commit('feature');
  repo.git('checkout', '-q', '-B', 'pull-merge', 'master');
  repo.git('-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
  return { base, head, merge: repo.git('rev-parse', 'HEAD') };
}

function prEvent(range: { base: string; head: string }): { name: string; payload: object } {
  return { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, base: { sha: range.base, repo: { full_name: 'openedx/orders' } }, head: { sha: range.head, repo: { full_name: 'openedx/orders' } } } } };
}

async function checkJson(dir: string, ...args: string[]): Promise<{ code: number; out: { findings: Array<{ rule: string; file: string; baselineState?: string; fingerprint: string; members?: unknown[] }>; summary: { baseline?: { new: number; known: number; fixed: number } } } }> {
  const run = await runCliProcess(['check', '.', '--format', 'json', ...args], { cwd: dir });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return { code: run.code, out: JSON.parse(run.stdout) };
}

describe('a legacy service adopts fail-on: new', () => {
  let repo: TestRepo;
  /** Findings one by one, as the baseline counts them: each undocumented setting is one. */
  let total: number;
  /** Findings as reported: a legacy module's undocumented settings are one notice (OEP45-S008). */
  let shown: number;
  beforeAll(async () => {
    repo = makeRepo({ from: FIXTURE });
    const { findings } = (await checkJson(repo.dir, '--fail-on', 'never')).out;
    shown = findings.length;
    total = findings.reduce((n, f) => n + (f.members?.length ?? 1), 0);
  });

  it('has a few hundred findings on its first run, most of them notices, reported grouped', () => {
    expect(total).toBeGreaterThan(250);
    expect(shown).toBeLessThan(30);
  });

  it('oep45 baseline accepts them all, and check --fail-on new then passes', async () => {
    const made = await runCliProcess(['baseline'], { cwd: repo.dir });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`.oep45-baseline.json: ${total} findings accepted`);
    const text = readFileSync(join(repo.dir, '.oep45-baseline.json'), 'utf8');
    expect(text).toContain(`{"rule": "OEP45-S008", "file": "${BASE}", "content": "TIME_ZONE =", "count": 1}`);
    // the credentials in base.py stay in base.py
    expect(text).not.toMatch(/orders-sso-secret|insecure-secret-key/);
    repo.commit('Accept the findings of today in a baseline');

    const check = await runCliProcess(['check', '.', '--fail-on', 'new', '--no-color'], { cwd: repo.dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(`0 new, ${total} known, 0 fixed since the baseline (.oep45-baseline.json); the ${total} known are not listed`);
  });

  it('a pull request that adds one finding fails the action with exactly that one annotated', async () => {
    const range = pullRequest(repo, () => {
      const ci = readFileSync(join(repo.dir, CI), 'utf8');
      repo.write(CI, ci.replace('      - name: Install pip\n', '      - name: Cache pip\n        uses: actions/cache@v4\n        with:\n          path: ~/.cache/pip\n          key: pip\n      - name: Install pip\n'));
      // Lines added above every setting move them all; none becomes new.
      const base = readFileSync(join(repo.dir, BASE), 'utf8');
      repo.write(BASE, base.replace('"""Common settings and globals."""\n', '"""\nCommon settings and globals.\n\nEvery installation overrides these in the YAML file named by ORDERS_CFG.\n"""\n'));
    });
    const run = await runAction({
      cwd: repo.dir,
      env: { GITHUB_WORKSPACE: repo.dir },
      inputs: { mode: 'check', 'fail-on': 'new', sarif: 'out/oep45.sarif' },
      event: prEvent(range),
      ref: 'refs/pull/7/merge',
      sha: range.merge,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const written = annotations(run);
    expect(written, written.join('\n')).toHaveLength(1);
    expect(written[0]).toMatch(/^::warning title=OEP45-W001,file=\.github\/workflows\/ci\.yml,line=22,col=15::`actions\/cache@v4`/);
    expect(run.stdout).toContain(`::error::checks failed (fail-on: new): 0 errors and 1 warning not in the baseline .oep45-baseline.json (1 new, ${total} known, 0 fixed since the baseline)`);
    expect(run.summary).toContain(`**Baseline** \`.oep45-baseline.json\`: 1 new, ${total} known, 0 fixed since the baseline.`);
    expect(run.summary).toContain(`**Annotations:** the new finding (1 on the pull request's changed lines). The ${shown} known findings are not annotated (fail-on: new).`);
    expect(run.summary).toMatch(/\| \[OEP45-W001\]\(https:\/\/github\.com\/openedx\/oep45-action\/blob\/main\/docs\/rules\.md#oep45-w001\) `uses:` pinned to a full commit SHA \| ⚠️ warning \| 4 \(1 new\) \| \[`\.github\/workflows\/ci\.yml:22`\]\(https:\/\/github\.com\/openedx\/sample-ida\/blob\/[0-9a-f]{40}\/\.github\/workflows\/ci\.yml#L22\) `actions\/cache@v4`[^|]*\*\*\(new\)\*\*<br>/);
    expect(run.stdout).toContain(`::group::All findings (${shown + 1})`);

    // SARIF for code scanning: every result fingerprinted, the new one marked new.
    const sarifPath = join(repo.dir, 'out/oep45.sarif');
    expect(run.outputs.sarif).toBe(sarifPath);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(SARIF_SUBSET_SCHEMA, sarif), JSON.stringify(ajv.errors)).toBe(true);
    const results = sarif.runs[0].results as Array<{ ruleId: string; baselineState: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    expect(results).toHaveLength(total + 1);
    expect(results.every((r) => /^[0-9a-f]{32}:[0-9]+$/.test(r.partialFingerprints['oep45/v1'] ?? ''))).toBe(true);
    expect(new Set(results.map((r) => r.partialFingerprints['oep45/v1'])).size).toBe(results.length);
    const fresh = results.filter((r) => r.baselineState === 'new');
    expect(fresh.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([['OEP45-W001', CI]]);
    expect(results.filter((r) => r.baselineState === 'unchanged')).toHaveLength(total);
  });

  it('a change that removes two findings reports them fixed, and baseline --update prunes them', async () => {
    repo.git('checkout', '-q', 'master');
    const base = readFileSync(join(repo.dir, BASE), 'utf8');
    repo.write(BASE, base.replace("TIME_ZONE = 'UTC'", "#: Time zone of the dates the service stores and shows.\nTIME_ZONE = 'UTC'").replace("LANGUAGE_CODE = 'en'", "#: Language of the pages when the learner has not chosen one.\nLANGUAGE_CODE = 'en'"));
    const check = await runCliProcess(['check', '.', '--fail-on', 'new', '--no-color'], { cwd: repo.dir });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain(`0 new, ${total - 2} known, 2 fixed since the baseline (.oep45-baseline.json)`);
    expect(check.stdout).toContain('`oep45 baseline --update` removes the fixed ones from the baseline');
    const json = await checkJson(repo.dir, '--fail-on', 'new');
    expect(json.out.summary.baseline).toMatchObject({ new: 0, known: total - 2, fixed: 2 });
    expect(json.out.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint) && f.baselineState === 'unchanged')).toBe(true);

    const update = await runCliProcess(['baseline', '--update'], { cwd: repo.dir });
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain(`.oep45-baseline.json: 2 fixed findings removed, ${total - 2} remain.`);
    // Exactly the two lines of what was fixed leave the file.
    expect(repo.git('diff', '--numstat', '--', '.oep45-baseline.json')).toBe('0\t2\t.oep45-baseline.json');
    expect(repo.git('diff', '-U0', '--', '.oep45-baseline.json')).toMatch(/- {4}\{"rule": "OEP45-S008", "file": "orders\/settings\/base\.py", "content": "LANGUAGE_CODE =", "count": 1\},?\n[\s\S]*- {4}\{"rule": "OEP45-S008", "file": "orders\/settings\/base\.py", "content": "TIME_ZONE =", "count": 1\},?/);
    const after = await checkJson(repo.dir, '--fail-on', 'new');
    expect(after.out.summary.baseline).toMatchObject({ new: 0, known: total - 2, fixed: 0 });
  });

  it('baseline --update never adds a finding; plain baseline accepts it', async () => {
    const ci = readFileSync(join(repo.dir, CI), 'utf8');
    repo.write(CI, ci.replace('    steps:\n', '    steps:\n      - uses: actions/setup-node@v4\n'));
    const update = await runCliProcess(['baseline', '--update'], { cwd: repo.dir });
    expect(update.stdout).toContain('1 new finding not added: fix it, or run `oep45 baseline` to accept every finding.');
    expect((await checkJson(repo.dir, '--fail-on', 'new')).code).toBe(1);
    const accept = await runCliProcess(['baseline'], { cwd: repo.dir });
    expect(accept.stdout).toContain('Since the previous baseline: 1 added, 0 removed.');
    expect((await checkJson(repo.dir, '--fail-on', 'new')).code).toBe(0);
    repo.git('checkout', '-q', '--', '.');
  });

  it('a corrupt baseline stops the action with the file and line, annotated there, before any finding is annotated', async () => {
    const good = readFileSync(join(repo.dir, '.oep45-baseline.json'), 'utf8');
    const broken = good.replace('"count": 1}', '"count": 1,}');
    writeFileSync(join(repo.dir, '.oep45-baseline.json'), broken);
    try {
      const run = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir }, inputs: { mode: 'check', 'fail-on': 'new', sarif: 'broken.sarif' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error title=oep45,file=\.oep45-baseline\.json,line=6,col=\d+::\.oep45-baseline\.json:6:\d+: the baseline is not valid JSON \(.*\): fix it, or make it again with `oep45 baseline`$/m);
      // the one annotation is the failure's own, on the baseline's line: no finding's
      expect(annotations(run)).toEqual([expect.stringMatching(/^::error title=oep45,file=\.oep45-baseline\.json,line=6,/)]);
      expect(existsSync(join(repo.dir, 'broken.sarif'))).toBe(false);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
      // the plain command replaces it, and says so
      const remade = await runCliProcess(['baseline'], { cwd: repo.dir });
      expect(remade.code).toBe(0);
      expect(remade.stdout).toMatch(/It replaces a baseline that could not be read \(\.oep45-baseline\.json:6:\d+: the baseline is not valid JSON/);
    } finally {
      writeFileSync(join(repo.dir, '.oep45-baseline.json'), good);
    }
  });

  it('.oep45.yml can say fail-on: new and where the baseline is', async () => {
    const config = readFileSync(join(repo.dir, '.oep45.yml'), 'utf8');
    writeFileSync(join(repo.dir, '.oep45.yml'), `${config}fail-on: new\nbaseline: ci/oep45-baseline.json\n`);
    try {
      const made = await runCliProcess(['baseline'], { cwd: repo.dir });
      expect(made.stdout).toContain('ci/oep45-baseline.json: ');
      const check = await runCliProcess(['check', '.', '--no-color'], { cwd: repo.dir });
      expect(check.code, check.stdout).toBe(0);
      expect(check.stdout).toContain('0 new, ');
      expect(check.stdout).toContain('(ci/oep45-baseline.json)');
      writeFileSync(join(repo.dir, 'ci/oep45-baseline.json'), '');
      const empty = await runCliProcess(['check', '.'], { cwd: repo.dir });
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/^oep45: ci\/oep45-baseline\.json:1:1: the baseline is not valid JSON/);
    } finally {
      writeFileSync(join(repo.dir, '.oep45.yml'), config);
    }
  });

  it('baseline refuses to leave images out', async () => {
    const run = await runCliProcess(['baseline', '--only', 'orders'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('oep45: baseline checks the whole project as configured; --only would leave findings out of it');
  });

  it('fail-on: new without a baseline is an error that says how to make one', async () => {
    const run = await runCliProcess(['check', '.', '--fail-on', 'new', '--baseline', 'baselines/orders.json'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('oep45: fail-on: new compares the findings with the baseline baselines/orders.json, which does not exist: make it with `oep45 baseline` and commit it');
  });
});

describe('annotations on a legacy service within GitHub caps', () => {
  let repo: TestRepo;
  let range: { base: string; head: string; merge: string };
  const added = Array.from({ length: 12 }, (_, i) => `ORDERS_EXPORT_FORMAT_${i} = 'csv'`);
  beforeAll(() => {
    repo = makeRepo({ from: FIXTURE });
    // More warnings than GitHub shows in a step (the fixture alone has exactly 10): a second
    // workflow with actions pinned to tags (three OEP45-W001).
    repo.write('.github/workflows/lint.yml', 'name: lint\non: push\npermissions: {}\njobs:\n  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - uses: actions/setup-node@v4\n      - uses: actions/cache@v4\n');
    repo.commit('a lint workflow');
    range = pullRequest(repo, () => {
      const base = readFileSync(join(repo.dir, BASE), 'utf8');
      repo.write(BASE, base.replace('# END ORDERS\n', `${added.join('\n')}\n# END ORDERS\n`));
    });
  });

  function addedLines(): Set<number> {
    const lines = readFileSync(join(repo.dir, BASE), 'utf8').split('\n');
    return new Set(added.map((a) => lines.indexOf(a) + 1));
  }

  it('writes at most 10 annotations of each kind, the changed lines first, and says where the rest are', async () => {
    const run = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir }, inputs: { mode: 'check', 'fail-on': 'never' }, event: prEvent(range), ref: 'refs/pull/7/merge', sha: range.merge });
    expect(run.code, run.stdout).toBe(0);
    const written = annotations(run);
    const kinds = (kind: string): string[] => written.filter((l) => l.startsWith(`::${kind} `));
    expect(kinds('error').length).toBeLessThanOrEqual(10);
    expect(kinds('warning')).toHaveLength(10);
    expect(kinds('notice').length).toBeLessThanOrEqual(10);
    // the first written is the pull request's new settings: one notice for the twelve, at the
    // first of them, split from the module's other undocumented settings
    const lines = addedLines();
    const first = /file=([^,]+),line=(\d+)[^:]*::(.*)$/.exec(written[0]!)!;
    expect([first[1], lines.has(Number(first[2]))]).toEqual([BASE, true]);
    expect(first[3]).toMatch(/^12 settings are not documented: ORDERS_EXPORT_FORMAT_0 \(line \d+\), ORDERS_EXPORT_FORMAT_1 /);
    expect(written.filter((l) => l.includes('ORDERS_EXPORT_FORMAT_'))).toHaveLength(1);
    const total = JSON.parse(run.outputs.findings!).length as number;
    expect(run.summary).toContain(`**Annotations:** 20 of ${total} findings, the 1 on the pull request's changed lines first; GitHub shows at most 10 errors, 10 warnings and 10 notices per step, so ${total - 20} are not annotated.`);
    expect(run.summary).toContain("Every finding is in the table below (the first 3 of each rule), the log's \"All findings\" group, the `findings` output (`oep45 check --format json`); the `sarif` input writes them to a SARIF file for code scanning.");
    // the table shows the changed lines first in their rule's row
    expect(run.summary).toMatch(new RegExp(`\\| \\[OEP45-S008\\][^|]*\\| ℹ️ notice \\| \\d+ \\| \\[\`${BASE.replace(/\//g, '\\/').replace(/\./g, '\\.')}:(\\d+)\`\\]`));
    expect(run.stdout).toContain(`::group::All findings (${total})`);
  });

  it('on a shallow checkout says which fetch-depth is needed, within the same caps', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = join(mkdtempSync(join(tmpdir(), 'oep45-shallow-')), 'repo');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'pull-merge', `file://${repo.dir}`, dir], { stdio: 'pipe' });
    const run = await runAction({ cwd: dir, env: { GITHUB_WORKSPACE: dir }, inputs: { mode: 'check', 'fail-on': 'never' }, event: prEvent(range), ref: 'refs/pull/7/merge', sha: range.merge });
    expect(run.code, run.stdout).toBe(0);
    const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice '));
    expect(notices[0]).toMatch(/^::notice title=Changed lines unknown::Annotations could not show the pull request's changed lines first: the checkout is shallow, .*Check out with `fetch-depth: 2` \(actions\/checkout\) for that\.$/);
    expect(notices).toHaveLength(10);
    expect(run.summary).toContain('> **Note:** Annotations could not show the pull request');
  });
});
