// What a fresh clone has for a user and a reviewer: the license package.json names, as its text;
// our changelog; and dist/ marked as generated, so that reviews show the source, not the bundle.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/action.js';

describe('the repository', () => {
  it('LICENSE is the Apache-2.0 text that package.json names', () => {
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).license).toBe('Apache-2.0');
    const text = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it.each(['dist/cli.js', 'dist/index.js', 'dist/cli.js.LEGAL.txt'])('%s is generated, and left out of diffs', (file) => {
    const attributes = execFileSync('git', ['check-attr', 'linguist-generated', 'diff', '--', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(attributes).toBe(`${file}: linguist-generated: true\n${file}: diff: unset\n`);
  });

  it('the source is not', () => {
    const attributes = execFileSync('git', ['check-attr', 'linguist-generated', '--', 'src/cli.ts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(attributes).toBe('src/cli.ts: linguist-generated: unspecified\n');
  });

  it('CHANGELOG.md starts its sections with Unreleased or the newest release', () => {
    const headings = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8').match(/^## .*$/gm) ?? [];
    expect(headings[0]).toMatch(/^## \[(Unreleased|\d+\.\d+\.\d+)\]/);
  });
});
