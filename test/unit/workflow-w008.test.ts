import { describe, expect, it } from 'vitest';
import { w008PinComment } from '../../src/checks/workflows/w008-pin-comment.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const SHA = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';
const job = (steps: string): string => workflow(`  a:\n    runs-on: x\n    steps:\n${steps}`);

describe('OEP45-W008 SHA pins say which version', () => {
  const cases: Array<{ name: string; steps: string; expect: string[] }> = [
    { name: 'a version comment passes', steps: `      - uses: actions/checkout@${SHA} # v5.0.0\n`, expect: [] },
    { name: 'a quoted value with a comment passes', steps: `      - uses: 'actions/checkout@${SHA}'  #v5\n`, expect: [] },
    { name: 'a bare SHA is a notice', steps: `      - uses: actions/checkout@${SHA}\n`, expect: ['.github/workflows/ci.yml:7:notice'] },
    { name: 'an empty comment is not a version', steps: `      - uses: actions/checkout@${SHA} #\n`, expect: ['.github/workflows/ci.yml:7:notice'] },
    { name: 'tags are W001\'s business', steps: '      - uses: actions/checkout@v5\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w008PinComment, job(c.steps)))).toEqual(c.expect);
  });

  it('reads reusable workflow calls too', async () => {
    expect(where(await runRule(w008PinComment, workflow(`  a:\n    uses: o/r/.github/workflows/x.yml@${SHA}\n`)))).toEqual(['.github/workflows/ci.yml:5:notice']);
  });
});
