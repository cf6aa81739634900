// Build mode (local only, nothing pushed), the docker client found on this machine, and
// publishing to a registry behind htpasswd auth with right and wrong credentials.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executePlan } from '../../src/image/execute.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { BUILDER, describeWithBuilder, DOCKER, pathWithDocker } from '../helpers/docker-engine.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { inputsFor, masterContext, planFor, projectAt, recordingLog, tinyRepo } from '../helpers/build-fixtures.js';

const dockerEnv = { ...process.env, OEP45_DOCKER: DOCKER };

describeWithBuilder('build mode', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  it('builds locally with the docker client it finds on PATH, labels the key, pushes nothing; a rebuild is all cache', async () => {
    const repo = tinyRepo();
    // As a user has it: no OEP45_DOCKER, and this project's client is the `docker` on PATH.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithDocker(DOCKER) };
    delete env.OEP45_DOCKER;
    const tag = `${registry.host}/ns/local:latest`;
    const run = async () => {
      const log = recordingLog();
      const [result] = await executePlan([planFor('local', [tag])], { project: projectAt(repo.dir), inputs: inputsFor('build'), log, env, context: masterContext() });
      return { result: result!, log };
    };
    const { result, log } = await run();
    expect(result.status, result.error).toBe('built');
    expect(log.lines.find((l) => l.startsWith('debug: docker client: '))).toBe(
      BUILDER === 'buildx'
        ? 'debug: docker client: docker (docker buildx build: docker on PATH has buildx)'
        : 'debug: docker client: docker (docker build with BuildKit: docker on PATH has no buildx; it runs BuildKit builds itself)',
    );
    const label = execFileSync(DOCKER, ['image', 'inspect', '--format', '{{ index .Config.Labels "org.openedx.oep45.input-key" }}', tag], { encoding: 'utf8' }).trim();
    expect(label).toBe(result.inputKey);
    expect(await new RegistryClient().headManifest(parseReference(tag))).toBeUndefined();
    const again = await run();
    expect(again.result.status).toBe('built');
    expect(again.result.cachedSteps).toBe(again.result.totalSteps);
    expect(again.log.lines.filter((l) => /^local: built in [\d.]+ s, 3 of 3 steps cached$/.test(l))).toHaveLength(1);
  });
});

describeWithBuilder('publishing with registry credentials (htpasswd)', () => {
  let registry: TestRegistry;
  let dockerConfig: string;
  const password = 'pw-Zq81-never-printed';
  beforeAll(async () => {
    registry = await startRegistry({ users: { bob: password } });
    dockerConfig = mkdtempSync(join(tmpdir(), 'oep45-user-docker-'));
    writeFileSync(join(dockerConfig, 'config.json'), '{"auths":{}}\n');
  });
  afterAll(() => registry.stop());

  const publish = async (pw: string) => {
    const repo = tinyRepo();
    const log = recordingLog();
    const inputs = inputsFor('publish', { credentials: [{ registry: registry.host, username: 'bob', password: pw }] });
    const results = await executePlan([planFor('private', [`${registry.host}/ns/private:latest`])], {
      project: projectAt(repo.dir),
      inputs,
      log,
      env: { ...dockerEnv, DOCKER_CONFIG: dockerConfig },
      context: masterContext(),
    });
    return { result: results[0]!, log };
  };

  it('logs in with the password on stdin, pushes, and leaves the user docker config as it was', async () => {
    const { result, log } = await publish(password);
    expect(result.status, result.error).toBe('built');
    expect(log.secrets).toContain(password);
    expect(log.lines).toContain(`Logged in to ${registry.host} as bob`);
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toBe('{"auths":{}}\n');
    const client = new RegistryClient({ credentials: async () => ({ username: 'bob', password }) });
    expect((await client.headManifest(parseReference(`${registry.host}/ns/private:latest`)))?.digest).toBe(result.digest);
  });

  it('uses the engine config.json of an earlier docker login when no credentials are given', async () => {
    const loggedIn = mkdtempSync(join(tmpdir(), 'oep45-logged-in-'));
    writeFileSync(join(loggedIn, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`bob:${password}`).toString('base64') } } }));
    const repo = tinyRepo();
    const run = async () => {
      const log = recordingLog();
      const [result] = await executePlan([planFor('fromconfig', [`${registry.host}/ns/fromconfig:latest`])], {
        project: projectAt(repo.dir),
        inputs: inputsFor('publish'),
        log,
        env: { ...dockerEnv, DOCKER_CONFIG: loggedIn },
        context: masterContext(),
      });
      return { result: result!, log };
    };
    const first = await run();
    expect(first.result.status, first.result.error).toBe('built');
    const second = await run();
    expect(second.result.status, second.result.error).toBe('reused');
    expect(second.log.secrets).toContain(password);
  });

  it('wrong credentials fail with a clear message and no secret anywhere', async () => {
    const wrong = 'wrong-Kx72-password';
    const { result, log } = await publish(wrong);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(new RegExp(`^docker login to ${registry.host.replace(/\./g, '\\.')} as "bob" failed: .*(unauthorized|401)`));
    expect(log.secrets).toContain(wrong);
    for (const text of [result.error ?? '', ...log.lines]) expect(text).not.toContain(wrong);
  });
});
