import { describe, expect, it } from 'vitest';
import { w003PermissionsDeclared } from '../../src/checks/workflows/w003-permissions-declared.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const JOBS = '  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps:\n      - run: true\n';

describe('OEP45-W003 top-level permissions declared', () => {
  const cases: Array<{ name: string; text: string; expect: string[] }> = [
    { name: 'permissions: {} passes', text: workflow(JOBS), expect: [] },
    { name: 'read-only scopes pass', text: workflow(JOBS, 'on: push\npermissions:\n  contents: read\n'), expect: [] },
    { name: 'job-level grants alone are not enough', text: workflow(JOBS, 'name: CI\non: push\n'), expect: ['.github/workflows/ci.yml:2:warning'] },
    { name: 'reported at the `on:` key', text: workflow(JOBS, 'name: CI\n\non:\n  push:\n    branches: [main]\n'), expect: ['.github/workflows/ci.yml:3:warning'] },
    { name: 'a file without `on` is reported at line 1', text: workflow(JOBS, ''), expect: ['.github/workflows/ci.yml:1:warning'] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w003PermissionsDeclared, c.text))).toEqual(c.expect);
  });
});
