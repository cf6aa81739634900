import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import type { PipelineInputs } from '../../src/config/inputs.js';
import { UserError } from '../../src/util/errors.js';

const SAMPLE = resolve(import.meta.dirname, '../../examples/sample-ida');

function inputs(extra: Partial<PipelineInputs> = {}): PipelineInputs {
  return { mode: 'check', dir: '.', event: {}, secrets: [], credentials: [], ...extra };
}

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('loadProject', () => {
  it('reads the sample IDA from its .oep45.yml, with the dev variant', () => {
    const p = loadProject(inputs({ dir: SAMPLE }));
    expect(p.name).toBe('sample-ida');
    expect(p.appName).toBe('SAMPLE_IDA');
    expect(p.sources).toEqual(['.oep45.yml']);
    expect(p.images.map((i) => [i.name, i.target, i.dockerfile, i.variantOf])).toEqual([
      ['sample-ida', 'app', 'Dockerfile', undefined],
      ['sample-ida-dev', 'dev', 'Dockerfile', 'sample-ida'],
    ]);
    expect(p.settings?.map((s) => s.dir)).toEqual(['sample_ida/settings']);
    expect(p.changelog).toBe('CHANGELOG.rst');
    expect(p.registries).toEqual(['docker.io/openedx']);
  });

  const cases: Array<{ name: string; files: Record<string, string>; extra?: Partial<PipelineInputs>; expect: (p: ReturnType<typeof loadProject>) => void }> = [
    {
      name: 'auto-detects a root Dockerfile, a legacy settings package and a Markdown changelog',
      files: { Dockerfile: 'FROM x\n', 'credentials/settings/base.py': 'A = 1\n', 'CHANGELOG.md': '# Changelog\n' },
      expect: (p) => {
        expect(p.sources).toEqual(['auto']);
        expect(p.images).toHaveLength(1);
        expect(p.images[0]!.dockerfile).toBe('Dockerfile');
        expect(p.settings?.map((s) => s.dir)).toEqual(['credentials/settings']);
        expect(p.changelog).toBe('CHANGELOG.md');
      },
    },
    {
      name: 'reads images-data.json as it is, build args and owners included',
      files: {
        'images-data.json': JSON.stringify([
          { image_name: 'credentials', name: 'credentials', os_platform: 'linux/arm64', target: 'dev' },
          { dockerfile: 'edx-platform', image_name: 'lms-dev', name: 'lms', os_platform: 'linux/amd64,linux/arm64', target: 'development', build_args: { SERVICE_VARIANT: 'lms', SERVICE_PORT: 18000 }, owning_team_email: 'team@example.com' },
        ]),
      },
      expect: (p) => {
        expect(p.sources).toEqual(['images-data.json']);
        expect(p.images.map((i) => i.dockerfile)).toEqual(['dockerfiles/credentials.Dockerfile', 'dockerfiles/edx-platform.Dockerfile']);
        expect(p.images[1]!.platforms).toEqual(['linux/amd64', 'linux/arm64']);
        expect(p.images[1]!.buildArgs).toEqual({ SERVICE_VARIANT: 'lms', SERVICE_PORT: '18000' });
        expect(p.images[1]!.owner).toBe('team@example.com');
      },
    },
    {
      name: 'inputs override the config file',
      files: { '.oep45.yml': 'name: svc\nfail-on: warning\nbuild:\n  max-age: 7d\n', Dockerfile: 'FROM x\n' },
      extra: { failOn: 'never', platforms: ['linux/arm64'], buildArgs: { A: '1' } },
      expect: (p) => {
        expect(p.failOn).toBe('never');
        expect(p.build.maxAgeSeconds).toBe(7 * 86400);
        expect(p.images[0]!.platforms).toEqual(['linux/arm64']);
        expect(p.images[0]!.buildArgs).toEqual({ A: '1' });
      },
    },
    {
      name: 'single-image inputs replace the configured images',
      files: { '.oep45.yml': 'images:\n  - name: a\n', 'svc/Dockerfile': 'FROM x\n' },
      extra: { context: 'svc', image: 'other', target: 'prod' },
      expect: (p) => {
        expect(p.images).toEqual([expect.objectContaining({ name: 'other', context: 'svc', dockerfile: 'svc/Dockerfile', target: 'prod', declaredIn: 'inputs' })]);
      },
    },
    {
      name: 'an empty .oep45.yml is an empty configuration',
      files: { '.oep45.yml': '# nothing yet\n', Dockerfile: 'FROM x\n' },
      expect: (p) => expect(p.images).toHaveLength(1),
    },
  ];
  for (const c of cases) {
    it(c.name, () => c.expect(loadProject(inputs({ dir: tempProject(c.files), ...c.extra }))));
  }
});

