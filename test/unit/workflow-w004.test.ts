import { describe, expect, it } from 'vitest';
import { w004NoWorkflowWrite } from '../../src/checks/workflows/w004-no-workflow-write.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const JOBS = '  a:\n    runs-on: x\n    permissions:\n      packages: write\n    steps:\n      - run: true\n';

describe('OEP45-W004 no write permission at workflow level', () => {
  const cases: Array<{ name: string; head: string; expect: string[] }> = [
    { name: 'write in a job passes', head: 'on: push\npermissions: {}\n', expect: [] },
    { name: 'read-all passes', head: 'on: push\npermissions: read-all\n', expect: [] },
    { name: 'write-all fails', head: 'on: push\npermissions: write-all\n', expect: ['.github/workflows/ci.yml:2:error'] },
    { name: 'each write scope fails at its line', head: 'on: push\npermissions:\n  contents: read\n  packages: write\n  id-token: write\n', expect: ['.github/workflows/ci.yml:4:error', '.github/workflows/ci.yml:5:error'] },
    { name: 'no permissions at all is W003\'s business', head: 'on: push\n', expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w004NoWorkflowWrite, workflow(JOBS, c.head)))).toEqual(c.expect);
  });

  it('names the scope', async () => {
    const [f] = await runRule(w004NoWorkflowWrite, workflow(JOBS, 'on: push\npermissions:\n  id-token: write\n'));
    expect(f!.message).toContain('`id-token: write`');
  });
});
