// A repository is untrusted input: a pull request from a fork controls every file in it. Each case
// makes a real git repository in the shape of an Open edX service (a copy of examples/sample-ida)
// and turns one file into what an attacker would send — a symbolic link to a secret outside the
// checkout or to /etc/passwd, a FIFO, /dev/zero, a file far over its size limit, a path that climbs
// out of the project folder, an event payload of hundreds of MB — then runs it through the action
// as the runner spawns it and through the CLI (dist/). Each case asserts one clear error or a safe
// result (the finding OEP45-P002, naming the file), in bounded time, and that the secret's content
// is in none of stdout, stderr, the JSON output, SARIF, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/git.js';
import { leaks, runSurfaces, sarifSurface, type Surfaces } from '../helpers/hostile-run.js';
import { REPO_ROOT, runAction, runCliProcess } from '../helpers/action.js';

const SAMPLE = resolve(REPO_ROOT, 'examples/sample-ida');
/** What must never come back: the secret file's content, and /etc/passwd's first entry. */
const SECRET = 'oep45-hostile-SECRET-7f3c9a1e-not-for-output';
const PASSWD = 'root:x:0:0:';
const FORBIDDEN = [SECRET, PASSWD];
/** Every case finishes in this; a read that blocks on a FIFO or streams /dev/zero would not. */
const BOUNDED_MS = 60_000;

let scratch: string;
let secretFile: string;
let secretDir: string;
const repos: TestRepo[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'oep45-hostile-'));
  secretFile = join(scratch, 'secret.txt');
  writeFileSync(secretFile, `${SECRET}\nSECRET_KEY = '${SECRET}'\n`);
  // A folder outside the repository, with what a settings package or a manual would hold.
  secretDir = join(scratch, 'elsewhere');
  mkdirSync(secretDir);
  writeFileSync(join(secretDir, 'base.py'), `# .. setting_name: SAMPLE_LEAK\n# .. setting_default: '${SECRET}'\n# .. setting_description: x\nSAMPLE_LEAK = '${SECRET}'\n`);
  writeFileSync(join(secretDir, 'index.rst'), `${SECRET}\n${'='.repeat(SECRET.length)}\n`);
  writeFileSync(join(secretDir, '__init__.py'), '');
});

