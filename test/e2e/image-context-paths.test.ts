// The input key of images built from a shared context (the images-data.json layout: every
// Dockerfile under dockerfiles/, the repository root as context) covers only what each Dockerfile
// reads: another service's change leaves an image's key alone, a change to a file it reads does
// not. Real git repositories, the real engine for the FROM image.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { Docker } from '../../src/image/docker.js';
import { computeInputKey, type KeyEnvironment } from '../../src/image/input-key/index.js';
import { RegistryClient } from '../../src/registry/client.js';
import { silentLog } from '../../src/util/log.js';
import { busyboxImage } from '../helpers/base-images.js';
import { describeWithDocker, DOCKER } from '../helpers/docker-engine.js';
import { makeRepo } from '../helpers/git.js';
import { planFor } from '../helpers/build-fixtures.js';

const env = { ...process.env, OEP45_DOCKER: DOCKER };

function keyEnv(root: string): KeyEnvironment {
  const docker = new Docker({ program: DOCKER, kind: 'buildkit', why: 'test' }, env, silentLog);
  return { root, env, docker, registry: new RegistryClient({ retry: { attempts: 1, baseMs: 1, maxMs: 1 } }), log: silentLog, secrets: [], usesLocalImages: true, memo: new Map() };
}

const service = (name: string): string => `# ${name}\nFROM localhost/oep45-test/busybox:1\nCOPY configs/${name}.yml /etc/${name}.yml\nRUN --mount=type=cache,target=/cache true\n`;

describeWithDocker('input key of images sharing a context', () => {
  beforeAll(() => {
    busyboxImage();
  });

  function repository() {
    const repo = makeRepo();
    for (const name of ['notes', 'lms']) {
      repo.write(`dockerfiles/${name}.Dockerfile`, service(name));
      repo.write(`configs/${name}.yml`, `${name}: 1\n`);
    }
    repo.write('README.rst', 'Dockerfiles\n');
    repo.commit('two services');
    const key = async (name: string) => (await computeInputKey(planFor(name, [], { dockerfile: `dockerfiles/${name}.Dockerfile` }), keyEnv(repo.dir))).key;
    return { repo, key };
  }

  it("changes with the files an image reads, not with another service's", async () => {
    const { repo, key } = repository();
    const notes = await key('notes');
    const lms = await key('lms');

    repo.write('dockerfiles/lms.Dockerfile', `${service('lms')}RUN echo changed\n`);
    repo.write('configs/lms.yml', 'lms: 2\n');
    repo.write('README.rst', 'Dockerfiles, one per service\n');
    repo.commit('lms changed overnight');
    expect(await key('notes')).toBe(notes);
    expect(await key('lms')).not.toBe(lms);

    repo.write('configs/notes.yml', 'notes: 2\n');
    expect(await key('notes')).not.toBe(notes);
    repo.commit('notes config');
    expect(await key('notes')).not.toBe(notes);
  });

  it('covers the whole context when the Dockerfile copies all of it, or reads through a symbolic link', async () => {
    const { repo, key } = repository();
    repo.write('dockerfiles/lms.Dockerfile', 'FROM localhost/oep45-test/busybox:1\nCOPY . /src\n');
    repo.commit('lms copies everything');
    const lms = await key('lms');
    repo.write('README.rst', 'changed\n');
    repo.commit('readme');
    expect(await key('lms')).not.toBe(lms);

    repo.write('shared/notes.yml', 'notes: shared\n');
    symlinkSync('../shared/notes.yml', join(repo.dir, 'configs/notes-link.yml'));
    repo.write('dockerfiles/notes.Dockerfile', 'FROM localhost/oep45-test/busybox:1\nCOPY configs/notes-link.yml /etc/notes.yml\n');
    repo.commit('notes reads through a link');
    const notes = await key('notes');
    repo.write('shared/notes.yml', 'notes: shared, changed\n');
    repo.commit('the linked file changed');
    expect(await key('notes')).not.toBe(notes);
  });
});
