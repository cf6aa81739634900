// The hostile-edges cases that build on the real engine, once per builder (buildx, and BuildKit
// without buildx): build args with shell metacharacters reach docker as argv elements and change
// nothing on the host; a pull request's build (a real pull_request and pull_request_target payload,
// through the action and the CLI) is given no --cache-to and none of its own .oep45.yml's cache
// lists, while a push build of the same project is; a build secret's file in RUNNER_TEMP is gone
// when the step ends, when the build fails and when the step is cancelled, and the secret is in
// no output. See hostile-edges.test.ts for the cases that do not build.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION, REPO_ROOT, runAction, runCliProcess } from '../helpers/action.js';
import { busyboxImage, BUSYBOX_IMAGE } from '../helpers/base-images.js';
import { BUILDER, DOCKER, describeWithBuilder } from '../helpers/docker-engine.js';
import type { TestRepo } from '../helpers/git.js';
import { hostileRepository } from '../helpers/hostile-run.js';

const ENGINE = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : DOCKER;
const EVENTS = join(REPO_ROOT, 'test/fixtures/events');
const made: string[] = [];
/** Local images the builds made, by name: every tag of each is removed at the end. */
const images: string[] = [];

const repository = (files: Record<string, string>): TestRepo => hostileRepository(files, made);

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The `NAME=value` environment of a local image, as the engine stored it. */
function imageEnv(ref: string): string[] {
  return JSON.parse(execFileSync(ENGINE, ['image', 'inspect', ref, '--format', '{{json .Config.Env}}'], { encoding: 'utf8' })) as string[];
}

/** The docker command lines a run logged at debug level (`docker buildx build …`, `docker build …`). */
function buildCommands(log: string): string[] {
  return log.split('\n').filter((l) => /docker\S* (buildx )?build --progress=plain/.test(l));
}

