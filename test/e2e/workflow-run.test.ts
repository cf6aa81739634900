// Whole runs of this checkout's workflows, by the runner model (test/helpers/workflow-runner.ts)
// on a real service repository of two images, the real engine and a real registry, with a FAKE of
// GitHub's API (visibility, the attestation store) on loopback:
//   * the nightly starter as a service copies it: each image built, merged and tagged on its own
//     (a failing image does not stop the other), provenance attested for what this run built;
//   * the next nightly reuses every image and vouches for them because this repository attested
//     them; a store that never saw them gets a notice instead of an attestation;
//   * a re-run of an image's jobs after midnight applies the date the plan showed;
//   * two calls of the workflow in one run name their artifacts apart, and the same call twice is refused.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action.js';
import { busyboxImage, BUSYBOX_IMAGE } from '../helpers/base-images.js';
import { describeWithDocker } from '../helpers/docker-engine.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../helpers/fake-github-api.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';
import { pinDocker } from '../helpers/pin.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { actionSteps, WorkflowRunner, type Run, type World } from '../helpers/workflow-runner.js';
import { execFileSync } from 'node:child_process';

const REPOSITORY = 'openedx/two-images';

function modesOf(run: Run): string[] {
  return actionSteps(run).map(({ step }) => step.with?.mode ?? '');
}

function jobs(run: Run, pattern: RegExp): Array<{ path: string; result: string }> {
  return run.jobs.filter((j) => pattern.test(j.path)).map((j) => ({ path: j.path, result: j.result }));
}

async function tagsOf(registry: TestRegistry, repo: string): Promise<string[]> {
  const res = await fetch(`http://${registry.host}/v2/${repo}/tags/list`);
  if (res.status !== 200) return [];
  // The tags a person reads: not the reuse tags (inputs-<key>) or the layer cache (buildcache…).
  return ((await res.json()) as { tags: string[] | null }).tags?.filter((t) => !t.startsWith('inputs-') && !t.startsWith('buildcache')).sort() ?? [];
}

