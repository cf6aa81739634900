import { describe, expect, it } from 'vitest';
import { w002NoExpressionsInRun } from '../../src/checks/workflows/w002-no-expressions-in-run.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const job = (steps: string): string => workflow(`  a:\n    runs-on: x\n    steps:\n${steps}`);

describe('OEP45-W002 no ${{ }} inside run:', () => {
  const cases: Array<{ name: string; steps: string; expect: string[] }> = [
    { name: 'values through env pass', steps: '      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n', expect: [] },
    { name: 'an event value in a one-line run is an error', steps: '      - run: echo "${{ github.event.pull_request.title }}"\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'the head branch name is an error', steps: '      - run: git checkout ${{ github.head_ref }}\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'another expression is a warning', steps: '      - run: echo ${{ matrix.node }}\n', expect: ['.github/workflows/ci.yml:7:warning'] },
    {
      name: 'each expression of a block script is reported on its own line',
      steps: '      - run: |\n          echo start\n          echo ${{ inputs.name }}\n          echo ${{ github.event.issue.body }} ${{ env.X }}\n',
      expect: ['.github/workflows/ci.yml:9:warning', '.github/workflows/ci.yml:10:error', '.github/workflows/ci.yml:10:warning'],
    },
    { name: 'expressions in other keys pass', steps: '      - if: ${{ github.event_name == \'push\' }}\n        name: ${{ matrix.x }}\n        run: echo hi\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w002NoExpressionsInRun, job(c.steps)))).toEqual(c.expect);
  });

  it('quotes the expression and names the job and step', async () => {
    const [f] = await runRule(w002NoExpressionsInRun, job('      - run: true\n      - run: echo ${{ github.event.comment.body }}\n'));
    expect(f!.message).toBe('`${{ github.event.comment.body }}` is pasted into the script of job a, step 2, and its value comes from whoever triggered the event');
    expect(f!.column).toBe(19);
  });
});
