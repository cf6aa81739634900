// On the real engine: a FROM image inspected over the engine's socket gives what the docker CLI
// gives (the input key must not depend on which one answered); and a publish whose image is reused
// never chooses a builder — no `docker buildx version` or `docker build --help` probe, no build —
// while one that builds does (the calls are recorded by a wrapper named in OEP45_DOCKER).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '../../src/image/docker.js';
import { engineSocket, inspectOverSocket } from '../../src/image/engine-api.js';
import { executePlan } from '../../src/image/execute.js';
import { BUSYBOX_IMAGE, busyboxImage } from '../helpers/base-images.js';
import { inputsFor, masterContext, planFor, projectAt, recordingLog, tinyRepo } from '../helpers/build-fixtures.js';
import { describeWithBuilder, DOCKER } from '../helpers/docker-engine.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { silentLog } from '../../src/util/log.js';

describeWithBuilder('engine questions', () => {
  let registry: TestRegistry;
  const socket = engineSocket({ ...process.env, OEP45_DOCKER: '' });
  beforeAll(async () => {
    busyboxImage();
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  it.runIf(socket && !process.env.DOCKER_HOST)('an image inspected over the socket is what the CLI says, and a missing one is null', async () => {
    const cli = await new Docker({ program: DOCKER, kind: 'buildkit', why: 'test' }, { ...process.env, OEP45_DOCKER: DOCKER }, silentLog).inspectImage(BUSYBOX_IMAGE);
    expect(cli?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await inspectOverSocket(socket!, BUSYBOX_IMAGE)).toEqual(cli);
    expect(await inspectOverSocket(socket!, 'localhost/oep45-test/no-such-image:1')).toBeNull();
    // No answer at all (no socket there): the caller asks the CLI.
    expect(await inspectOverSocket(join(tmpdir(), 'oep45-no-such.sock'), BUSYBOX_IMAGE)).toBeUndefined();
  });

  it('a reused image never probes for a builder; a build does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-wrapper-'));
    const calls = join(dir, 'calls.txt');
    const wrapper = join(dir, 'docker');
    writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> "${calls}"\nexec "${DOCKER}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    writeFileSync(calls, '');
    const env = { ...process.env, OEP45_DOCKER: wrapper };
    const repo = tinyRepo();
    const plans = [planFor('app', [`${registry.host}/ns/app:latest`])];
    const publish = () => executePlan(plans, { project: projectAt(repo.dir), inputs: inputsFor('publish'), log: recordingLog(), env, context: masterContext() });

    expect((await publish()).map((r) => r.status)).toEqual(['built']);
    const built = readFileSync(calls, 'utf8').split('\n');
    expect(built).toContain('buildx version');
    expect(built.some((c) => /^(buildx )?build --progress=plain /.test(c))).toBe(true);

    writeFileSync(calls, '');
    expect((await publish()).map((r) => r.status)).toEqual(['reused']);
    const reused = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
    // The FROM image is looked up in the engine (OEP45_DOCKER names the client, so through it); nothing else runs.
    expect(reused.every((c) => c.startsWith('image inspect '))).toBe(true);
  });
});
