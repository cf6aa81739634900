// The npm package as a user gets it: `npm pack` of this checkout holds what runs and nothing else,
// declares no dependency (the bundle has them all), and `npm install <tarball>` in an empty folder
// — offline, with an empty cache, so nothing can come from the registry — gives a working
// `npx oep45`. Installed without the release workflow's stamp, `oep45 init` refuses to guess
// which commit it is; with it, init pins the starters to the stamped release.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/action.js';
import { VERSION } from '../../src/version.js';

const run = promisify(execFile);

async function npm(args: string[], cwd: string, cache: string): Promise<string> {
  const { stdout } = await run('npm', [...args, '--no-audit', '--no-fund', '--offline'], { cwd, env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' } });
  return stdout;
}

async function npx(args: string[], cwd: string, cache: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--offline', 'oep45', ...args], { cwd, env: { ...process.env, npm_config_cache: cache } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A fresh folder with only the package installed from `tarball`. */
async function installed(tarball: string, cache: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-user-'));
  await npm(['install', tarball], dir, cache);
  return dir;
}

function sampleWithoutConfig(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'oep45-svc-')), 'sample-ida');
  cpSync(join(REPO_ROOT, 'examples/sample-ida'), dir, { recursive: true });
  rmSync(join(dir, '.oep45.yml'));
  return dir;
}

describe('the npm package', () => {
  const out = mkdtempSync(join(tmpdir(), 'oep45-pack-'));
  const cache = mkdtempSync(join(tmpdir(), 'oep45-npm-cache-'));
  let tarball = '';
  let files: string[] = [];

  beforeAll(async () => {
    const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', out], REPO_ROOT, cache)) as { filename: string; files: { path: string }[] }[];
    tarball = join(out, packed!.filename);
    files = packed!.files.map((f) => f.path).sort();
  });

  it('holds the CLI, its third-party licenses, the schemas, the README, LICENSE and CHANGELOG — nothing else', () => {
    expect(tarball.endsWith(`openedx-oep45-action-${VERSION}.tgz`)).toBe(true);
    expect(files).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/cli.js.LEGAL.txt', 'package.json', 'schemas/baseline.schema.json', 'schemas/images-data.schema.json', 'schemas/oep45.schema.json']);
  });

  it('declares no dependency, the Apache-2.0 license, and the oep45 command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-unpacked-'));
    await run('tar', ['-xzf', tarball, '-C', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: '@openedx/oep45-action', version: VERSION, license: 'Apache-2.0', bin: { oep45: 'dist/cli.js' } });
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(readFileSync(join(dir, 'package/LICENSE'), 'utf8')).toBe(readFileSync('/usr/share/common-licenses/Apache-2.0', 'utf8'));
  });

  it('installs offline into an empty folder, with no other package, and npx oep45 checks a service', async () => {
    const user = await installed(tarball, cache);
    expect(readdirSync(join(user, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['@openedx']);
    expect(readdirSync(join(user, 'node_modules/@openedx'))).toEqual(['oep45-action']);
    const version = await npx(['--version'], user, cache);
    expect(version.stdout).toBe(`${VERSION}\n`);
    const check = await npx(['check', sampleWithoutConfig()], user, cache);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^Checks for sample-ida \(\d+ rules\)\n/);
    expect(check.stdout).toMatch(/^ {2}0 errors, 0 warnings, \d+ notices$/m);
  });

  it('without the release stamp, init refuses to guess which commit it is', async () => {
    const user = await installed(tarball, cache);
    const service = sampleWithoutConfig();
    const init = await npx(['init', service], user, cache);
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/^oep45: cannot tell which commit of oep45-action this is \(no dist\/release\.json, which released packages carry/);
    expect(readdirSync(service)).not.toContain('.oep45.yml');
  });

  it('with the release stamp, init pins the starters to the stamped release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-stamped-'));
    await run('tar', ['-xzf', tarball, '-C', dir]);
    const commit = '5ca1ab1e'.padEnd(40, 'e');
    // What `scripts/release.mjs stamp` writes in the release workflow, before npm publish.
    writeFileSync(join(dir, 'package/dist/release.json'), JSON.stringify({ version: VERSION, tag: `v${VERSION}`, commit }));
    const [repacked] = JSON.parse(await npm(['pack', '--json', '--pack-destination', dir], join(dir, 'package'), cache)) as { filename: string; files: { path: string }[] }[];
    expect(repacked!.files.map((f) => f.path)).toContain('dist/release.json');
    const user = await installed(join(dir, repacked!.filename), cache);
    const service = sampleWithoutConfig();
    const init = await npx(['init', service, '--workflows', 'nightly'], user, cache);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toBe('');
    expect(readFileSync(join(service, '.github/workflows/oep45-nightly.yml'), 'utf8')).toContain(`uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${commit} # v${VERSION}\n`);
    expect(readFileSync(join(service, '.oep45.yml'), 'utf8')).toContain(`oep45-action/${commit}/schemas/oep45.schema.json`);
  });
});
