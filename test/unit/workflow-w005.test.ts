import { describe, expect, it } from 'vitest';
import { w005NoPullRequestTarget } from '../../src/checks/workflows/w005-no-pull-request-target.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const JOBS = '  a:\n    runs-on: x\n    steps:\n      - run: true\n';

describe('OEP45-W005 no pull_request_target', () => {
  const cases: Array<{ name: string; head: string; expect: string[] }> = [
    { name: 'pull_request passes', head: 'on: pull_request\npermissions: {}\n', expect: [] },
    { name: 'a single event', head: 'on: pull_request_target\npermissions: {}\n', expect: ['.github/workflows/ci.yml:1:error'] },
    { name: 'in a list', head: 'on: [push, pull_request_target]\npermissions: {}\n', expect: ['.github/workflows/ci.yml:1:error'] },
    { name: 'as a mapping key', head: 'permissions: {}\non:\n  push:\n  pull_request_target:\n    types: [labeled]\n', expect: ['.github/workflows/ci.yml:4:error'] },
    { name: 'workflow_run passes', head: 'on:\n  workflow_run:\n    workflows: [CI]\npermissions: {}\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w005NoPullRequestTarget, workflow(JOBS, c.head)))).toEqual(c.expect);
  });
});
