// The bundled CLI's settings, changelog and operations parts, run as a user runs them:
// `oep45 check` on the sample and legacy examples, `oep45 config check`, `oep45 settings schema`
// and `oep45 settings docs`, and their one-line errors.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT, runCliProcess } from '../helpers/action.js';
import { makeService } from '../helpers/service.js';

const SAMPLE = join(REPO_ROOT, 'examples/sample-ida');
const LEGACY = join(REPO_ROOT, 'examples/legacy-ida');
const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at /);

describe('oep45 check on the examples', () => {
  it('sample-ida: no errors, no warnings, settings fully documented', async () => {
    const run = await runCliProcess(['check', 'examples/sample-ida', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    // A notice is allowed: in a shallow CI checkout, OEP45-C006 says it skipped the settings diff.
    const mine = out.findings.filter((f: { rule: string; severity: string }) => /^OEP45-[SCO]/.test(f.rule) && f.severity !== 'notice');
    expect(mine).toEqual([]);
    expect(out.summary).toMatchObject({ errors: 0 });
    expect(out.summary.metrics).toEqual({ 'Settings documented': '15/15 (100%)' });
  });

  it('legacy-ida: no errors or warnings, and a distance report to OEP-45', async () => {
    const run = await runCliProcess(['check', 'examples/legacy-ida', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    const mine = out.findings.filter((f: { rule: string }) => /^OEP45-[SCO]/.test(f.rule));
    expect(mine.filter((f: { severity: string }) => f.severity !== 'notice')).toEqual([]);
    const distance = mine.find((f: { rule: string; line: number }) => f.rule === 'OEP45-S011' && f.line === 1);
    expect(distance.message).toMatch(/^legacy settings layout; distance to OEP-45: 4 settings would move to required\.py \(SECRET_KEY, DATABASES, LMS_ROOT_URL, SOCIAL_AUTH_EDX_OAUTH2_SECRET\); 12 to defaults\.py/);
    expect(distance.message).toContain('devstack.py, test.py would become YAML files');
    expect(out.summary.errors).toBe(0);
    const text = await runCliProcess(['check', 'examples/legacy-ida']);
    expect(text.stdout).toMatch(/Settings documented: 13\/16 \(81%\)/);
  });

  it('--release NAME.N asks the changelog for that release', async () => {
    const run = await runCliProcess(['check', 'examples/sample-ida', '--release', 'sumac.2', '--format', 'json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.findings.find((f: { rule: string }) => f.rule === 'OEP45-C005')).toMatchObject({ file: 'CHANGELOG.rst', message: 'the changelog has no entry for the release sumac.2' });
  });

  it('reports a settings module full of binary junk at its line, without a stack trace', async () => {
    const dir = makeService({}, SAMPLE);
    writeFileSync(join(dir, 'sample_ida/settings/defaults.py'), Buffer.from('DEBUG = False\n\u0000\u00ff\u00fe junk\n', 'latin1'));
    const run = await runCliProcess(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/sample_ida\/settings\/defaults\.py:2:1 {2}error {2}sample_ida\/settings\/defaults\.py is not UTF-8 text {2}OEP45-S002/);
    noStack(run.stdout + run.stderr);
  });
});

describe('oep45 config check', () => {
  it('accepts the example production configurations', async () => {
    const sample = await runCliProcess(['config', 'check', '--config', 'config/example-production.yml'], { cwd: SAMPLE });
    expect(sample.code, sample.stdout + sample.stderr).toBe(0);
    expect(sample.stdout).toBe('config/example-production.yml: valid for sample-ida (15 settings, 4 required)\n');
    const legacy = await runCliProcess(['config', 'check', '--config', 'examples/legacy-ida/config/example-production.yml', 'examples/legacy-ida']);
    expect(legacy.code, legacy.stdout + legacy.stderr).toBe(0);
  });

  it('names a missing required setting, a misspelled key with a suggestion and a type mismatch, each at its line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oep45-operator-')), 'prod.yml');
    writeFileSync(file, 'SECRET_KEY: s\nALLOWED_HOSTS: [a]\nDATABASES: {}\nLMS_ROOT_UR: https://lms\nAPI_PAGE_SIZE: twenty\n');
    const run = await runCliProcess(['config', 'check', '--config', file, SAMPLE]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      `${file}:1:1: required setting \`LMS_ROOT_URL\` is missing`,
      `${file}:4:1: unknown setting \`LMS_ROOT_UR\`; did you mean \`LMS_ROOT_URL\`?`,
      `${file}:5:16: \`API_PAGE_SIZE\` must be an integer or empty, like its default \`20\``,
      `3 problems in ${file} (checked against sample-ida's 15 settings, 4 required)`,
      '',
    ]);
    const json = await runCliProcess(['config', 'check', '--config', file, SAMPLE, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, problems: [{ line: 1 }, { line: 4, column: 1 }, { line: 5, column: 16 }] });
  });

  it.each([
    [['config', 'check', 'examples/sample-ida'], /^oep45: config check needs --config FILE/],
    [['config', 'validate'], /^oep45: unknown command "config validate"/],
    [['config', 'check', '--config', 'nope.yml', 'examples/sample-ida'], /^oep45: cannot read nope\.yml: ENOENT/],
    [['config', 'check', '--config', 'examples/sample-ida/config/devstack.yml', 'docs'], /^oep45: no settings package found/],
  ])('%j is a usage error on one line', async (args, message) => {
    const run = await runCliProcess(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('points at a YAML syntax error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oep45-operator-')), 'prod.yml');
    writeFileSync(file, 'SECRET_KEY: s\nDATABASES: {default: [}\n');
    const run = await runCliProcess(['config', 'check', '--config', file, SAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^oep45: ${file}:2:\\d+: invalid YAML`));
    noStack(run.stderr);
  });
});

describe('oep45 settings', () => {
  it('schema prints a JSON Schema that ajv compiles and the example configuration satisfies', async () => {
    const run = await runCliProcess(['settings', 'schema', 'examples/sample-ida']);
    expect(run.code, run.stderr).toBe(0);
    const schema = JSON.parse(run.stdout);
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(parse(readFileSync(join(SAMPLE, 'config/example-production.yml'), 'utf8')))).toBe(true);
    expect(validate({})).toBe(false);
  });

  it('docs prints the reference in Markdown or RST, to a file with -o', async () => {
    const md = await runCliProcess(['settings', 'docs', 'examples/sample-ida']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# sample-ida settings\n/);
    const out = join(mkdtempSync(join(tmpdir(), 'oep45-docs-')), 'settings.rst');
    const rst = await runCliProcess(['settings', 'docs', LEGACY, '--format', 'rst', '-o', out]);
    expect(rst.code, rst.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^legacy-ida settings\n###################\n/);
  });

  it.each([
    [['settings', 'docs', 'examples/sample-ida', '--format', 'html'], /^oep45: --format: "html" must be md or rst$/],
    [['settings'], /^oep45: unknown command "settings"/],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCliProcess(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(message);
  });

  it('refuses settings that do not parse, at file:line:column', async () => {
    const dir = makeService({ 'sample_ida/settings/required.py': 'SECRET_KEY = None\n  DATABASES = None\n' }, SAMPLE);
    const run = await runCliProcess(['settings', 'schema', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('oep45: sample_ida/settings/required.py:2:3: invalid syntax: unexpected indent\n');
  });
});