afterAll(() => {
  for (const repo of repos) rmSync(repo.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** The sample service in a new repository, committed, then changed by `hostile` in the working tree. */
function service(hostile: (repo: TestRepo) => void): TestRepo {
  const repo = makeRepo({ from: SAMPLE });
  repos.push(repo);
  hostile(repo);
  return repo;
}

function replaceWithLink(repo: TestRepo, rel: string, target: string): void {
  rmSync(join(repo.dir, rel), { recursive: true, force: true });
  mkdirSync(dirname(join(repo.dir, rel)), { recursive: true });
  symlinkSync(target, join(repo.dir, rel));
}

function replaceWithFifo(repo: TestRepo, rel: string): void {
  rmSync(join(repo.dir, rel), { recursive: true, force: true });
  execFileSync('mkfifo', [join(repo.dir, rel)]);
}

/** A sparse file: `size` bytes on paper, no disk. */
function sparse(path: string, size: string): void {
  rmSync(path, { force: true });
  execFileSync('truncate', ['-s', size, path]);
}

/** The CLI's JSON findings. */
function cliFindings(surfaces: Surfaces): { rule: string; file: string; message: string }[] {
  return (JSON.parse(surfaces.cli!.stdout) as { findings: { rule: string; file: string; message: string }[] }).findings;
}

async function surfacesOf(repo: TestRepo, command = 'check'): Promise<Surfaces> {
  const surfaces = await runSurfaces({ dir: repo.dir, command });
  surfaces.texts.SARIF = await sarifSurface(repo.dir, '', ['--fail-on', 'never']);
  rmSync(join(repo.dir, '..', `${repo.dir.split('/').pop()}.sarif`), { force: true });
  return surfaces;
}

describe('links out of the repository are not read, and are one finding each', () => {
  const cases: { name: string; make: (repo: TestRepo) => void; file: string; message: RegExp }[] = [
    {
      name: 'CHANGELOG.rst → a secret file outside the checkout',
      make: (repo) => replaceWithLink(repo, 'CHANGELOG.rst', secretFile),
      file: 'CHANGELOG.rst',
      message: /^CHANGELOG\.rst is a symbolic link that points outside the repository \(to .*secret\.txt\): it was not read$/,
    },
    {
      name: 'a settings module → /etc/passwd',
      make: (repo) => replaceWithLink(repo, 'sample_ida/settings/defaults.py', '/etc/passwd'),
      file: 'sample_ida/settings/defaults.py',
      message: /^sample_ida\/settings\/defaults\.py is a symbolic link that points outside the repository \(to \/etc\/passwd\): it was not read$/,
    },
    {
      name: 'the settings/ folder → a folder outside',
      make: (repo) => replaceWithLink(repo, 'sample_ida/settings', secretDir),
      file: 'sample_ida/settings',
      message: /^sample_ida\/settings is a symbolic link that points outside the repository \(to .*elsewhere\): it was not read$/,
    },
    {
      name: 'docs/operations/ → a folder outside',
      make: (repo) => replaceWithLink(repo, 'docs/operations', secretDir),
      file: 'docs/operations',
      message: /^docs\/operations is a symbolic link that points outside the repository \(to .*elsewhere\): it was not read$/,
    },
    {
      name: 'the Dockerfile → /etc/passwd, by a relative link that climbs out',
      make: (repo) => replaceWithLink(repo, 'Dockerfile', `${'../'.repeat(12)}etc/passwd`),
      file: 'Dockerfile',
      message: /^Dockerfile is a symbolic link that points outside the repository \(to \/etc\/passwd\): it was not read$/,
    },
  ];
  for (const c of cases) {
    it(
      c.name,
      async () => {
        const repo = service(c.make);
        const surfaces = await surfacesOf(repo);
        expect(leaks(surfaces.texts, FORBIDDEN)).toEqual([]);
        const found = cliFindings(surfaces).filter((f) => f.rule === 'OEP45-P002');
        expect(found.map((f) => f.file)).toEqual([c.file]);
        expect(found[0]!.message).toMatch(c.message);
        // The action annotates the same file with the same rule.
        expect(surfaces.texts['action stdout (workflow commands, debug lines)']).toMatch(new RegExp(`::error title=OEP45-P002,file=${c.file.replace(/\//g, '\\/')}::`));
        expect(surfaces.texts.SARIF).toContain('OEP45-P002');
      },
      BOUNDED_MS,
    );
  }

  it(
    '`oep45 settings docs` and `settings schema` with settings linked out: nothing of them printed',
    async () => {
      const repo = service((r) => {
        replaceWithLink(r, 'sample_ida/settings/defaults.py', join(secretDir, 'base.py'));
        replaceWithLink(r, 'sample_ida/settings/required.py', '/etc/passwd');
      });
      for (const command of ['docs', 'schema']) {
        const run = await runCliProcess(['settings', command, repo.dir]);
        expect(run.code, run.stderr).toBe(0);
        expect(leaks({ stdout: run.stdout, stderr: run.stderr }, FORBIDDEN)).toEqual([]);
      }
    },
    BOUNDED_MS,
  );

  it(
    'a link that stays inside the repository is followed as before',
    async () => {
      const repo = service((r) => {
        execFileSync('mv', [join(r.dir, 'CHANGELOG.rst'), join(r.dir, 'docs/CHANGELOG.rst')]);
        symlinkSync('docs/CHANGELOG.rst', join(r.dir, 'CHANGELOG.rst'));
      });
      const surfaces = await runSurfaces({ dir: repo.dir, command: 'check', edges: ['cli'] });
      const rules = cliFindings(surfaces).map((f) => f.rule);
      expect(rules).not.toContain('OEP45-P002');
      expect(rules).not.toContain('OEP45-C001');
    },
    BOUNDED_MS,
  );

  it(
    'an images-data Dockerfile linked to a secret stops that image in a build, unread',
    async () => {
      const repo = makeRepo();
      repos.push(repo);
      repo.write('images-data.json', JSON.stringify([{ name: 'Codejail', image_name: 'codejail', os_platform: 'linux/amd64', owning_team_email: 'team@example.com' }], null, 2));
      mkdirSync(join(repo.dir, 'dockerfiles'));
      symlinkSync(secretFile, join(repo.dir, 'dockerfiles/codejail.Dockerfile'));
      repo.commit('matrix');
      const surfaces = await runSurfaces({ dir: repo.dir, command: 'build', inputs: { offline: 'true' }, cliArgs: ['--offline'] });
      expect(leaks(surfaces.texts, FORBIDDEN)).toEqual([]);
      expect(surfaces.texts['CLI stdout (--format json)']).toContain('dockerfiles/codejail.Dockerfile is a symbolic link that points outside the repository');
      expect(surfaces.texts['action stdout (workflow commands, debug lines)']).toContain('dockerfiles/codejail.Dockerfile is a symbolic link that points outside the repository');
      expect(surfaces.cli!.code).not.toBe(0);
      expect(surfaces.action!.code).not.toBe(0);
    },
    BOUNDED_MS,
  );
});

describe('FIFOs and devices are refused without being opened, and nothing hangs', () => {
  const kinds: { name: string; make: (repo: TestRepo, rel: string) => void }[] = [
    { name: 'a FIFO', make: replaceWithFifo },
    { name: '/dev/zero', make: (repo, rel) => replaceWithLink(repo, rel, '/dev/zero') },
  ];
  for (const kind of kinds) {
    it(
      `${kind.name} as .oep45.yml: one error naming the file`,
      async () => {
        const repo = service((r) => kind.make(r, '.oep45.yml'));
        const surfaces = await runSurfaces({ dir: repo.dir, command: 'check' });
        expect(surfaces.cli!.code).not.toBe(0);
        expect(surfaces.cli!.stderr.trim()).toMatch(/^oep45: \.oep45\.yml: not read: it is (a FIFO \(named pipe\), not a regular file|a symbolic link that points outside the repository \(to \/dev\/zero\))$/);
        expect(surfaces.action!.code).not.toBe(0);
        expect(surfaces.action!.stdout).toMatch(/::error[^\n]*\.oep45\.yml[^\n]*not read: it is/);
        expect(surfaces.action!.stdout).not.toMatch(/ at .*\.js:\d+/); // no stack trace
      },
      BOUNDED_MS,
    );

    it(
      `${kind.name} as images-data.json: one error naming the file`,
      async () => {
        const repo = makeRepo();
        repos.push(repo);
        repo.write('dockerfiles/codejail.Dockerfile', 'FROM debian:bookworm-slim\n');
        repo.commit('dockerfiles');
        kind.make(repo, 'images-data.json');
        const cli = await runCliProcess(['check', repo.dir, '--fail-on', 'never']);
        expect(cli.code).not.toBe(0);
        expect(cli.stderr.trim()).toMatch(/^oep45: images-data\.json: not read: it is /);
      },
      BOUNDED_MS,
    );

    it(
      `${kind.name} as the Dockerfile: OEP45-P002, not "does not exist"`,
      async () => {
        const repo = service((r) => kind.make(r, 'Dockerfile'));
        const surfaces = await runSurfaces({ dir: repo.dir, command: 'check' });
        const findings = cliFindings(surfaces);
        expect(findings.filter((f) => f.rule === 'OEP45-P002').map((f) => f.file)).toEqual(['Dockerfile']);
        expect(findings.map((f) => f.rule)).not.toContain('OEP45-D001');
        expect(surfaces.texts['action stdout (workflow commands, debug lines)']).toMatch(/::error title=OEP45-P002,file=Dockerfile::/);
        // A build goes no further than the input key, which refuses to read it too.
        const build = await runCliProcess(['build', repo.dir, '--offline', '--fail-on', 'never', '--ref', 'refs/heads/master', '--event', 'push']);
        expect(build.code).not.toBe(0);
        expect(build.stdout + build.stderr).toMatch(/the Dockerfile of image sample-ida: Dockerfile is (a FIFO \(named pipe\), not a regular file|a symbolic link that points outside the repository \(to \/dev\/zero\)): it was not read/);
      },
      BOUNDED_MS,
    );
  }
});

describe('files over their size limit are refused before they are read whole', () => {
  it(
    'a 50 MB Dockerfile and an 8 MB settings module: one finding each, quickly',
    async () => {
      const repo = service((r) => {
        sparse(join(r.dir, 'Dockerfile'), '50M');
        sparse(join(r.dir, 'sample_ida/settings/defaults.py'), '8M');
      });
      const started = Date.now();
      const surfaces = await runSurfaces({ dir: repo.dir, command: 'check', edges: ['cli'] });
      // Not a timing claim about speed (bench/ has those): only that nothing read 58 MB.
      expect(Date.now() - started).toBeLessThan(BOUNDED_MS);
      const found = cliFindings(surfaces).filter((f) => f.rule === 'OEP45-P002');
      expect(found.map((f) => f.message).sort()).toEqual([
        'Dockerfile is 50 MiB, over the 1 MiB limit for a Dockerfile: it was not read',
        'sample_ida/settings/defaults.py is 8 MiB, over the 2 MiB limit for a Python module: it was not read',
      ]);
    },
    BOUNDED_MS,
  );

  it(
    'an event payload of 300 MB is refused before it is read, by the action and by the CLI',
    async () => {
      const repo = service(() => {});
      const payload = join(scratch, 'event.json');
      sparse(payload, '300M');
      const action = await runAction({ cwd: repo.dir, inputs: { mode: 'plan' }, env: { GITHUB_EVENT_PATH: payload, GITHUB_WORKSPACE: repo.dir } });
      expect(action.code).not.toBe(0);
      expect(action.stdout).toMatch(/::error::GITHUB_EVENT_PATH: the event payload .*event\.json is 300 MiB, over the 32 MiB limit for an event payload: it was not read/);
      const cli = await runCliProcess(['plan', repo.dir], {
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: repo.git('rev-parse', 'HEAD'), GITHUB_EVENT_PATH: payload },
      });
      expect(cli.code).not.toBe(0);
      expect(cli.stderr.trim()).toMatch(/^oep45: GITHUB_EVENT_PATH: the event payload .*event\.json is 300 MiB, over the 32 MiB limit for an event payload: it was not read$/);
      rmSync(payload);
    },
    BOUNDED_MS,
  );
});

describe('deep nesting is one positioned error naming the file, never a stack overflow', () => {
  it(
    '100k nested brackets in a settings module, 50k nested substitutions in a RUN, 100k in .oep45.yml',
    async () => {
      const repo = service((r) => {
        r.write('sample_ida/settings/defaults.py', `"""Defaults."""\nX = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
        r.write('Dockerfile', `FROM debian:bookworm-slim AS app\nRUN echo ${'$('.repeat(50_000)}${')'.repeat(50_000)}\nCMD ["true"]\n`);
      });
      const surfaces = await runSurfaces({ dir: repo.dir, command: 'check' });
      const all = Object.values(surfaces.texts).join('\n');
      expect(all).not.toMatch(/Maximum call stack|could not run/);
      const findings = cliFindings(surfaces) as { rule: string; file: string; line: number; column?: number; message: string }[];
      expect(findings.filter((f) => f.rule === 'OEP45-S002').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([
        "sample_ida/settings/defaults.py:2:205: too many nested parentheses (more than 200, the limit of CPython's tokenizer)",
      ]);
      expect(findings.filter((f) => f.rule === 'OEP45-D002').map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([
        'Dockerfile:2: RUN nests subshells or command substitutions 50000 deep (more than 64): its commands were not analysed by the other Dockerfile rules',
      ]);

      repo.write('.oep45.yml', `name: sample-ida\nplatforms: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
      const cli = await runCliProcess(['check', repo.dir]);
      expect(cli.stderr.trim()).toBe('oep45: .oep45.yml:2:112: invalid YAML: lists or mappings nested more than 100 deep');
    },
    BOUNDED_MS,
  );
});

describe('paths that climb out of the project folder', () => {
  it(
    '`dockerfile: ../../x` in .oep45.yml: one error at its line',
    async () => {
      const repo = service((r) => r.write('.oep45.yml', 'name: sample-ida\nimages:\n  - name: sample-ida\n    dockerfile: ../../etc/passwd\n'));
      const surfaces = await runSurfaces({ dir: repo.dir, command: 'check' });
      expect(surfaces.cli!.stderr.trim()).toBe('oep45: .oep45.yml:4:17: `images.0.dockerfile` "../../etc/passwd" is outside the project folder: name a path inside it, relative to it');
      expect(surfaces.action!.stdout).toMatch(/::error title=oep45,file=\.oep45\.yml,line=4,col=17::\.oep45\.yml:4:17: `images\.0\.dockerfile` "\.\.\/\.\.\/etc\/passwd" is outside the project folder/);
      expect(leaks(surfaces.texts, FORBIDDEN)).toEqual([]);
    },
    BOUNDED_MS,
  );

  it(
    'an images-data `dockerfile` stem that climbs out: one error at its line',
    async () => {
      const repo = makeRepo();
      repos.push(repo);
      repo.write('images-data.json', '[\n  {\n    "image_name": "codejail",\n    "dockerfile": "../../../../etc/passwd#"\n  }\n]\n');
      repo.commit('matrix');
      const cli = await runCliProcess(['check', repo.dir]);
      expect(cli.code).not.toBe(0);
      expect(cli.stderr.trim()).toMatch(/^oep45: images-data\.json:4:19: `0\.dockerfile` "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd#" names dockerfiles\/\.\.\/.* which is outside the project folder/);
      expect(cli.stdout + cli.stderr).not.toContain(PASSWD);
    },
    BOUNDED_MS,
  );
});
