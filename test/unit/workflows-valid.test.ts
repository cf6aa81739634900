// Every workflow this repository ships or runs, and action.yml, as GitHub's own validator sees
// them (offline): no diagnostic at all, and a bad line added to a copy is caught. Then what the
// validator cannot know: that the reusable workflow passes the action only inputs it declares
// and reads only outputs it sets, that each caller grants the permissions the called jobs ask
// for (GitHub refuses to start the run otherwise), and that each starter has its properties file.

import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { githubDiagnostics } from '../helpers/workflow-validate.js';
import {
  allWorkflowFiles,
  calledFile,
  readRepoFile,
  readWorkflow,
  REUSABLE,
  REUSABLE_ATTEST,
  REUSABLE_CODE_SCANNING,
  REUSABLE_IMAGE,
  REUSABLES,
  workflowFilesIn,
  type JobYaml,
} from '../helpers/workflow-files.js';

/** The validator tells workflows from actions by path: every workflow is shown as one under .github/workflows/. */
function asWorkflowPath(path: string): string {
  return `.github/workflows/${path.split('/').pop()}`;
}

describe('GitHub validates every workflow and action.yml', () => {
  it.each(allWorkflowFiles())('%s has no diagnostic', async (path) => {
    expect(await githubDiagnostics(asWorkflowPath(path), readRepoFile(path))).toEqual([]);
  });

  it('action.yml has no diagnostic', async () => {
    expect(await githubDiagnostics('action.yml', readRepoFile('action.yml'))).toEqual([]);
  });

  const reusable = readRepoFile(REUSABLE);
  const perImage = readRepoFile(REUSABLE_IMAGE);
  const nightly = readRepoFile('workflows/nightly.yml');
  const action = readRepoFile('action.yml');
  const mutations: Array<{ name: string; path: string; text: string; from: string | RegExp; to: string; expect: RegExp }> = [
    { name: 'an unknown job key', path: REUSABLE_IMAGE, text: perImage, from: '    timeout-minutes: 120\n', to: '    timeout-minutes: 120\n    retries: 2\n', expect: /Unexpected value 'retries'/ },
    { name: 'a job output that does not exist', path: REUSABLE, text: reusable, from: 'needs.plan.outputs.legs', to: 'needs.plan.outputs.leg', expect: /Context access might be invalid: leg/ },
    { name: 'a step that does not exist', path: REUSABLE, text: reusable, from: 'steps.plan.outputs.image-matrix }}', to: 'steps.plans.outputs.image-matrix }}', expect: /Context access might be invalid: plans/ },
    { name: 'an undeclared input', path: REUSABLE, text: reusable, from: 'inputs.runner-arm64 }}', to: 'inputs.runner-aarch64 }}', expect: /Context access might be invalid: runner-aarch64/ },
    { name: 'an unknown function', path: REUSABLE, text: reusable, from: 'fromJSON(needs.plan.outputs.image-matrix)', to: 'fromJson2(needs.plan.outputs.image-matrix)', expect: /Unrecognized function: 'fromJson2'/ },
    { name: 'an input the per-image workflow does not declare', path: REUSABLE, text: reusable, from: '      image: ${{ toJSON(matrix) }}\n', to: '      image: ${{ toJSON(matrix) }}\n      platform: x\n', expect: /platform/ },
    { name: 'an invalid cron', path: 'workflows/nightly.yml', text: nightly, from: '"17 3 * * 1-5"', to: '"17 3 * 1-5"', expect: /Invalid cron expression/ },
    { name: 'an input the reusable workflow does not declare', path: 'workflows/nightly.yml', text: nightly, from: '      nightly: true\n', to: '      nightly: true\n      tag-latest: true\n', expect: /tag-latest/ },
    { name: 'a secret the reusable workflow does not declare', path: 'workflows/nightly.yml', text: nightly, from: '    secrets:\n', to: '    secrets:\n      npm-token: ${{ secrets.NPM_TOKEN }}\n', expect: /npm-token/ },
    { name: 'an unquoted `: ` in an action description', path: 'action.yml', text: action, from: /description: "(Let a named-release tag[^"]*)"/, to: 'description: $1', expect: /Nested mappings are not allowed/ },
    { name: 'an unknown runtime', path: 'action.yml', text: action, from: 'using: node24', to: 'using: node99', expect: /node99/ },
  ];
  it.each(mutations)('catches $name', async (m) => {
    const bad = m.text.replace(m.from, m.to);
    expect(bad, 'the mutation applies').not.toBe(m.text);
    const path = m.path === 'action.yml' ? 'action.yml' : asWorkflowPath(m.path);
    expect((await githubDiagnostics(path, bad)).join('\n')).toMatch(m.expect);
  });
});