async function digestOf(registry: TestRegistry, ref: string): Promise<string | null> {
  const [repo, tag] = ref.split(':');
  const res = await fetch(`http://${registry.host}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' },
  });
  return res.status === 200 ? res.headers.get('docker-content-digest') : null;
}

describeWithDocker('whole runs of the reusable workflows', () => {
  let registry: TestRegistry;
  let api: FakeGitHubApi;
  let service: TestRepo;
  let head: string;
  const sourceSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const world = (extra: Partial<World> = {}): World => ({
    source: REPO_ROOT,
    sourceSha,
    service: service.dir,
    repository: REPOSITORY,
    event: { name: 'schedule', ref: 'refs/heads/master', sha: head, payload: { schedule: '17 3 * * 1-5' } },
    apiUrl: api.url,
    actionEnv: { OEP45_DOCKER: pinDocker() },
    ...extra,
  });
  const nightlyStarter = parse(readFileSync(`${REPO_ROOT}/workflows/nightly.yml`, 'utf8')) as never;

  beforeAll(async () => {
    registry = await startRegistry();
    api = await startFakeGitHubApi({ full_name: REPOSITORY, visibility: 'public', pushed_at: new Date().toISOString() });
    busyboxImage();
    service = makeRepo({ branch: 'master' });
    service.write('dockerfiles/app.Dockerfile', `FROM ${BUSYBOX_IMAGE}\nCOPY app.txt /app.txt\nCMD ["cat", "/app.txt"]\n`);
    service.write('dockerfiles/broken.Dockerfile', `FROM ${BUSYBOX_IMAGE}\nRUN echo this image does not build && false\n`);
    service.write('app.txt', 'app\n');
    service.write(
      'images-data.json',
      JSON.stringify([
        { name: 'app', image_name: 'app', os_platform: 'linux/amd64', owning_team_email: 'app-team@example.org' },
        { name: 'broken', image_name: 'broken', os_platform: 'linux/amd64', owning_team_email: 'broken-team@example.org' },
      ]),
    );
    service.write('.oep45.yml', `images-data: images-data.json\nregistries: [${registry.host}/two]\nfail-on: never\n`);
    head = service.commit('two images');
  });
  afterAll(async () => {
    await registry.stop();
    await api.stop();
  });

  it('the nightly starter: each image on its own, a failing image stops only itself, provenance attested for what was built', async () => {
    const runner = new WorkflowRunner(world());
    await runner.runWorkflow(nightlyStarter);
    const run = runner.run;
    expect(jobs(run, /images.yml:images \(app\)/)).toEqual([
      { path: 'caller:images / oep45-images.yml:images (app) / oep45-image.yml:build (linux/amd64)', result: 'success' },
      { path: 'caller:images / oep45-images.yml:images (app) / oep45-image.yml:merge', result: 'success' },
    ]);
    expect(jobs(run, /images.yml:images \(broken\)/)).toEqual([
      { path: 'caller:images / oep45-images.yml:images (broken) / oep45-image.yml:build (linux/amd64)', result: 'failure' },
      { path: 'caller:images / oep45-images.yml:images (broken) / oep45-image.yml:merge', result: 'failure' },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await tagsOf(registry, 'two/app')).toEqual([today, head, 'latest', 'master', `sha-${head.slice(0, 7)}`].sort());
    expect(await tagsOf(registry, 'two/broken')).toEqual([]);
    const report = run.jobs.find((j) => j.path.endsWith('oep45-images.yml:report'))!;
    const images = JSON.parse(String(report.outputs.images)) as Array<{ name: string; status: string; legs: Array<{ status: string }> }>;
    expect(images.map((i) => [i.name, i.status])).toEqual([
      ['app', 'published'],
      ['broken', 'failed'],
    ]);
    expect(report.steps.find((s) => s.name.startsWith('Summarize'))!.log).toContain('::error title=broken failed::broken: its build failed or did not run on linux/amd64. Owning team: broken-team@example.org.');
    // Attested: the index and the one platform image this run built, under the image's name.
    const index = await digestOf(registry, 'two/app:latest');
    const built = images[0]!.legs[0] as unknown as { digest: string };
    expect(run.attestations).toHaveLength(1);
    expect(run.attestations[0]!.subjects.trim().split('\n').sort()).toEqual(
      [built.digest, index!].map((d) => `${d.replace('sha256:', '')}  ${registry.host}/two/app`).sort(),
    );
    // The checks' findings went to code scanning, paths relative to the repository.
    expect(run.codeScanning).toHaveLength(1);
    const sarif = run.codeScanning[0]!.sarif as { runs: Array<{ results: Array<{ locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(run.codeScanning[0]!.category).toBe('oep45');
    const uris = sarif.runs[0]!.results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.filter((u) => u.startsWith('repo/') || u.startsWith('/'))).toEqual([]);
    // The fake store now holds what this run attested, as GitHub's would.
    for (const line of run.attestations[0]!.subjects.trim().split('\n')) api.attested.add(`sha256:${line.split(' ')[0]}`);
  });

  it('in a fork, the nightly starter publishes nothing, attests nothing and uploads nothing', async () => {
    const runner = new WorkflowRunner(world({ repository: 'someone/two-images', runId: 4240 }));
    await runner.runWorkflow(nightlyStarter);
    expect(runner.run.jobs.map((j) => [j.path, j.result])).toEqual([
      ['caller:images', 'skipped'],
      ['caller:attest', 'skipped'],
      ['caller:code-scanning', 'skipped'],
    ]);
  });

  it('the pull request starter: findings to code scanning for a pull request of this repository, not for a fork\'s', async () => {
    const starter = parse(readFileSync(`${REPO_ROOT}/workflows/pull-request.yml`, 'utf8')) as never;
    const event = (from: string): World['event'] => ({
      name: 'pull_request',
      ref: 'refs/pull/9/merge',
      sha: head,
      payload: { number: 9, pull_request: { number: 9, head: { sha: head, repo: { full_name: from } }, base: { repo: { full_name: REPOSITORY } } }, repository: { full_name: REPOSITORY, visibility: 'public' } },
    });
    const own = new WorkflowRunner(world({ event: event(REPOSITORY), runId: 4248 }));
    await own.runWorkflow(starter);
    expect(own.run.codeScanning).toHaveLength(1);
    expect(own.run.jobs.find((j) => j.path === 'caller:code-scanning / oep45-code-scanning.yml:upload')?.result).toBe('success');
    const fork = new WorkflowRunner(world({ event: event('someone/two-images'), runId: 4249 }));
    await fork.runWorkflow(starter);
    expect(fork.run.codeScanning).toEqual([]);
    expect(fork.run.jobs.find((j) => j.path === 'caller:code-scanning')?.result).toBe('skipped');
    // Neither pushed anything.
    expect(modesOf(own.run)).not.toContain('publish');
  });

  it('the next nightly reuses the image, and vouches for it because this repository attested it', async () => {
    const runner = new WorkflowRunner(world({ runId: 4243 }));
    await runner.runWorkflow(nightlyStarter);
    const legs = actionSteps(runner.run).filter(({ step }) => step.with?.mode === 'publish' && step.with.images === 'app');
    expect(JSON.parse(legs[0]!.step.outputs.images!)[0]).toMatchObject({ status: 'reused' });
    expect(runner.run.attestations).toHaveLength(1);
    const index = await digestOf(registry, 'two/app:latest');
    // The index only: the platform image was built by an earlier run, not by this one.
    expect(runner.run.attestations[0]!.subjects.trim()).toBe(`${index!.replace('sha256:', '')}  ${registry.host}/two/app`);
  });

  it('a reused image this repository never attested gets a notice, not an attestation', async () => {
    api.attested.clear();
    const runner = new WorkflowRunner(world({ runId: 4244 }));
    await runner.runWorkflow(nightlyStarter);
    expect(runner.run.attestations).toEqual([]);
    const vouch = runner.run.jobs.find((j) => /oep45-attest.yml:attest/.test(j.path))!.steps.find((s) => s.id === 'vouch')!;
    expect(vouch.log).toMatch(/^::notice title=app not attested::app reuses an image this repository did not attest/m);
  });

  it('re-running an image\'s jobs after midnight applies the date the plan showed', async () => {
    const runner = new WorkflowRunner(world({ runId: 4245 }));
    await runner.runWorkflow('.github/workflows/oep45-images.yml', { nightly: true });
    const plan = runner.run.jobs.find((j) => j.path.endsWith('oep45-images.yml:plan'))!;
    const images = runner.run.jobs.find((j) => j.path.includes('images (app) / oep45-image.yml:merge'))!;
    expect(images.result).toBe('success');
    // As "Re-run failed jobs" does: the plan job's outputs stay, the image's jobs run again — here
    // as if the plan had been made on 2031-02-03 and the re-run happened days later.
    const planned = JSON.parse(String(plan.outputs.run)) as Record<string, unknown>;
    const entry = (JSON.parse(String(plan.outputs['image-matrix'])) as { include: object[] }).include[0];
    const call = runner.run.jobs.length;
    await runner.runWorkflow(
      '.github/workflows/oep45-image.yml',
      { call: JSON.stringify({ ...defaultsOfEntry(), nightly: true }), run: JSON.stringify({ ...planned, date: '2031-02-03', planned: Math.floor(Date.now() / 1000) }), image: JSON.stringify(entry) },
      {},
      're-run / ',
    );
    expect(runner.run.jobs.slice(call).map((j) => j.result)).toEqual(['success', 'success']);
    expect(await tagsOf(registry, 'two/app')).toContain('2031-02-03');
  });

  it('runners given as a runner group and a list of labels reach runs-on as GitHub takes them', async () => {
    const runner = new WorkflowRunner(world({ runId: 4247 }));
    await runner.runWorkflow('.github/workflows/oep45-images.yml', {
      images: 'app',
      push: false,
      runner: '{"group": "builders", "labels": ["x64"]}',
      runners: 'linux/amd64=["self-hosted", "x64", "docker"]',
    });
    expect(runner.run.jobs.map((j) => [j.path.split(' / ').pop(), j.runsOn])).toEqual([
      ['oep45-images.yml:plan', { group: 'builders', labels: ['x64'] }],
      ['oep45-image.yml:build (linux/amd64)', ['self-hosted', 'x64', 'docker']],
      ['oep45-image.yml:merge', undefined],
      ['oep45-images.yml:report', { group: 'builders', labels: ['x64'] }],
    ]);
    expect(runner.run.jobs.every((j) => j.result !== 'failure')).toBe(true);
  });

  it('two calls in one run: artifacts apart when their inputs differ, and the same call twice refused', async () => {
    const runner = new WorkflowRunner(world({ runId: 4246 }));
    await runner.runWorkflow('.github/workflows/oep45-images.yml', { images: 'app', push: false });
    await runner.runWorkflow('.github/workflows/oep45-images.yml', { images: 'broken', push: false });
    const plans = runner.run.jobs.filter((j) => j.path.endsWith('oep45-images.yml:plan'));
    expect(plans.map((p) => p.result)).toEqual(['success', 'success']);
    expect(plans[0]!.outputs.namespace).not.toBe(plans[1]!.outputs.namespace);
    await runner.runWorkflow('.github/workflows/oep45-images.yml', { images: 'app', push: false });
    const third = runner.run.jobs.filter((j) => j.path.endsWith('oep45-images.yml:plan'))[2]!;
    expect(third.result).toBe('failure');
    expect(third.steps.find((s) => s.name === 'Refuse a second call with the same artifact names')!.log).toContain(
      `another call of this workflow in this run already uses the artifact names ${String(plans[0]!.outputs.namespace)}-*`,
    );
    // Its report neither reads nor replaces the first call's artifacts.
    const reports = runner.run.jobs.filter((j) => j.path.endsWith('oep45-images.yml:report'));
    expect(reports[2]!.outputs).toEqual({ images: '[]', report: '' });
    expect(reports[2]!.steps.filter((s) => s.outcome !== 'skipped').map((s) => s.name)).toEqual(['Summarize, and name the owning team of each failed image']);
  });
});

/** The entry workflow's inputs at their defaults, as `toJSON(inputs)` gives them to the per-image workflow. */
function defaultsOfEntry(): Record<string, unknown> {
  const doc = parse(readFileSync(`${REPO_ROOT}/.github/workflows/oep45-images.yml`, 'utf8')) as { on: { workflow_call: { inputs: Record<string, { default?: unknown }> } } };
  return Object.fromEntries(Object.entries(doc.on.workflow_call.inputs).map(([k, v]) => [k, v.default ?? '']));
}
