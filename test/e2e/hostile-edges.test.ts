// A fork's repository and event as untrusted input at the edges (issue 16, and issue 15's names,
// tags and build args): real repositories, the bundled action spawned as the runner spawns it and
// the bundled CLI in every format. Payloads that would be workflow commands (a newline or CR and
// `::error::`, `::stop-commands::`, `##[`, the `%0A` form), HTML (`<img … onerror=…>`),
// `__proto__` platforms, output-delimiter injection, and cache specs that point the gha backend at
// any URL. For each: one clear error at its file:line, or a safe result — no line of any surface
// a command the payload chose, no HTML in the job summary, exactly the outputs the action means.
// The builds with shell metacharacters, a pull request's cache and build secrets are in
// hostile-edges-builds.test.ts (they run once per builder).

import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, runCliProcess, type ActionRun } from '../helpers/action.js';
import type { TestRepo } from '../helpers/git.js';
import { hostileRepository, sarifSurface } from '../helpers/hostile-run.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const repository = (files: Record<string, string>): TestRepo => hostileRepository(files, made);

/** The payloads: each names itself, so a line that obeys one is easy to spot. */
const CR = '\r::error::pwned-cr';
const LF = '\n::warning::pwned-lf';
const STOP = '\n::stop-commands::pwnedtoken';
const OLD = '\n##[error]pwned-old';
const PERCENT = '%0A::error::pwned-percent';
const HTML = '<img/src=x/onerror=alert(1)>';

