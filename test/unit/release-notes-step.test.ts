// The release-notes job that docs/workflows.md gives (and workflows/release.yml carries) for putting the upgrade notes into the GitHub release body: its script, taken out of the
// documentation's YAML and run by bash as the runner runs it, with a FAKE `gh` (GitHub's API
// cannot run here) that records what it is asked. It keeps what a release already says, replaces
// the notes an earlier run added, and creates the release when there is none; the notes reach it
// through env: only.

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action.js';

const docs = readFileSync(join(REPO_ROOT, 'docs/workflows.md'), 'utf8');
const block = /```yaml\n( {2}release-notes:\n[\s\S]*?)```/.exec(docs)![1]!;
const job = (parse(block) as { 'release-notes': { permissions: unknown; steps: Array<{ env: Record<string, string>; run: string }> } })['release-notes'];
const step = job.steps[0]!;

const FAKE_GH = `#!/bin/sh
# FAKE gh: "release view" prints $FAKE_DIR/body when it exists, else fails as for a missing release;
# "release edit|create" records its arguments and the notes file it was given.
if [ "$2" = view ]; then
  [ -f "$FAKE_DIR/body" ] || exit 1
  cat "$FAKE_DIR/body"; exit 0
fi
echo "$*" > "$FAKE_DIR/call"
while [ $# -gt 0 ]; do [ "$1" = --notes-file ] && cp "$2" "$FAKE_DIR/notes"; shift; done
`;

function run(body?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-gh-'));
  writeFileSync(join(dir, 'gh'), FAKE_GH);
  chmodSync(join(dir, 'gh'), 0o755);
  if (body !== undefined) writeFileSync(join(dir, 'body'), body);
  writeFileSync(join(dir, 'step.sh'), step.run);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'step.sh')], {
    env: { PATH: `${dir}:${process.env.PATH}`, FAKE_DIR: dir, RUNNER_TEMP: dir, GH_TOKEN: 'fake', NOTES: '## Upgrade notes: sumac.3 → teak.1\n\n| a | b |', TAG: 'release/teak.1', REPOSITORY: 'openedx/x' },
    encoding: 'utf8',
  });
  return { code: r.status, call: existsSync(join(dir, 'call')) ? readFileSync(join(dir, 'call'), 'utf8').trim() : '', notes: existsSync(join(dir, 'notes')) ? readFileSync(join(dir, 'notes'), 'utf8') : '' };
}

describe('the documented release-notes job', () => {
  it('asks for contents: write only, and takes every value through env:', () => {
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(step.run).not.toContain('${{');
    expect(Object.keys(step.env).sort()).toEqual(['GH_TOKEN', 'NOTES', 'REPOSITORY', 'TAG']);
  });

  it('keeps what the release says and replaces earlier notes', () => {
    const r = run('What the maintainers wrote.\n\n## Upgrade notes: an earlier run\n\nold');
    expect(r.code).toBe(0);
    expect(r.call).toBe(`release edit release/teak.1 --repo openedx/x --notes-file ${r.call.split('--notes-file ')[1]}`);
    expect(r.notes).toBe('What the maintainers wrote.\n\n## Upgrade notes: sumac.3 → teak.1\n\n| a | b |\n');
  });

  it('creates the release from the tag when there is none', () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(r.call).toMatch(/^release create release\/teak\.1 --repo openedx\/x --verify-tag --title release\/teak\.1 --notes-file /);
    expect(r.notes).toBe('## Upgrade notes: sumac.3 → teak.1\n\n| a | b |\n');
  });

  it('is the job workflows/release.yml carries', () => {
    const starter = parse(readFileSync(join(REPO_ROOT, 'workflows/release.yml'), 'utf8')) as { jobs: Record<string, unknown> };
    expect(starter.jobs['release-notes']).toEqual(job);
  });
});