afterAll(() => {
  for (const name of images) {
    const refs = execFileSync(ENGINE, ['image', 'ls', name, '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (refs.length) execFileSync(ENGINE, ['image', 'rm', '--force', ...refs], { stdio: 'pipe' });
  }
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describeWithBuilder('hostile edges that build', () => {
  beforeAll(() => {
    busyboxImage();
  });
  const run = `${BUILDER}-${process.pid}`;

  it('build args with $(), ; and backticks: passed literally as argv elements, nothing run on the host', async () => {
    const host = tempDir('oep45-hostile-host-');
    const marker = (n: number): string => join(host, `pwned-${n}`);
    const values = { A: `$(touch ${marker(1)})`, B: `x; touch ${marker(2)}`, C: `\`touch ${marker(3)}\``, D: `a' "b" && touch ${marker(4)} | cat > ${marker(5)}` };
    const name = `hostile-args-${run}`;
    const repo = repository({
      'images-data.json': JSON.stringify([{ image_name: name, os_platform: 'linux/amd64', build_args: values }]),
      [`dockerfiles/${name}.Dockerfile`]: [`FROM ${BUSYBOX_IMAGE}`, 'ARG A', 'ARG B', 'ARG C', 'ARG D', 'ENV A_VALUE=$A B_VALUE=$B C_VALUE=$C D_VALUE=$D', 'CMD ["true"]', ''].join('\n'),
    });
    images.push(name);
    const cli = await runCliProcess(['build', repo.dir, '--ref', 'refs/heads/master', '--event', 'push', '--fail-on', 'never'], { env: { OEP45_DEBUG: '1' } });
    expect(cli.code, cli.stderr).toBe(0);
    const env = imageEnv(`${name}:latest`);
    for (const [key, value] of Object.entries(values)) expect(env).toContain(`${key}_VALUE=${value}`);
    for (let n = 1; n <= 5; n++) expect(existsSync(marker(n)), marker(n)).toBe(false);
    // The debug line shows each as one --build-arg, on one line.
    const [command] = buildCommands(cli.stderr);
    expect(command).toContain(`--build-arg A=${values.A}`);
  });

  const prEvents: Array<[string, string]> = [
    ['pull_request', 'pull-request'],
    ['pull_request_target (a fork)', 'pull-request-target-fork'],
  ];
  const cacheProject = (name: string): TestRepo =>
    repository({
      '.oep45.yml': [
        `name: ${name}`,
        'images:',
        `  - name: ${name}`,
        'build:',
        '  cache-from:',
        `    - type=registry,ref=127.0.0.1:9/${name}:pr-cache`,
        '  cache-to:',
        '    - type=inline',
        '',
      ].join('\n'),
      Dockerfile: `# The app.\nFROM ${BUSYBOX_IMAGE}\nCMD ["true"]\n`,
    });
  const envFile = (fixture: string): Record<string, string> =>
    Object.fromEntries(
      readFileSync(join(EVENTS, `${fixture}.env`), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  it.each(prEvents)('a %s build reads the cache and never writes it: no --cache-to, none of its .oep45.yml lists', async (_event, fixture) => {
    const name = `hostile-cache-${fixture}-${run}`;
    const repo = cacheProject(name);
    images.push(name);
    const vars = envFile(fixture);
    const payload = JSON.parse(readFileSync(join(EVENTS, `${fixture}.json`), 'utf8')) as object;
    const action = await runAction({
      cwd: repo.dir,
      event: { name: vars.GITHUB_EVENT_NAME!, payload },
      ref: vars.GITHUB_REF,
      sha: vars.GITHUB_SHA,
      env: { GITHUB_WORKSPACE: repo.dir, RUNNER_DEBUG: '1' },
      inputs: { mode: 'build', 'fail-on': 'never', 'cache-to': 'type=inline' },
    });
    expect(action.code, action.stdout).toBe(0);
    const cli = await runCliProcess(['build', repo.dir, '--fail-on', 'never', '--cache-to', 'type=inline'], {
      env: { ...vars, GITHUB_EVENT_PATH: join(EVENTS, `${fixture}.json`), OEP45_DEBUG: '1' },
    });
    expect(cli.code, cli.stderr).toBe(0);
    for (const log of [action.stdout, cli.stderr]) {
      const commands = buildCommands(log);
      expect(commands).toHaveLength(1);
      expect(commands[0]).not.toContain('--cache-to');
      expect(commands[0]).not.toContain('BUILDKIT_INLINE_CACHE');
      expect(commands[0]).not.toContain(':pr-cache');
      // Said once.
      expect(log.split('\n').filter((l) => l.includes('the layer cache is read, never written'))).toHaveLength(1);
      // cache-to came from the inputs (dropped above), cache-from from the pull request's own .oep45.yml.
      expect(log).toContain(".oep45.yml's build.cache-from is not used");
    }
  });

  it('the same project on a push to master: its cache lists are used (the check above can fail)', async () => {
    const name = `hostile-cache-push-${run}`;
    const repo = cacheProject(name);
    images.push(name);
    const cli = await runCliProcess(['build', repo.dir, '--ref', 'refs/heads/master', '--event', 'push', '--fail-on', 'never'], { env: { OEP45_DEBUG: '1' } });
    expect(cli.code, cli.stderr).toBe(0);
    const [command] = buildCommands(cli.stderr);
    if (BUILDER === 'buildx') {
      expect(command).toContain(`--cache-from type=registry,ref=127.0.0.1:9/${name}:pr-cache`);
      expect(command).toContain('--cache-to type=inline');
    } else {
      // docker build without buildx: references to read, and the inline cache written into the image.
      expect(command).toContain(`--cache-from 127.0.0.1:9/${name}:pr-cache`);
      expect(command).toContain('--build-arg BUILDKIT_INLINE_CACHE=1');
    }
    expect(cli.stderr).not.toContain('never written');
  });

  const SECRET = 'build-secret-Zr81pQx';
  const secretProject = (dockerfile: string): TestRepo => repository({ '.oep45.yml': 'name: hostile-secret\n', Dockerfile: dockerfile });
  const secretDirs = (dir: string): string[] => readdirSync(dir).filter((e) => e.startsWith('oep45-secrets-'));

  it('a failing build with a secret: the secret file is gone after the step, and the secret is in no output', async () => {
    const temp = tempDir('oep45-runner-temp-');
    const repo = secretProject(`# The app.\nFROM ${BUSYBOX_IMAGE}\nRUN --mount=type=secret,id=tok,required=true test -s /run/secrets/tok && exit 3\n`);
    const action = await runAction({ cwd: repo.dir, env: { GITHUB_WORKSPACE: repo.dir, RUNNER_TEMP: temp, RUNNER_DEBUG: '1' }, inputs: { mode: 'build', 'fail-on': 'never', secrets: `tok=${SECRET}` } });
    expect(action.code).toBe(1);
    expect(action.stdout).toMatch(/::error::image hostile-secret failed: docker build failed/);
    // The build was given the file under RUNNER_TEMP, and it is gone now.
    const src = /--secret id=tok,src=(\S+)/.exec(action.stdout)?.[1];
    expect(src?.startsWith(join(temp, 'oep45-secrets-'))).toBe(true);
    expect(existsSync(src!)).toBe(false);
    expect(secretDirs(temp)).toEqual([]);
    const log = action.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(log.filter((l) => l.includes(SECRET))).toEqual([]);
    expect(action.stderr).not.toContain(SECRET);
    expect(JSON.stringify(action.outputs)).not.toContain(SECRET);
    expect(action.summary).not.toContain(SECRET);
  });

  it('a cancelled step (SIGTERM while the build runs): the secret file is gone', async () => {
    const temp = tempDir('oep45-runner-temp-');
    const repo = secretProject(`# The app.\nFROM ${BUSYBOX_IMAGE}\nRUN --mount=type=secret,id=tok,required=true echo started-${run} && sleep 60\n`);
    const files = tempDir('oep45-runner-files-');
    for (const f of ['output', 'summary']) writeFileSync(join(files, f), '');
    writeFileSync(join(files, 'event.json'), '{}');
    // Its own process group, so that the test ends the action and the docker client it started, by id.
    const child = spawn(process.execPath, [ACTION], {
      cwd: repo.dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: join(files, 'output'),
        GITHUB_STEP_SUMMARY: join(files, 'summary'),
        GITHUB_EVENT_PATH: join(files, 'event.json'),
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/master',
        GITHUB_WORKSPACE: repo.dir,
        RUNNER_TEMP: temp,
        'INPUT_MODE': 'build',
        'INPUT_FAIL-ON': 'never',
        INPUT_SECRETS: `tok=${SECRET}`,
        ...(process.env.OEP45_DOCKER ? { OEP45_DOCKER: process.env.OEP45_DOCKER } : {}),
      },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const deadline = Date.now() + 90_000;
    while (!out.includes(`started-${run}`) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain(`started-${run}`);
    expect(secretDirs(temp)).toHaveLength(1);
    process.kill(-child.pid!, 'SIGTERM');
    await closed;
    expect(child.signalCode ?? child.exitCode).toBe('SIGTERM');
    expect(secretDirs(temp)).toEqual([]);
    expect(readFileSync(join(files, 'output'), 'utf8')).not.toContain(SECRET);
  });
});
