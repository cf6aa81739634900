import { describe, expect, it } from 'vitest';
import { w006NoSecretsInherit } from '../../src/checks/workflows/w006-no-secrets-inherit.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('OEP45-W006 no secrets: inherit', () => {
  const cases: Array<{ name: string; jobs: string; expect: string[] }> = [
    { name: 'named secrets pass', jobs: `  a:\n    uses: o/r/.github/workflows/x.yml@${SHA}\n    secrets:\n      token: \${{ secrets.TOKEN }}\n`, expect: [] },
    { name: 'no secrets pass', jobs: `  a:\n    uses: o/r/.github/workflows/x.yml@${SHA}\n`, expect: [] },
    { name: 'inherit fails', jobs: `  a:\n    uses: o/r/.github/workflows/x.yml@${SHA}\n    secrets: inherit\n`, expect: ['.github/workflows/ci.yml:6:error'] },
    { name: 'each job is audited', jobs: `  a:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n  b:\n    uses: ./.github/workflows/y.yml\n    secrets: inherit\n`, expect: ['.github/workflows/ci.yml:6:error', '.github/workflows/ci.yml:9:error'] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w006NoSecretsInherit, workflow(c.jobs)))).toEqual(c.expect);
  });
});
