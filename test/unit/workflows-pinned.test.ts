// What an IDA copies calls the reusable workflow pinned to one commit of this repository. That
// commit must exist here and hold the reusable workflow, and the starters must be valid against
// the workflow as it is at that commit (its inputs and secrets), not only as it is now.
// After history is rewritten or for a release: `node scripts/pin-starters.mjs [COMMIT] [VERSION]`.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { pinText, starterFiles } from '../../scripts/pin-starters.mjs';
import { REPO_ROOT } from '../helpers/action.js';
import { githubDiagnostics } from '../helpers/workflow-validate.js';
import { readRepoFile, REUSABLE } from '../helpers/workflow-files.js';

const CALL = /uses:\s*openedx\/oep45-action\/\.github\/workflows\/oep45-images\.yml@([0-9a-f]{40}) # (\S.*)$/gm;

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const files = starterFiles(REPO_ROOT) as string[];
const pins = files.flatMap((file) => [...readRepoFile(file).matchAll(CALL)].map((m) => ({ file, sha: m[1]!, version: m[2]! })));

describe('the starters call one pinned commit of the reusable workflow', () => {
  it('every call is pinned, all to the same commit', () => {
    expect(files).toEqual(expect.arrayContaining(['workflows/nightly.yml', 'workflows/pull-request.yml', 'workflows/release.yml']));
    const calls = files.flatMap((f) => readRepoFile(f).match(/oep45-images\.yml@\S+/g) ?? []);
    expect(pins.length).toBe(calls.length);
    expect(pins.length).toBeGreaterThanOrEqual(4);
    expect(new Set(pins.map((p) => p.sha)).size).toBe(1);
  });

  const sha = pins[0]!.sha;
  const shallow = git(['rev-parse', '--is-shallow-repository']) === 'true';

  it.skipIf(shallow)('the commit is in this repository and holds the reusable workflow', () => {
    let content = '';
    try {
      content = git(['show', `${sha}:${REUSABLE}`]);
    } catch {
      throw new Error(`the starters are pinned to ${sha}, which this repository does not have with ${REUSABLE}: run node scripts/pin-starters.mjs`);
    }
    expect(content).toContain('workflow_call:');
  });

  it.skipIf(shallow).each(files)('%s is valid against the workflow at the pinned commit', async (file) => {
    const atPin = {
      async getFileContent(ref: { path: string }) {
        return { name: ref.path, content: git(['show', `${sha}:${ref.path}`]) };
      },
    };
    expect(await githubDiagnostics(`.github/workflows/${file.split('/').pop()}`, readRepoFile(file), atPin)).toEqual([]);
  });
});

describe('pinText', () => {
  const NEW = 'a'.repeat(40);
  const cases: Array<[string, string]> = [
    [`    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${'0'.repeat(40)} # main\n`, `    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${NEW} # v1.2.0\n`],
    [`    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${'0'.repeat(40)}\n`, `    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${NEW} # v1.2.0\n`],
    [`    uses: other/repo/.github/workflows/oep45-images.yml@${'0'.repeat(40)} # v1\n`, `    uses: other/repo/.github/workflows/oep45-images.yml@${'0'.repeat(40)} # v1\n`],
    [`      - uses: actions/checkout@${'0'.repeat(40)} # v5.0.0\n`, `      - uses: actions/checkout@${'0'.repeat(40)} # v5.0.0\n`],
  ];
  it.each(cases)('%s', (before, after) => {
    expect(pinText(before, NEW, 'v1.2.0')).toBe(after);
  });
});
