// Which engine socket a docker image inspect may go to directly (the docker CLI's own choice), and
// when the question is left to the CLI: any other host, a docker context, OEP45_DOCKER, Windows,
// a config the CLI would have to read.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSocket } from '../../src/image/engine-api.js';
import { engineClientProgram } from '../../src/image/docker-client.js';

function configDir(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-docker-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), config);
  return dir;
}

describe('engineSocket', () => {
  const none = configDir();
  const cases: Array<[string, NodeJS.ProcessEnv, NodeJS.Platform, string | undefined]> = [
    ['no DOCKER_HOST, no config: the default socket', { DOCKER_CONFIG: none }, 'linux', '/var/run/docker.sock'],
    ['DOCKER_HOST unix://', { DOCKER_CONFIG: none, DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux', '/run/user/1000/docker.sock'],
    ['DOCKER_HOST tcp://: the CLI', { DOCKER_CONFIG: none, DOCKER_HOST: 'tcp://10.0.0.2:2376' }, 'linux', undefined],
    ['DOCKER_HOST ssh://: the CLI', { DOCKER_CONFIG: none, DOCKER_HOST: 'ssh://builder@host' }, 'linux', undefined],
    ['DOCKER_HOST unix:// with no path: the CLI', { DOCKER_CONFIG: none, DOCKER_HOST: 'unix://' }, 'linux', undefined],
    ['DOCKER_CONTEXT other than default: the CLI', { DOCKER_CONFIG: none, DOCKER_CONTEXT: 'remote' }, 'linux', undefined],
    ['DOCKER_CONTEXT default', { DOCKER_CONFIG: configDir('{"currentContext":"remote"}'), DOCKER_CONTEXT: 'default' }, 'linux', '/var/run/docker.sock'],
    ['config.json without a context', { DOCKER_CONFIG: configDir('{"auths":{}}') }, 'linux', '/var/run/docker.sock'],
    ['config.json naming the default context', { DOCKER_CONFIG: configDir('{"currentContext":"default"}') }, 'linux', '/var/run/docker.sock'],
    ['config.json naming another context: the CLI', { DOCKER_CONFIG: configDir('{"currentContext":"desktop-linux"}') }, 'linux', undefined],
    ['config.json the CLI would have to read: the CLI', { DOCKER_CONFIG: configDir('{not json') }, 'linux', undefined],
    ['OEP45_DOCKER names the client: the CLI', { DOCKER_CONFIG: none, OEP45_DOCKER: '/usr/bin/docker' }, 'linux', undefined],
    ['Windows: the CLI', { DOCKER_CONFIG: none }, 'win32', undefined],
  ];
  for (const [what, env, platform, expected] of cases) it(what, () => expect(engineSocket(env, platform)).toBe(expected));
});

describe('engineClientProgram', () => {
  const bin = mkdtempSync(join(tmpdir(), 'oep45-bin-'));
  writeFileSync(join(bin, 'docker'), '#!/bin/sh\n', { mode: 0o755 });
  const empty = mkdtempSync(join(tmpdir(), 'oep45-bin-'));
  const cases: Array<[string, NodeJS.ProcessEnv, string]> = [
    ['OEP45_DOCKER', { OEP45_DOCKER: '/opt/docker', PATH: bin }, '/opt/docker'],
    ['docker on PATH', { PATH: `${empty}:${bin}` }, 'docker'],
    ['no docker on PATH: the engine client', { PATH: empty }, '/usr/bin/docker'],
  ];
  for (const [what, env, expected] of cases) {
    it(what, () => {
      // Without /usr/bin/docker on a machine the last case falls back to `docker` (and fails later, as before).
      const want = expected === '/usr/bin/docker' && !existsSync('/usr/bin/docker') ? 'docker' : expected;
      expect(engineClientProgram(env)).toBe(want);
    });
  }
});
