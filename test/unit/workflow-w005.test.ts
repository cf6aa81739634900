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

  // A job that calls a workflow: this repository's own is read as part of the caller (it runs in
  // the caller's context); another repository's cannot be, and the warning names it.
  const BUILD_HEAD = '  b:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n';
  const calls: Array<{ name: string; files: Record<string, string>; expect: string[]; message?: RegExp }> = [
    {
      name: 'a call to this repository\'s workflow that checks out the head is an error at the call',
      files: { '.github/workflows/ci.yml': workflow('  a:\n    uses: ./.github/workflows/build.yml\n', HEAD), '.github/workflows/build.yml': workflow(BUILD_HEAD, 'on: workflow_call\npermissions: {}\n') },
      expect: ['.github/workflows/ci.yml:5:error'],
      message: /job a \(through \.github\/workflows\/build\.yml\) checks out/,
    },
    {
      name: 'a call to this repository\'s workflow that checks out the base is a warning',
      files: { '.github/workflows/ci.yml': workflow('  a:\n    uses: ./.github/workflows/build.yml\n', HEAD), '.github/workflows/build.yml': workflow(JOBS, 'on: workflow_call\npermissions: {}\n') },
      expect: ['.github/workflows/ci.yml:1:warning'],
    },
    {
      name: 'a call to another repository\'s workflow is a warning that names it',
      files: { '.github/workflows/ci.yml': workflow('  a:\n    uses: openedx/.github/.github/workflows/add-pr-to-project.yml@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n', HEAD) },
      expect: ['.github/workflows/ci.yml:1:warning'],
      message: /code here \(nor may openedx\/\.github\/\.github\/workflows\/add-pr-to-project\.yml, which job a calls\), so it is safe/,
    },
  ];
  it.each(calls)('$name', async (c) => {
    const findings = await runRule(w005NoPullRequestTarget, c.files);
    expect(where(findings)).toEqual(c.expect);
    if (c.message) expect(findings[0]!.message).toMatch(c.message);
  });
});
