// The input key computed from real git repositories, a real engine and a real registry: the same
// content gives the same key whether it is committed or not; what enters the build changes it.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { Docker } from '../../src/image/docker.js';
import { computeInputKey, type KeyEnvironment } from '../../src/image/input-key/index.js';
import { RegistryClient } from '../../src/registry/client.js';
import { silentLog } from '../../src/util/log.js';
import { busyboxImage } from '../helpers/base-images.js';
import { describeWithDocker, DOCKER } from '../helpers/docker-engine.js';
import { makeRepo } from '../helpers/git.js';
import { planFor, TINY_DOCKERFILE, tinyRepo } from '../helpers/build-fixtures.js';

const env = { ...process.env, OEP45_DOCKER: DOCKER };

function keyEnv(root: string): KeyEnvironment {
  const docker = new Docker({ program: DOCKER, kind: 'buildkit', why: 'test' }, env, silentLog);
  return { root, env, docker, registry: new RegistryClient({ retry: { attempts: 1, baseMs: 1, maxMs: 1 } }), log: silentLog, secrets: [], usesLocalImages: true, memo: new Map() };
}

describeWithDocker('input key', () => {
  beforeAll(() => {
    busyboxImage();
  });

  it('is the same committed or not; only what .dockerignore lets through counts', async () => {
    const repo = tinyRepo();
    const key = async () => computeInputKey(planFor('app', []), keyEnv(repo.dir));
    const clean = await key();
    expect(clean.contextSource).toBe('git');
    expect(clean.unresolved).toEqual([]);
    expect(clean.parts.bases).toEqual([{ image: 'localhost/oep45-test/busybox:1', digest: expect.stringMatching(/^local sha256:[0-9a-f]{64}$/) }]);

    repo.write('notes.md', 'changed, but ignored\n');
    const ignoredChange = await key();
    expect(ignoredChange.contextSource).toBe('files');
    expect(ignoredChange.key).toBe(clean.key);

    repo.write('app.txt', 'version 2\n');
    const dirty = await key();
    expect(dirty.contextSource).toBe('files');
    expect(dirty.key).not.toBe(clean.key);
    repo.commit('v2');
    const committed = await key();
    expect(committed.contextSource).toBe('git');
    expect(committed.key).toBe(dirty.key);

    chmodSync(join(repo.dir, 'app.txt'), 0o755);
    repo.commit('executable');
    expect((await key()).key).not.toBe(committed.key);
  });

  it('reads the files when a git-ignored file would enter the build', async () => {
    const repo = tinyRepo(`${TINY_DOCKERFILE}COPY . /all/\n`);
    repo.write('.gitignore', 'build/\n');
    repo.commit('gitignore');
    const before = await computeInputKey(planFor('app', []), keyEnv(repo.dir));
    expect(before.contextSource).toBe('git');
    repo.write('build/out.txt', 'generated\n');
    const after = await computeInputKey(planFor('app', []), keyEnv(repo.dir));
    expect(after.contextSource).toBe('files');
    expect(after.key).not.toBe(before.key);
  });

  it('works for a context in a subfolder of the repository, and sees the Dockerfile, target and build args', async () => {
    const repo = makeRepo();
    repo.write('svc/Dockerfile', 'FROM localhost/oep45-test/busybox:1 AS app\nCOPY . /s\n');
    repo.write('svc/a.txt', 'a\n');
    repo.write('other/b.txt', 'b\n');
    repo.commit('init');
    const plan = planFor('svc', [], { context: 'svc', dockerfile: 'svc/Dockerfile' });
    const base = await computeInputKey(plan, keyEnv(repo.dir));
    expect(base.contextSource).toBe('git');
    repo.write('other/b.txt', 'changed outside the context\n');
    repo.commit('outside');
    expect((await computeInputKey(plan, keyEnv(repo.dir))).key).toBe(base.key);
    expect((await computeInputKey({ ...plan, target: 'app' }, keyEnv(repo.dir))).key).not.toBe(base.key);
    expect((await computeInputKey({ ...plan, buildArgs: { X: '1' } }, keyEnv(repo.dir))).key).not.toBe(base.key);
    repo.write('svc/Dockerfile', 'FROM localhost/oep45-test/busybox:1 AS app\nCOPY . /s/\n');
    repo.commit('dockerfile');
    expect((await computeInputKey(plan, keyEnv(repo.dir))).key).not.toBe(base.key);
  });

  it('follows ADD <git-url>#<ref> to the commit it names (git ls-remote on a local bare repository)', async () => {
    const upstream = makeRepo();
    upstream.write('service.py', 'print(1)\n');
    upstream.commit('one');
    const bare = join(mkdtempSync(join(tmpdir(), 'oep45-bare-')), 'service.git');
    execFileSync('git', ['clone', '-q', '--bare', upstream.dir, bare]);
    const repo = makeRepo();
    repo.write('Dockerfile', `FROM localhost/oep45-test/busybox:1\nARG SERVICE_REF=master\nADD file://${bare}#\${SERVICE_REF} /app\n`);
    repo.commit('init');
    const plan = planFor('svc', []);
    const first = await computeInputKey(plan, keyEnv(repo.dir));
    expect(first.parts.gitSources).toEqual([{ url: `file://${bare}`, ref: 'master', commit: upstream.git('rev-parse', 'HEAD') }]);
    expect((await computeInputKey(plan, keyEnv(repo.dir))).key).toBe(first.key);

    upstream.write('service.py', 'print(2)\n');
    upstream.commit('two');
    execFileSync('git', ['push', '-q', bare, 'master'], { cwd: upstream.dir });
    const second = await computeInputKey(plan, keyEnv(repo.dir));
    expect(second.parts.gitSources[0]!.commit).toBe(upstream.git('rev-parse', 'HEAD'));
    expect(second.key).not.toBe(first.key);

    const missing = await computeInputKey({ ...plan, buildArgs: { SERVICE_REF: 'no-such-branch' } }, keyEnv(repo.dir));
    expect(missing.unresolved).toEqual([`ADD file://${bare}#no-such-branch (line 3)`]);
  });

  it('marks a FROM it cannot find as unresolved, so nothing is reused on its account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-nogit-'));
    mkdirSync(join(dir, 'ctx'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM localhost/oep45-test/does-not-exist:1\n');
    const k = await computeInputKey(planFor('x', [], { context: 'ctx' }), keyEnv(dir));
    expect(k.contextSource).toBe('files');
    expect(k.unresolved).toEqual(['FROM localhost/oep45-test/does-not-exist:1']);
  });
});