/** Lines the runner would read as workflow commands (after leading white space, as it trims). */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).filter((l) => /^\s*(::|##\[)/.test(l));

/** The action's own commands only: the ones @actions/core writes, never one a payload chose. */
function expectOnlyOwnCommands(stdout: string): void {
  const own = /^::(debug|error|warning|notice|group|endgroup|add-mask)( [^:]*)?::/;
  for (const line of commandLines(stdout)) {
    expect(line, line).toMatch(own);
    // A payload may be quoted inside one of ours, escaped; it never is the command's own start.
    expect(line, line).not.toMatch(/^\s*::[a-z-]+( [^:]*)?::pwned/);
  }
}

/** A payload's marker in a command's data is escaped by core (`%` as `%25`, CR, LF as `%0D`, `%0A`). */
function expectEscapedInCommands(stdout: string): void {
  for (const line of commandLines(stdout).filter((l) => l.includes('pwned'))) {
    expect(line).not.toContain('%0A::');
    expect(line).not.toMatch(/[\r\n]/);
  }
}

describe('hostile text from a repository and the event', () => {
  const changelog = [
    'Change Log',
    '##########',
    '',
    `[1.0.0] - 2024-13-45 ${PERCENT} ${HTML}${CR}`,
    '*'.repeat(80),
    '',
    '* a change',
    '',
  ].join('\n');
  const files = {
    'CHANGELOG.rst': changelog,
    // No comment above the stage: OEP45-D008 quotes its FROM line.
    Dockerfile: `FROM localhost/oep45-test/busybox:1${PERCENT}\nCMD ["true"]\n`,
  };

  it('check: the CLI (text, JSON, SARIF) and the action print no command the repository chose, and the summary no HTML', async () => {
    const repo = repository(files);
    const text = await runCliProcess(['check', repo.dir, '--fail-on', 'never']);
    const json = await runCliProcess(['check', repo.dir, '--fail-on', 'never', '--format', 'json']);
    const sarif = await sarifSurface(repo.dir, '', ['--fail-on', 'never']);
    made.push(join(repo.dir, '..', `${repo.dir.split('/').pop()}.sarif`));
    const action = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir, RUNNER_DEBUG: '1' }, inputs: { mode: 'check', 'fail-on': 'never' } });
    expect(text.code, text.stderr).toBe(0);
    expect(action.code, action.stdout).toBe(0);
    // The payload is reported: shown escaped on one line, not dropped.
    expect(text.stdout).toContain(`${PERCENT} ${HTML}\\r::error::pwned-cr`);
    expect(text.stdout).toContain(`busybox:1${PERCENT}`);
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr, sarif]) expect(commandLines(out)).toEqual([]);
    // JSON and SARIF keep the message as data: a string, which JSON writes with its CR escaped.
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('pwned-cr');
    expect(sarif).toContain('\\r::error::pwned-cr');
    expectOnlyOwnCommands(action.stdout);
    expectEscapedInCommands(action.stdout);
    // The log group lists every finding on a line of its own, escaped.
    expect(action.stdout).toContain('\\r::error::pwned-cr');
    expect(action.summary).toContain('pwned-percent');
    expect(action.summary).not.toContain('<img');
    expect(action.summary).toContain('&lt;img/src=x/onerror=alert(1)&gt;');
  });

  const refs: Array<[string, string]> = [
    ['a newline and ::warning::', `refs/heads/feat${LF}`],
    ['::stop-commands::', `refs/heads/feat${STOP}`],
    ['the old ##[ form', `refs/heads/feat${OLD}`],
    ['HTML, as a branch may be named', `refs/heads/${HTML}`],
  ];
  it.each(refs)('plan on a ref with %s, a Dockerfile name with a newline and an owner in HTML', async (_name, ref) => {
    const repo = repository({
      'images-data.json': JSON.stringify([{ image_name: 'app', dockerfile: `app${LF}`, os_platform: 'linux/amd64', owning_team_email: `<img src=x onerror=alert(1)>` }]),
      'dockerfiles/app.Dockerfile': 'FROM localhost/oep45-test/busybox:1\n',
    });
    const cli = await runCliProcess(['plan', repo.dir, '--ref', ref, '--event', 'push']);
    const action = await runAction({ cwd: repo.dir, ref, env: { GITHUB_WORKSPACE: repo.dir, RUNNER_DEBUG: '1' }, inputs: { mode: 'plan' } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(action.code, action.stdout).toBe(0);
    expect(commandLines(cli.stdout + cli.stderr)).toEqual([]);
    expect(cli.stdout).toContain('dockerfiles/app\\n::warning::pwned-lf.Dockerfile');
    expectOnlyOwnCommands(action.stdout);
    expect(action.summary).not.toMatch(/<img|^\s*::|^##\[/m);
    // The image matrix carries the owner as data (a JSON string), which the workflow escapes.
    expect(JSON.parse(action.outputs['image-matrix']!).include[0].owner).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('values that do not belong in a matrix or a docker argument: one error at file:line', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a __proto__ platform', { 'images-data.json': '[\n  {"image_name": "app",\n   "os_platform": "linux/amd64,__proto__"}\n]\n' }, /^oep45: images-data\.json:3:\d+: image "app": platform "__proto__" is not os\/arch\[\/variant\]/],
    ['a platform with a workflow command', { 'images-data.json': JSON.stringify([{ image_name: 'app', os_platform: `linux/amd64${LF}` }]) }, /^oep45: images-data\.json:1:\d+: image "app": platform "linux\/amd64\\n::warning::pwned-lf" is not/],
    ['an image name with shell metacharacters', { 'images-data.json': '[{"image_name": "app;touch /tmp/x"}]' }, /^oep45: images-data\.json:1:\d+: `0\.image_name` must match/],
    ['a target with $()', { '.oep45.yml': 'images:\n  - name: app\n    target: "$(touch /tmp/x)"\n' }, /^oep45: \.oep45\.yml:3:\d+: image "app": target "\$\(touch \/tmp\/x\)" is not a build stage's name/],
    ['a dev suffix with a newline', { '.oep45.yml': `images:\n  - name: app\n    dev:\n      target: dev\n      suffix: ${JSON.stringify(`-dev${LF}`)}\n` }, /^oep45: \.oep45\.yml:5:\d+: image name "app-dev\\n::warning::pwned-lf" is not a Docker repository name/],
    ['a build arg name with a backtick', { '.oep45.yml': 'images:\n  - name: app\n    build-args:\n      "`id`": x\n' }, /^oep45: \.oep45\.yml:4:7: image "app": build arg "`id`" is not an ARG name/],
    ['a gha cache pointed at another host', { '.oep45.yml': 'build:\n  cache: gha\n  cache-to:\n    - type=gha,scope=app,url=https://cache.evil.example/\n' }, /^oep45: \.oep45\.yml:4:7: build\.cache-to "type=gha,scope=app,url=https:\/\/cache\.evil\.example\/": a gha cache's url= is never taken from the repository/],
    ['a gha token in the repository', { '.oep45.yml': 'build:\n  cache-from:\n    - type=gha,token=ghs_notreal\n' }, /^oep45: \.oep45\.yml:3:7: build\.cache-from .*: a gha cache's token= is never taken/],
    ['a local cache on the runner', { '.oep45.yml': 'build:\n  cache-to:\n    - type=local,dest=/home/runner/.ssh\n' }, /^oep45: \.oep45\.yml:3:7: build\.cache-to .*: a local cache is not taken from the repository/],
  ];
  it.each(cases)('%s', async (_name, files, message) => {
    const repo = repository({ Dockerfile: 'FROM localhost/oep45-test/busybox:1\n', 'dockerfiles/app.Dockerfile': 'FROM localhost/oep45-test/busybox:1\n', ...files });
    const cli = await runCliProcess(['plan', repo.dir, '--ref', 'refs/heads/master', '--event', 'push']);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(message);
    expect(commandLines(cli.stderr)).toEqual([]);
    const action = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir }, inputs: { mode: 'plan' } });
    expect(action.code).toBe(1);
    const errors = action.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    // Annotated on the line of the file that holds the value.
    expect(errors[0]).toMatch(/^::error title=oep45,file=(\.oep45\.yml|images-data\.json),line=\d+,col=\d+::/);
    expect(`oep45: ${errors[0]!.replace(/^::error[^:]*::/, '')}`).toMatch(message);
    expect(action.stdout).not.toMatch(/\n\s+at /);
    expect(action.outputs.matrix).toBeUndefined();
    expectOnlyOwnCommands(action.stdout);
  });
});

describe('tags with shell metacharacters and newlines: refused, one line', () => {
  const tags: Array<[string, RegExp]> = [
    ['v1;id', /tags: "v1;id" is not a valid tag/],
    ['v1;touch /tmp/x', /tags: "v1;touch \/tmp\/x" has no tag/],
    ['ghcr.io/openedx/app:`id`', /tags: "`id`" in "ghcr\.io\/openedx\/app:`id`" is not a valid tag/],
    ['$(touch /tmp/x)', /tags: "\$\(touch \/tmp\/x\)" has no tag/],
    [`v1${LF}`, /tags: "::warning:" is not a valid repository name/],
  ];
  it.each(tags)('%j', async (tag, message) => {
    const repo = repository({ 'images-data.json': '[{"image_name": "app", "os_platform": "linux/amd64"}]', 'dockerfiles/app.Dockerfile': 'FROM localhost/oep45-test/busybox:1\n' });
    const cli = await runCliProcess(['plan', repo.dir, '--ref', 'refs/heads/master', '--event', 'push', '--tag', tag]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(message);
    expect(commandLines(cli.stderr)).toEqual([]);
    const action = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir }, inputs: { mode: 'plan', tags: tag } });
    expect(action.code).toBe(1);
    expect(action.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1);
    expect(action.stdout).toMatch(message);
    expectOnlyOwnCommands(action.stdout);
    expect(action.outputs.tags).toBeUndefined();
  });
});

describe('GITHUB_OUTPUT: a crafted value yields exactly the outputs the action means', () => {
  const project = (value: string) =>
    repository({
      'images-data.json': JSON.stringify([{ name: 'App', image_name: 'app', os_platform: 'linux/amd64', build_args: { X: value } }]),
      'dockerfiles/app.Dockerfile': 'FROM localhost/oep45-test/busybox:1\nARG X\n',
    });
  const plan = (repo: TestRepo): Promise<ActionRun> => runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir }, inputs: { mode: 'plan' } });
  const hostile: Array<[string, string]> = [
    ['a heredoc of its own', 'a\nimages<<EOF\ninjected\nEOF\nresult=success'],
    ['a line like core’s delimiter', 'x\nghadelimiter_00000000-0000-0000-0000-000000000000\ninjected=yes'],
    ['name=value lines', '\ninjected=1\r\nmatrix={"include":[]}'],
  ];
  it.each(hostile)('%s', async (_name, value) => {
    const clean = await plan(project('plain'));
    const crafted = project(value);
    const run = await plan(crafted);
    expect(run.code, run.stdout).toBe(0);
    // The same outputs as a clean run, no more: no value made a name of its own.
    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(clean.outputs).sort());
    expect(run.outputs).not.toHaveProperty('injected');
    // The value arrives whole, as data.
    expect(JSON.parse(run.outputs.images!)[0].buildArgs.X).toBe(value);
    expect(JSON.parse(run.outputs.matrix!).include).toHaveLength(1);
  });

  it('the file as the runner reads it: each heredoc closed by its own random delimiter', async () => {
    const repo = project('a\nEOF\nghadelimiter_x\ninjected=1');
    const file = join(repo.dir, '..', `${repo.dir.split('/').pop()}.output`);
    made.push(file);
    writeFileSync(file, '');
    const run = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir, GITHUB_OUTPUT: file }, inputs: { mode: 'plan' } });
    expect(run.code, run.stdout).toBe(0);
    const text = readFileSync(file, 'utf8');
    const names: string[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const opener = /^([A-Za-z0-9_-]+)<<(ghadelimiter_[0-9a-f-]{36})$/.exec(lines[i]!);
      if (!lines[i]) continue;
      expect(opener, `line ${i + 1}: ${lines[i]}`).not.toBeNull();
      names.push(opener![1]!);
      const end = lines.indexOf(opener![2]!, i + 1);
      expect(end).toBeGreaterThan(i);
      i = end;
    }
    expect(names).not.toContain('injected');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['images', 'matrix', 'image-matrix', 'result']));
  });
});
