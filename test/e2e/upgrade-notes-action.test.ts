// The action's `upgrade-notes` (node dist/index.js as the runner starts it) on a real repository
// with two named releases (test/helpers/upgrade-repo.ts): on the release/teak.1 tag, `auto` finds
// open-release/sumac.3, and the notes go to the job summary, the `upgrade-notes` output and the
// file — GitHub-flavoured Markdown whose tables hold together and in which a default made of HTML
// and Markdown stays text. In a shallow clone (actions/checkout's default) the previous tag is
// fetched on its own. A ref that is not a release tag makes no notes; a bad explicit ref fails.

import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../helpers/action.js';
import { gfmProblems } from '../helpers/gfm.js';
import { makeUpgradeRepo, type UpgradeRepo } from '../helpers/upgrade-repo.js';

let fixture: UpgradeRepo;
const teakRef = 'refs/tags/release/teak.1';

beforeAll(() => {
  fixture = makeUpgradeRepo({ hostile: true });
});

function notesRun(cwd: string, inputs: Record<string, string>, ref = teakRef) {
  return runAction({ cwd, ref, inputs: { mode: 'check', 'fail-on': 'never', ...inputs }, env: { GITHUB_WORKSPACE: cwd } });
}

describe('the action: upgrade notes of a named release', () => {
  it('auto: from the previous named release, in the summary, the output and the file; valid, escaped Markdown', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oep45-notes-')), 'notes', 'upgrade-notes.md');
    const run = await notesRun(fixture.repo.dir, { 'upgrade-notes': 'auto', 'upgrade-notes-file': file });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['upgrade-from']).toBe('open-release/sumac.3');
    const notes = run.outputs['upgrade-notes']!;
    expect(notes.split('\n')[0]).toBe('## Upgrade notes: sumac.3 → teak.1');
    expect(readFileSync(file, 'utf8')).toBe(notes);
    expect(run.outputs['upgrade-notes-file']).toBe(file);
    expect(run.summary).toContain(notes);
    expect(gfmProblems(notes)).toEqual([]);
    expect(gfmProblems(run.summary)).toEqual([]);
    // Each change, one row each; links into the repository at teak's commit.
    const teak = fixture.repo.git('rev-parse', 'release/teak.1');
    const rows = notes.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Change') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe(
      `| <code>NEW\\_SECRET</code> is new and <strong>required</strong>: set it before starting teak.1 | [CHANGELOG.rst line 13](https://github.com/openedx/sample-ida/blob/${teak}/CHANGELOG.rst?plain=1#L13) (\\[2.0.0\\] - ${new Date().toISOString().slice(0, 10)}) |`,
    );
    expect(notes).toContain('| <code>ENABLE\\_REPORTS</code> is new, default <code>False</code> | not mentioned |');
    const banner = rows.find((r) => r.includes('WELCOME'))!;
    expect(banner).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(banner).not.toMatch(/<img|[^\\]\]\(http:/);
    expect(notes).toContain('Items marked “not mentioned” are missing from <code>CHANGELOG.rst</code> (OEP45-C006).');
  });

  it('a shallow clone of the tag fetches the previous release by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'release/teak.1', `file://${fixture.repo.dir}`, dir], { stdio: 'pipe' });
    expect(execFileSync('git', ['tag', '--list'], { cwd: dir, encoding: 'utf8' }).trim()).toBe('release/teak.1');
    const run = await notesRun(dir, { 'upgrade-notes': 'auto' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['upgrade-from']).toBe('open-release/sumac.3');
    expect(run.outputs['upgrade-notes']).toContain('<code>OLD\\_FEATURE\\_FLAG</code> is removed');
  });

  it('no notes on a branch; a ref that does not exist fails the step with one line', async () => {
    const branch = await notesRun(fixture.repo.dir, { 'upgrade-notes': 'auto' }, 'refs/heads/master');
    expect(branch.code).toBe(0);
    expect(branch.outputs['upgrade-notes']).toBe('');
    expect(branch.stdout).toContain('No upgrade notes: refs/heads/master is not a named release tag.');
    expect(branch.summary).not.toContain('Upgrade notes');
    const bad = await notesRun(fixture.repo.dir, { 'upgrade-notes': 'open-release/sumac.9' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::upgrade-notes: open-release/sumac.9 is no tag, branch or commit of this repository, nor could it be fetched');
    expect(bad.stdout).not.toMatch(/\n\s+at /);
    const option = await notesRun(fixture.repo.dir, { 'upgrade-notes': '--upload-pack=touch /tmp/x' });
    expect(option.code).toBe(1);
    expect(option.stdout).toContain('::error::upgrade-notes: "--upload-pack=touch /tmp/x" is neither `auto` nor a git ref');
  });
});
