// The whole action, spawned as the runner spawns it, publishing to a registry behind auth with a
// build secret: outputs and summary say what happened, and neither the build secret nor the
// registry password appears in any log line, output or summary. (`::add-mask::` lines are
// commands to the runner, which consumes them and masks the value everywhere; they are the one
// place the values are meant to be.)
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBuilder } from '../helpers/docker-engine.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { busyboxImage } from '../helpers/base-images.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';

const SECRET = 'build-secret-Hq7fT2'; // the build secret
const PASSWORD = 'registry-pass-W9x3Lm'; // the registry password

describeWithBuilder('the action publishing with secrets', () => {
  let registry: TestRegistry;
  let repo: TestRepo;
  beforeAll(async () => {
    busyboxImage();
    registry = await startRegistry({ users: { ci: PASSWORD } });
    repo = makeRepo();
    repo.write('.oep45.yml', `name: secret-app\nregistries:\n  - ${registry.host}/ns\nimages:\n  - name: secret-app\n`);
    repo.write(
      'Dockerfile',
      ['FROM localhost/oep45-test/busybox:1', `ENV TEST_RUN=${randomUUID()}`, '# The secret is used, and its size shown, never its value.', 'RUN --mount=type=secret,id=tok,required=true wc -c /run/secrets/tok', 'COPY app.txt /app.txt', ''].join('\n'),
    );
    repo.write('app.txt', 'hello\n');
    repo.commit('init');
  });
  afterAll(() => registry.stop());

  const publish = (): Promise<ActionRun> =>
    runAction({
      cwd: repo.dir,
      env: { GITHUB_WORKSPACE: repo.dir, DOCKER_CONFIG: repo.dir + '/.no-docker-config' },
      ref: 'refs/heads/master',
      inputs: { mode: 'publish', 'fail-on': 'never', secrets: `tok=${SECRET}`, registry: registry.host, 'registry-username': 'ci', 'registry-password': PASSWORD },
    });

  const expectNoSecrets = (run: ActionRun): void => {
    const log = (run.stdout + run.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const value of [SECRET, PASSWORD]) {
      expect(run.stdout).toContain(`::add-mask::${value}`);
      expect(log.filter((l) => l.includes(value))).toEqual([]);
      expect(JSON.stringify(run.outputs)).not.toContain(value);
      expect(run.summary).not.toContain(value);
    }
  };

  it('builds with the secret mounted, publishes, and reports every image in outputs and summary', async () => {
    const run = await publish();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const images = JSON.parse(run.outputs.images ?? '[]') as Array<Record<string, unknown>>;
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ name: 'secret-app', status: 'built', digest: expect.stringMatching(/^sha256:/), inputKey: expect.stringMatching(/^[0-9a-f]{64}$/), seconds: expect.any(Number), cachedSteps: expect.any(Number) });
    expect(run.outputs.digest).toBe(images[0]!.digest);
    expect(run.outputs.tags?.split('\n')).toContain(`${registry.host}/ns/secret-app:latest`);
    // The secret reached the build: 19 bytes were mounted.
    expect(run.stdout).toMatch(/19 \/run\/secrets\/tok/);
    expect(run.stdout).toContain('::group::Build secret-app');
    expect(run.summary).toMatch(new RegExp(`\\| secret-app \\| built \\| [\\d.]+ s \\(\\d+/\\d+ cached\\) \\| \`sha256:`));
    expectNoSecrets(run);
  });

  it('publishes the same commit again as reused, with the same digest', async () => {
    const first = JSON.parse((await publish()).outputs.images ?? '[]')[0];
    const run = await publish();
    expect(run.code, run.stdout).toBe(0);
    const image = JSON.parse(run.outputs.images ?? '[]')[0];
    expect(image).toMatchObject({ status: 'reused', digest: first.digest });
    expect(run.stdout).not.toContain('::group::Build');
    expect(run.summary).toMatch(/\| secret-app \| reused \|/);
    expectNoSecrets(run);
  });

  it('wrong registry credentials: a failed run, one clear line, no secret', async () => {
    const run = await runAction({
      cwd: repo.dir,
      env: { GITHUB_WORKSPACE: repo.dir },
      ref: 'refs/heads/master',
      inputs: { mode: 'publish', 'fail-on': 'never', secrets: `tok=${SECRET}`, registry: registry.host, 'registry-username': 'ci', 'registry-password': 'not-the-password-5521' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failure');
    expect(run.stdout).toMatch(new RegExp(`::error::image secret-app failed: docker login to ${registry.host.replace(/\./g, '\\.')} as "ci" failed: .*401`));
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    const log = (run.stdout + run.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(log.filter((l) => l.includes('not-the-password-5521'))).toEqual([]);
  });
});