describe('the reusable workflows and the action agree', () => {
  const manifest = parse(readRepoFile('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  const actionSteps = REUSABLES.flatMap((file) =>
    Object.entries(readWorkflow(file).jobs).flatMap(([job, j]) => (j.steps ?? []).filter((s) => s.uses === './.oep45-action').map((s) => ({ file, job, step: s }))),
  );

  it('runs the action in every job that does its work', () => {
    expect([...new Set(actionSteps.map((s) => `${s.file.split('/').pop()} ${s.job}`))]).toEqual(['oep45-images.yml plan', 'oep45-image.yml build', 'oep45-image.yml merge']);
  });

  it('passes the action only inputs action.yml declares', () => {
    const unknown = actionSteps.flatMap(({ job, step }) => Object.keys(step.with ?? {}).filter((k) => !(k in manifest.inputs)).map((k) => `${job}: ${k}`));
    expect(unknown).toEqual([]);
  });

  it('reads only outputs action.yml declares', () => {
    const read = REUSABLES.flatMap((file) => {
      const text = readRepoFile(file);
      const ids = new Set(actionSteps.filter((s) => s.file === file).map((s) => s.step.id).filter(Boolean));
      return [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].filter((m) => ids.has(m[1]!)).map((m) => m[2]!);
    });
    expect(read.length).toBeGreaterThan(5);
    expect([...new Set(read.filter((o) => !(o in manifest.outputs)))]).toEqual([]);
  });

  it('reads of the per-image workflow\'s `call` input name inputs the entry workflow declares', () => {
    const declared = Object.keys((readWorkflow(REUSABLE).on as { workflow_call: { inputs: Record<string, unknown> } }).workflow_call.inputs);
    const read = [...readRepoFile(REUSABLE_IMAGE).matchAll(/fromJSON\(inputs\.call\)\.([\w-]+)/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(10);
    expect([...new Set(read.filter((name) => !declared.includes(name)))]).toEqual([]);
  });

  it('every workflow a reusable workflow calls is one of ours, in this repository', () => {
    for (const file of REUSABLES) {
      for (const job of Object.values(readWorkflow(file).jobs).filter((j) => j.uses)) {
        expect(calledFile(job.uses), `${file}: ${job.uses}`).toBeDefined();
        expect(REUSABLES).toContain(calledFile(job.uses));
      }
    }
  });
});

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

function grants(permissions: JobYaml['permissions']): Record<string, number> {
  if (permissions === undefined) return {};
  if (typeof permissions === 'string') throw new Error(`permissions: ${permissions} — name each scope`);
  return Object.fromEntries(Object.entries(permissions).map(([scope, level]) => [scope, LEVEL[level] ?? -1]));
}

/** The most each scope is asked for by the jobs of `file` and of the workflows it calls. */
function asked(file: string): Record<string, number> {
  const needed: Record<string, number> = {};
  for (const job of Object.values(readWorkflow(file).jobs)) {
    const own = job.uses ? asked(calledFile(job.uses)!) : grants(job.permissions);
    for (const [scope, level] of Object.entries(own)) needed[scope] = Math.max(needed[scope] ?? 0, level);
  }
  return needed;
}

describe('every caller grants what the called jobs ask for, and no more', () => {
  const callers = [...allWorkflowFiles(), ...REUSABLES].flatMap((path) =>
    Object.entries(readWorkflow(path).jobs)
      .filter(([, job]) => calledFile(job.uses))
      .map(([id, job]) => ({ path, id, job, called: calledFile(job.uses)! })),
  );

  it('finds the callers: the three starters, the example, this repository\'s CI and the entry workflow', () => {
    expect([...new Set(callers.map((c) => c.path))].sort()).toEqual([
      '.github/workflows/example-images.yml',
      '.github/workflows/oep45-images.yml',
      'examples/multi-image/.github/workflows/images.yml',
      'workflows/nightly.yml',
      'workflows/pull-request.yml',
      'workflows/release.yml',
    ]);
    expect(asked(REUSABLE)).toEqual({ contents: 1 });
    expect(asked(REUSABLE_ATTEST)).toEqual({ 'id-token': 2, attestations: 2 });
    expect(asked(REUSABLE_CODE_SCANNING)).toEqual({ 'security-events': 2, contents: 1, actions: 1 });
  });

  // GitHub refuses to start a run whose called jobs could ask for more than the caller grants,
  // even jobs that would be skipped; a caller that grants more gives a called job without its own
  // permissions more than it needs.
  it.each(callers.map((c) => [`${c.path} job ${c.id} → ${c.called.split('/').pop()}`, c] as const))('%s', (_name, c) => {
    expect(grants(c.job.permissions)).toEqual(asked(c.called));
  });

  it('a pull request asks for no OIDC token and writes nothing but code scanning\'s security events, from that job alone', () => {
    const pr = readWorkflow('workflows/pull-request.yml');
    expect(Object.keys(pr.jobs)).toEqual(['images', 'code-scanning']);
    expect(grants(pr.jobs.images!.permissions)).toEqual({ contents: 1 });
    expect(grants(pr.jobs['code-scanning']!.permissions)).toEqual({ 'security-events': 2, contents: 1, actions: 1 });
    for (const job of Object.values(pr.jobs)) expect(grants(job.permissions)['id-token']).toBeUndefined();
    // A fork's token cannot write security events: the job is skipped there.
    expect(pr.jobs['code-scanning']!.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('only code scanning\'s upload job, and the callers\' code-scanning jobs, may write security events', () => {
    const writers = allWorkflowFiles().flatMap((path) =>
      Object.entries(readWorkflow(path).jobs)
        .filter(([, job]) => (grants(job.permissions)['security-events'] ?? 0) > 1)
        .map(([id]) => `${path} ${id}`),
    );
    expect(writers).toEqual([
      `${REUSABLE_CODE_SCANNING} upload`,
      'workflows/nightly.yml code-scanning',
      'workflows/pull-request.yml code-scanning',
      'examples/multi-image/.github/workflows/images.yml code-scanning',
    ]);
  });

  it('the pull request starter passes no secret at all', () => {
    expect(readWorkflow('workflows/pull-request.yml').jobs.images?.secrets).toBeUndefined();
  });
});

const PROPERTIES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'iconName', 'categories', 'filePatterns'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    iconName: { type: 'string', pattern: '^(octicon [a-z0-9-]+|[A-Za-z0-9_-]+)$' },
    categories: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    filePatterns: { type: 'array', items: { type: 'string', minLength: 1 } },
    creator: { type: 'string' },
    labels: { type: 'array', items: { type: 'string' } },
  },
};

describe('each starter workflow has its workflow-template properties', () => {
  const starters = workflowFilesIn('workflows');
  const validate = new Ajv({ allErrors: true }).compile(PROPERTIES_SCHEMA);

  it('there are the three starters', () => {
    expect(starters).toEqual(['workflows/nightly.yml', 'workflows/pull-request.yml', 'workflows/release.yml']);
  });

  it.each(starters)('%s', (path) => {
    const properties = JSON.parse(readRepoFile(path.replace(/\.ya?ml$/, '.properties.json'))) as { filePatterns: string[] };
    expect(validate(properties), JSON.stringify(validate.errors)).toBe(true);
    for (const pattern of properties.filePatterns) expect(() => new RegExp(pattern)).not.toThrow();
    expect(properties.filePatterns.some((p) => new RegExp(p).test('images-data.json'))).toBe(true);
  });
});
