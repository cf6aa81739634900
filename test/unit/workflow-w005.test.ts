import { describe, expect, it } from 'vitest';
import { w005NoPullRequestTarget } from '../../src/checks/workflows/w005-no-pull-request-target.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const JOBS = '  a:\n    runs-on: x\n    steps:\n      - run: true\n';

describe('OEP45-W005 no pull_request_target', () => {
  const cases: Array<{ name: string; head: string; expect: string[] }> = [
    { name: 'pull_request passes', head: 'on: pull_request\npermissions: {}\n', expect: [] },
    { name: 'a single event, no pull request code (a warning)', head: 'on: pull_request_target\npermissions: {}\n', expect: ['.github/workflows/ci.yml:1:warning'] },
    { name: 'in a list', head: 'on: [push, pull_request_target]\npermissions: {}\n', expect: ['.github/workflows/ci.yml:1:warning'] },
    { name: 'as a mapping key', head: 'permissions: {}\non:\n  push:\n  pull_request_target:\n    types: [labeled]\n', expect: ['.github/workflows/ci.yml:4:warning'] },
    { name: 'workflow_run passes', head: 'on:\n  workflow_run:\n    workflows: [CI]\npermissions: {}\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w005NoPullRequestTarget, workflow(JOBS, c.head)))).toEqual(c.expect);
  });

  const HEAD = 'on: pull_request_target\npermissions: {}\n';
  const code: Array<{ name: string; jobs: string; expect: string[] }> = [
    {
      name: 'checking out the head SHA is an error at the step',
      jobs: '  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make test\n',
      expect: ['.github/workflows/ci.yml:7:error'],
    },
    { name: 'gh pr checkout in a script', jobs: '  a:\n    runs-on: x\n    steps:\n      - run: gh pr checkout "$PR"\n', expect: ['.github/workflows/ci.yml:7:error'] },
    {
      name: 'a checkout of the base branch is a warning',
      jobs: '  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n      - run: ./label.sh\n',
      expect: ['.github/workflows/ci.yml:1:warning'],
    },
    {
      name: 'a reusable workflow given the pull request\'s head is an error',
      jobs: '  a:\n    uses: org/repo/.github/workflows/build.yml@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n    with:\n      ref: ${{ github.event.pull_request.head.ref }}\n',
      expect: ['.github/workflows/ci.yml:5:error'],
    },
  ];
  it.each(code)('$name', async (c) => {
    expect(where(await runRule(w005NoPullRequestTarget, workflow(c.jobs, HEAD)))).toEqual(c.expect);
  });
});
