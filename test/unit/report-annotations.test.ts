// Which findings become annotations within GitHub's per-step caps, and in what order; and the
// changed lines read from a real `git diff --unified=0` patch.
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/model/finding.js';
import { ANNOTATION_CAPS, planAnnotations } from '../../src/report/annotations.js';
import { isOnChangedLines, parseUnifiedDiff, unquoteGitPath } from '../../src/report/changed-lines.js';

function findings(severity: Severity, n: number, file = 'base.py', from = 1, state?: Finding['baselineState']): Finding[] {
  return Array.from({ length: n }, (_, i) => ({ rule: 'OEP45-S008', severity, message: `m`, file, line: from + i, help: '', ...(state ? { baselineState: state } : {}) }));
}

describe('planAnnotations', () => {
  it('keeps each severity within its cap: 10 errors, 10 warnings, 10 notices', () => {
    const all = [...findings('notice', 250), ...findings('warning', 14, 'Dockerfile'), ...findings('error', 3, 'CHANGELOG.rst')];
    const plan = planAnnotations(all, { onlyNew: false });
    const count = (s: Severity): number => plan.annotated.filter((f) => f.severity === s).length;
    expect([count('error'), count('warning'), count('notice')]).toEqual([3, ANNOTATION_CAPS.warning, ANNOTATION_CAPS.notice]);
    expect(plan.eligible).toBe(267);
    // errors, then warnings, then notices
    expect(plan.annotated.map((f) => f.severity).slice(0, 4)).toEqual(['error', 'error', 'error', 'warning']);
    expect(plan.annotated.at(-1)!.severity).toBe('notice');
  });

  it("puts the pull request's changed lines first, whatever their severity", () => {
    const all = [...findings('warning', 20, 'Dockerfile'), ...findings('notice', 40, 'base.py')];
    const changed = (f: Finding): boolean => f.file === 'base.py' && f.line > 30;
    const plan = planAnnotations(all, { onlyNew: false, changed });
    expect(plan.annotated.slice(0, 10).every(changed)).toBe(true);
    expect(plan.annotated.filter((f) => f.severity === 'notice').every(changed)).toBe(true);
    expect(plan.annotated.filter((f) => f.severity === 'warning')).toHaveLength(10);
    expect(plan.onChangedLines).toBe(10);
  });

  it('with onlyNew annotates the new findings only; otherwise new ones come before known ones', () => {
    const all = [...findings('warning', 12, 'Dockerfile', 1, 'unchanged'), ...findings('warning', 2, 'ci.yml', 1, 'new')];
    const onlyNew = planAnnotations(all, { onlyNew: true });
    expect(onlyNew.annotated.map((f) => f.file)).toEqual(['ci.yml', 'ci.yml']);
    expect(onlyNew.eligible).toBe(2);
    const everything = planAnnotations(all, { onlyNew: false });
    expect(everything.annotated.slice(0, 2).map((f) => f.file)).toEqual(['ci.yml', 'ci.yml']);
    expect(everything.annotated).toHaveLength(10);
  });

  it('leaves room under a lowered cap', () => {
    const plan = planAnnotations(findings('notice', 20), { onlyNew: false, caps: { ...ANNOTATION_CAPS, notice: 9 } });
    expect(plan.annotated).toHaveLength(9);
  });
});

describe('parseUnifiedDiff', () => {
  // `git diff --unified=0` of a change that edits base.py, adds a workflow, deletes lines only in
  // the Dockerfile, renames a file, and adds a line that itself starts with "++ b/".
  const patch = [
    'diff --git a/orders/settings/base.py b/orders/settings/base.py',
    'index 1111111..2222222 100644',
    '--- a/orders/settings/base.py',
    '+++ b/orders/settings/base.py',
    '@@ -12 +12 @@ DEBUG = False',
    "-TIME_ZONE = 'UTC'",
    "+TIME_ZONE = 'Europe/Paris'",
    '@@ -40,0 +41,3 @@ ADMINS = (',
    '+NEW_A = 1',
    '+NEW_B = 2',
    '++ b/not-a-file',
    'diff --git a/.github/workflows/new.yml b/.github/workflows/new.yml',
    'new file mode 100644',
    'index 0000000..3333333',
    '--- /dev/null',
    '+++ b/.github/workflows/new.yml',
    '@@ -0,0 +1,2 @@',
    '+on: push',
    '+jobs: {}',
    'diff --git a/Dockerfile b/Dockerfile',
    'index 4444444..5555555 100644',
    '--- a/Dockerfile',
    '+++ b/Dockerfile',
    '@@ -9,2 +8,0 @@ FROM ubuntu:focal as app',
    '-RUN a',
    '-RUN b',
    'diff --git a/docs/old.rst b/docs/new.rst',
    'similarity index 100%',
    'rename from docs/old.rst',
    'rename to docs/new.rst',
    'diff --git "a/docs/caf\\303\\251 \\"x\\".rst" "b/docs/caf\\303\\251 \\"x\\".rst"',
    '--- "a/docs/caf\\303\\251 \\"x\\".rst"',
    '+++ "b/docs/caf\\303\\251 \\"x\\".rst"',
    '@@ -1 +1 @@',
    '-a',
    '+b',
    '',
  ].join('\n');
  const files = parseUnifiedDiff(patch);

  it('reads the added and changed lines of each file', () => {
    expect([...files.get('orders/settings/base.py')!]).toEqual([12, 41, 42, 43]);
    expect([...files.get('.github/workflows/new.yml')!]).toEqual([1, 2]);
    expect(files.has('not-a-file')).toBe(false);
  });

  it('keeps a file touched by deletions or a rename, with no lines', () => {
    expect(files.get('Dockerfile')?.size).toBe(0);
    expect(files.get('docs/new.rst')?.size).toBe(0);
  });

  it('reads C-quoted paths', () => {
    expect([...files.get('docs/café "x".rst')!]).toEqual([1]);
    expect(unquoteGitPath('"a\\tb\\\\c"')).toBe('a\tb\\c');
    expect(unquoteGitPath('plain/path.py')).toBe('plain/path.py');
  });

  it('tells a finding on a changed line, over a range, or about a touched file', () => {
    const changed = { files };
    expect(isOnChangedLines({ file: 'orders/settings/base.py', line: 41 }, changed)).toBe(true);
    expect(isOnChangedLines({ file: 'orders/settings/base.py', line: 40 }, changed)).toBe(false);
    expect(isOnChangedLines({ file: 'orders/settings/base.py', line: 38, endLine: 41 }, changed)).toBe(true);
    expect(isOnChangedLines({ file: 'Dockerfile', line: 0 }, changed)).toBe(true);
    expect(isOnChangedLines({ file: 'Dockerfile', line: 8 }, changed)).toBe(false);
    expect(isOnChangedLines({ file: 'README.rst', line: 0 }, changed)).toBe(false);
    expect(isOnChangedLines({ file: 'README.rst', line: 0 }, undefined)).toBe(false);
  });
});
