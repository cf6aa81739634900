// .github/workflows/release.yml, read offline (GitHub's own validator and our W-rules check it in
// workflows-valid and workflows-security): which tags start it, least privilege per job in the
// order the steps must run, and that each step is a step scripts/release.mjs has.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/action.js';
import { readWorkflow } from '../helpers/workflow-files.js';

interface ReleaseJob {
  needs?: string;
  uses?: string;
  permissions?: Record<string, string>;
  steps?: { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }[];
}
const workflow = readWorkflow('.github/workflows/release.yml') as unknown as { on: { push: { tags: string[] } }; permissions: unknown; jobs: Record<string, ReleaseJob> };

/** A GitHub filter pattern as a regular expression: `*` any run but `/`, `+` one or more of what is before, `[...]` a class. */
function filterPattern(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = pattern.indexOf(']', i);
      out += pattern.slice(i, end + 1);
      i = end;
    } else if (c === '*') out += pattern[i + 1] === '*' ? (i++, '.*') : '[^/]*';
    else if (c === '+' || c === '?') out += c;
    else out += c.replace(/[.\\^$(){}|]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

describe('release.yml', () => {
  const patterns = workflow.on.push.tags.map(filterPattern);
  it.each([
    ['v1.2.0', true],
    ['v12.0.10', true],
    ['v1.2.0-rc.1', true],
    ['v1', false],
    ['v1.2', false],
    ['1.2.0', false],
    ['release/teak.1', false],
    ['open-release/sumac.2', false],
  ])('the tag %s starts it: %s', (tag, starts) => {
    expect(patterns.some((p) => p.test(tag))).toBe(starts);
  });

  it('grants each job only what it does, in the order the steps must run', () => {
    expect(workflow.permissions).toEqual({});
    const jobs = Object.entries(workflow.jobs).map(([id, job]) => [id, job.needs ?? null, job.permissions]);
    expect(jobs).toEqual([
      ['verify', null, { contents: 'read' }],
      ['test', 'verify', { contents: 'read' }],
      ['npm', 'test', { contents: 'read', 'id-token': 'write' }],
      ['github', 'npm', { contents: 'write', 'pull-requests': 'write' }],
    ]);
    expect(workflow.jobs.test!.uses).toBe('./.github/workflows/ci.yml');
  });

  it('the CI it calls asks for no more than it is granted', () => {
    const ci = readWorkflow('.github/workflows/ci.yml') as unknown as { on: Record<string, unknown>; jobs: Record<string, ReleaseJob> };
    expect(Object.keys(ci.on)).toContain('workflow_call');
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  const steps = Object.entries(workflow.jobs).flatMap(([id, job]) => (job.steps ?? []).filter((s) => s.run).map((s) => ({ id, ...s })));
  it('each job runs one release step with the tag from the environment, on the full history', () => {
    expect(steps.map((s) => [s.id, s.run])).toEqual([
      ['verify', 'node scripts/release.mjs verify "$TAG"'],
      ['npm', 'node scripts/release.mjs npm "$TAG"'],
      ['github', 'node scripts/release.mjs github "$TAG"'],
    ]);
    for (const step of steps) expect(step.env).toMatchObject({ TAG: '${{ github.ref_name }}', DEFAULT_BRANCH: '${{ github.event.repository.default_branch }}' });
    for (const id of ['verify', 'npm', 'github']) {
      const checkout = workflow.jobs[id]!.steps!.find((s) => s.uses?.startsWith('actions/checkout@'))!;
      expect(checkout.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
    }
  });

  it('npm publishes with the npm of Node.js 24, the first with trusted publishing built in', () => {
    const setup = workflow.jobs.npm!.steps!.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toEqual({ 'node-version': 24 });
  });

  it.each(['verify', 'npm', 'github'])('scripts/release.mjs has the %s step', (step) => {
    let said = '';
    try {
      execFileSync(process.execPath, ['scripts/release.mjs', step, 'not-a-tag'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, GITHUB_TOKEN: '' } });
    } catch (error) {
      said = String((error as { stderr: string }).stderr);
    }
    expect(said).toBe('release: "not-a-tag" is not a release tag vX.Y.Z (or vX.Y.Z-pre)\n');
  });
});
