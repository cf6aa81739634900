import { describe, expect, it } from 'vitest';
import { w002NoExpressionsInRun } from '../../src/checks/workflows/w002-no-expressions-in-run.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const job = (steps: string): string => workflow(`  a:\n    runs-on: x\n    steps:\n${steps}`);

describe('OEP45-W002 no ${{ }} inside run:', () => {
  const cases: Array<{ name: string; steps: string; expect: string[] }> = [
    { name: 'values through env pass', steps: '      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n', expect: [] },
    { name: 'an event value in a one-line run is an error', steps: '      - run: echo "${{ github.event.pull_request.title }}"\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'the head branch name is an error', steps: '      - run: git checkout ${{ github.head_ref }}\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'a matrix the workflow does not write is a warning', steps: '      - run: echo ${{ matrix.node }}\n', expect: ['.github/workflows/ci.yml:7:warning'] },
    {
      name: 'each expression of a block script is reported on its own line',
      steps: '      - run: |\n          echo start\n          echo ${{ steps.meta.outputs.title }}\n          echo ${{ github.event.issue.body }} ${{ env.X }}\n',
      expect: ['.github/workflows/ci.yml:9:warning', '.github/workflows/ci.yml:10:error'],
    },
    { name: 'numbers, ids and SHAs of the event are no text', steps: '      - run: gh pr view ${{ github.event.pull_request.number }} --json files ${{ github.event.pull_request.head.sha }} ${{ github.run_id }} ${{ github.sha }}\n', expect: [] },
    { name: 'secrets, vars, runner and job values pass', steps: '      - run: echo ${{ runner.os }} ${{ vars.REGION }} ${{ job.status }} ${{ secrets.TOKEN }}\n', expect: [] },
    { name: 'an env value set from the event is an error', steps: '      - env:\n          T: ${{ github.event.pull_request.title }}\n        run: echo "${{ env.T }}"\n', expect: ['.github/workflows/ci.yml:9:error'] },
    { name: 'toJSON of the whole event is an error', steps: '      - run: echo \'${{ toJSON(github.event) }}\'\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'the repository\'s own names are its own', steps: '      - run: echo ${{ github.event.repository.name }} ${{ github.event.repository.owner.login }} ${{ github.event.organization.login }}\n', expect: [] },
    { name: 'a fork\'s branch is not', steps: '      - run: echo ${{ github.event.pull_request.head.ref }}\n', expect: ['.github/workflows/ci.yml:7:error'] },
    { name: 'dispatch inputs are set by maintainers', steps: '      - run: echo ${{ github.event.inputs.version }} ${{ inputs.version }}\n', expect: [] },
    { name: 'expressions in other keys pass', steps: '      - if: ${{ github.event_name == \'push\' }}\n        name: ${{ matrix.x }}\n        run: echo hi\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w002NoExpressionsInRun, job(c.steps)))).toEqual(c.expect);
  });

  it('a matrix written in the workflow passes, one made from an output is a warning', async () => {
    const literal = workflow('  a:\n    runs-on: x\n    strategy:\n      matrix:\n        python-version: ["3.11", "3.12"]\n        include:\n          - shard: lms-1\n    steps:\n      - run: tox -e py${{ matrix.python-version }} ${{ matrix.shard }}\n');
    expect(where(await runRule(w002NoExpressionsInRun, literal))).toEqual([]);
    const computed = workflow('  a:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n    steps:\n      - run: echo ${{ matrix.image }}\n');
    expect(where(await runRule(w002NoExpressionsInRun, computed))).toEqual(['.github/workflows/ci.yml:9:warning']);
  });

  it('a reusable workflow\'s string input is a warning, a boolean one passes', async () => {
    const text = workflow('  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ inputs.title }} ${{ inputs.push }}\n', 'on:\n  workflow_call:\n    inputs:\n      title:\n        type: string\n      push:\n        type: boolean\npermissions: {}\n');
    expect(where(await runRule(w002NoExpressionsInRun, text))).toEqual(['.github/workflows/ci.yml:13:warning']);
  });

  it('quotes the expression and names the job and step', async () => {
    const [f] = await runRule(w002NoExpressionsInRun, job('      - run: true\n      - run: echo ${{ github.event.comment.body }}\n'));
    expect(f!.message).toBe('`${{ github.event.comment.body }}` is pasted into the script of job a, step 2, and its value comes from whoever triggered the event');
    expect(f!.column).toBe(19);
  });
});