describe('loadProject errors name file, line and column', () => {
  const cases: Array<{ name: string; files: Record<string, string>; extra?: Partial<PipelineInputs>; error: RegExp }> = [
    { name: 'unknown key', files: { '.oep45.yml': 'name: svc\nregistres:\n  - x\n' }, error: /^\.oep45\.yml:2:1: unknown key `registres` in the document$/ },
    { name: 'nested unknown key', files: { '.oep45.yml': 'images:\n  - name: svc\n    tagret: app\n' }, error: /^\.oep45\.yml:3:5: unknown key `tagret` in `images\.0`$/ },
    { name: 'wrong type', files: { '.oep45.yml': 'registries: docker.io/openedx\n' }, error: /^\.oep45\.yml:1:13: `registries` must be a list$/ },
    { name: 'bad enum', files: { '.oep45.yml': 'fail-on: sometimes\n' }, error: /^\.oep45\.yml:1:10: `fail-on` must be one of "error", "warning", "never", "new"$/ },
    { name: 'missing required key', files: { '.oep45.yml': 'images:\n  - target: app\n' }, error: /^\.oep45\.yml:2:5: `images\.0` is missing the required key `name`$/ },
    { name: 'YAML syntax error', files: { '.oep45.yml': 'name: svc\nimages: [a\n' }, error: /^\.oep45\.yml:\d+:\d+: invalid YAML: / },
    { name: 'duplicate key', files: { '.oep45.yml': 'name: a\nname: b\n' }, error: /^\.oep45\.yml:2:1: invalid YAML: Map keys must be unique/ },
    { name: 'bad rule level', files: { '.oep45.yml': 'rules:\n  OEP45-D001: loud\n' }, error: /^\.oep45\.yml:2:15: `rules\.OEP45-D001` must be one of/ },
    { name: 'bad rule id', files: { '.oep45.yml': 'rules:\n  D001: off\n' }, error: /^\.oep45\.yml:2:3: `rules` has a key that is not allowed: `D001` \(keys must match/ },
    { name: 'images-data entry without image_name', files: { 'images-data.json': '[\n  {"name": "x"}\n]\n' }, error: /^images-data\.json:2:3: `0` is missing the required key `image_name`$/ },
    { name: 'a context outside the project', files: { '.oep45.yml': 'images:\n  - name: a\n    context: ../elsewhere\n' }, error: /^\.oep45\.yml:3:14: `images\.0\.context` "\.\.\/elsewhere" is outside the project folder/ },
    { name: 'a Dockerfile outside the project', files: { '.oep45.yml': 'images:\n  - name: a\n    dockerfile: ../../x/Dockerfile\n' }, error: /^\.oep45\.yml:3:17: `images\.0\.dockerfile` "\.\.\/\.\.\/x\/Dockerfile" is outside the project folder/ },
    { name: 'an absolute changelog', files: { '.oep45.yml': 'changelog: /etc/passwd\n' }, error: /^\.oep45\.yml:1:12: `changelog` "\/etc\/passwd" is outside the project folder/ },
    { name: 'an images-data dockerfile stem that climbs out', files: { 'images-data.json': '[\n  {"image_name": "x",\n   "dockerfile": "../../../etc/passwd"}\n]\n' }, error: /^images-data\.json:3:18: `0\.dockerfile` "\.\.\/\.\.\/\.\.\/etc\/passwd" names dockerfiles\/\.\.\/\.\.\/\.\.\/etc\/passwd\.Dockerfile, which is outside the project folder/ },
    { name: 'a named config that does not exist', files: {}, extra: { config: 'nope.yml' }, error: /^config file nope\.yml does not exist$/ },
    { name: 'a bad max-age', files: { Dockerfile: 'FROM x\n' }, extra: { maxAge: 'seven days' }, error: /^max-age: "seven days" is not a duration/ },
    { name: 'an unknown --only image', files: { Dockerfile: 'FROM x\n' }, extra: { only: ['nope'] }, error: /^no image named nope; known images: / },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let caught: unknown;
      try {
        loadProject(inputs({ dir: tempProject(c.files), ...c.extra }));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect(String(caught)).toMatch(c.error);
    });
  }
});
