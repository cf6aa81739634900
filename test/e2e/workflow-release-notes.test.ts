// The release starter, run whole by the runner model (test/helpers/workflow-runner.ts) on a real
// repository with two named releases (test/helpers/upgrade-repo.ts), the real engine and a real
// registry, for the push of the release/teak.1 tag: the plan job's check step makes the upgrade
// notes from open-release/sumac.3, writes them to its job summary, and the reusable workflow
// hands them to the caller as `upgrade-notes`, which a caller's job reads through env: into the
// file a GitHub release body is made from (the `gh release` call itself needs GitHub: not run here).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action.js';
import { busyboxImage, BUSYBOX_IMAGE } from '../helpers/base-images.js';
import { describeWithDocker } from '../helpers/docker-engine.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../helpers/fake-github-api.js';
import { gfmProblems } from '../helpers/gfm.js';
import { pinDocker } from '../helpers/pin.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { makeUpgradeRepo, type UpgradeRepo } from '../helpers/upgrade-repo.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';
import { execFileSync } from 'node:child_process';

const REPOSITORY = 'openedx/upgrade-ida';

describeWithDocker('the release starter: upgrade notes of a named release', () => {
  let registry: TestRegistry;
  let api: FakeGitHubApi;
  let fixture: UpgradeRepo;

  beforeAll(async () => {
    registry = await startRegistry();
    api = await startFakeGitHubApi({ full_name: REPOSITORY, visibility: 'public', pushed_at: new Date().toISOString() });
    busyboxImage();
    fixture = makeUpgradeRepo({
      files: {
        Dockerfile: `FROM ${BUSYBOX_IMAGE}\nCOPY manage.py /app/manage.py\nCMD ["true"]\n`,
        '.oep45.yml': `name: upgrade-ida\nregistries: [${registry.host}/notes]\nplatforms: [linux/amd64]\nfail-on: never\n`,
      },
    });
  });
  afterAll(async () => {
    await registry.stop();
    await api.stop();
  });

  it('the plan job summarises the notes from sumac.3, and the workflow outputs them', async () => {
    const sha = fixture.repo.git('rev-parse', 'release/teak.1');
    const world = {
      source: REPO_ROOT,
      sourceSha: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(),
      service: fixture.repo.dir,
      repository: REPOSITORY,
      event: { name: 'push', ref: 'refs/tags/release/teak.1', sha, payload: { ref: 'refs/tags/release/teak.1', repository: { full_name: REPOSITORY, visibility: 'public' } } },
      apiUrl: api.url,
      actionEnv: { OEP45_DOCKER: pinDocker() },
    };
    const runner = new WorkflowRunner(world);
    await runner.runWorkflow(parse(readFileSync(`${REPO_ROOT}/workflows/release.yml`, 'utf8')) as never);
    const plan = runner.run.jobs.find((j) => j.path.endsWith('oep45-images.yml:plan'))!;
    expect(plan.result).toBe('success');
    const check = plan.steps.find((s) => s.id === 'check')!;
    expect(check.with?.['upgrade-notes']).toBe('auto');
    const notes = String(plan.outputs['upgrade-notes']);
    expect(plan.outputs['upgrade-from']).toBe('open-release/sumac.3');
    expect(notes.split('\n')[0]).toBe('## Upgrade notes: sumac.3 → teak.1');
    expect(notes).toContain('<code>NEW\\_SECRET</code> is new and <strong>required</strong>');
    expect(check.summary).toContain(notes);
    expect(gfmProblems(check.summary ?? '')).toEqual([]);
    // A caller's job reads the output as docs/workflows.md shows, through env: (never ${{ }} in run:).
    const caller = new WorkflowRunner(world);
    await caller.runWorkflow({
      jobs: {
        images: { uses: './.github/workflows/oep45-images.yml', permissions: { contents: 'read' } },
        'release-notes': {
          needs: 'images',
          if: "${{ needs.images.outputs.upgrade-notes != '' }}",
          'runs-on': 'ubuntu-24.04',
          permissions: {},
          steps: [
            {
              id: 'body',
              env: { NOTES: '${{ needs.images.outputs.upgrade-notes }}', FROM: '${{ needs.images.outputs.upgrade-from }}' },
              run: 'printf \'%s\\n\' "$NOTES" > "$RUNNER_TEMP/body.md"\n{ echo "from=$FROM"; echo "lines=$(wc -l < "$RUNNER_TEMP/body.md")"; } >> "$GITHUB_OUTPUT"',
            },
          ],
        },
      },
    } as never);
    const body = caller.run.jobs.find((j) => j.id === 'release-notes')!;
    expect(body.result).toBe('success');
    expect(body.steps[0]!.outputs).toEqual({ from: 'open-release/sumac.3', lines: String(notes.split('\n').length) });
  });
});
