// A publish starts its image steps while the checks still run (their look-ups overlap the checks),
// behind a gate: on the real engine and a real registry, a publish whose checks fail moves no tag,
// builds and pushes nothing and says nothing about its images, even when its image could be
// reused; one whose checks pass reuses or builds as before, its log lines in their usual order.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import type { PipelineInputs } from '../../src/config/inputs.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { describeWithBuilder, DOCKER } from '../helpers/docker-engine.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { recordingLog, tinyRepo } from '../helpers/build-fixtures.js';
import type { TestRepo } from '../helpers/git.js';

const env = { ...process.env, OEP45_DOCKER: DOCKER };
const requests = (registry: TestRegistry, method: string): number => registry.log().split('\n').filter((l) => new RegExp(`"${method} /v2/ns/app/manifests/`).test(l)).length;

describeWithBuilder('publish: nothing moves before the checks pass', () => {
  let registry: TestRegistry;
  let repo: TestRepo;
  const sha = (): string => repo.git('rev-parse', 'HEAD');
  const publish = async (failOn: PipelineInputs['failOn'], date: string) => {
    const log = recordingLog();
    const inputs: PipelineInputs = {
      mode: 'publish',
      dir: repo.dir,
      event: { eventName: 'schedule', ref: 'refs/heads/master', sha: sha(), date, defaultBranch: 'master' },
      secrets: [],
      credentials: [],
      registries: [`${registry.host}/ns`],
      image: 'app',
      failOn,
    };
    const result = await runPipeline(inputs, { log, cwd: repo.dir, env });
    return { result, log };
  };
  const digestOf = async (tag: string): Promise<string | undefined> => (await new RegistryClient().headManifest(parseReference(`${registry.host}/ns/app:${tag}`)))?.digest;

  beforeAll(async () => {
    registry = await startRegistry();
    repo = tinyRepo();
  });
  afterAll(() => registry.stop());

  it('a publish whose checks pass builds and tags (the tiny repository has warnings, fail-on: never)', async () => {
    const { result, log } = await publish('never', '2026-01-01');
    expect(result.counts.warnings).toBeGreaterThan(0);
    expect(result.failures).toEqual([]);
    expect(result.images.map((i) => [i.status, i.error])).toEqual([['built', undefined]]);
    expect(await digestOf('2026-01-01')).toBe(result.images[0]!.digest);
    expect(log.lines.find((l) => l.startsWith('app: input key '))).toBeDefined();
  });

  it('the same image, its checks failing (fail-on: warning): skipped, no tag moved, no manifest read or written, not a word about it', async () => {
    const puts = requests(registry, 'PUT');
    const gets = requests(registry, 'GET');
    const { result, log } = await publish('warning', '2026-01-02');
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatch(/^checks failed \(fail-on: warning\)/);
    expect(result.images.map((i) => [i.status, i.error])).toEqual([['skipped', 'not published: the checks failed']]);
    expect(requests(registry, 'PUT')).toBe(puts);
    // The look-up of inputs-<key> may have run (a HEAD); the manifest re-tagging reads was not read.
    expect(requests(registry, 'GET')).toBe(gets);
    expect(await digestOf('2026-01-02')).toBeUndefined();
    expect(log.lines).toEqual([]);
    expect(log.groups).toEqual([]);
  });

  it('with the checks passing again it is reused, the new tag on the same digest, the log in its usual order', async () => {
    const first = await digestOf('2026-01-01');
    const { result, log } = await publish('never', '2026-01-03');
    expect(result.images.map((i) => i.status)).toEqual(['reused']);
    expect(await digestOf('2026-01-03')).toBe(first);
    const steps = log.lines.filter((l) => l.startsWith('app: '));
    expect(steps.map((l) => l.split(':')[1]!.trim().split(' ')[0])).toEqual(['input', 'reused']);
  });
});
