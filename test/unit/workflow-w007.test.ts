import { describe, expect, it } from 'vitest';
import { w007CheckoutCredentials } from '../../src/checks/workflows/w007-checkout-credentials.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const SHA = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';
const job = (steps: string): string => workflow(`  a:\n    runs-on: x\n    steps:\n${steps}`);

describe('OEP45-W007 checkout with persist-credentials: false', () => {
  const cases: Array<{ name: string; steps: string; expect: string[] }> = [
    { name: 'false passes', steps: `      - uses: actions/checkout@${SHA}\n        with:\n          persist-credentials: false\n`, expect: [] },
    { name: 'quoted "false" passes', steps: `      - uses: actions/checkout@${SHA}\n        with:\n          persist-credentials: 'false'\n`, expect: [] },
    { name: 'missing fails at the uses line', steps: `      - run: true\n      - uses: actions/checkout@${SHA}\n`, expect: ['.github/workflows/ci.yml:8:warning'] },
    { name: 'with: but no persist-credentials fails', steps: `      - uses: actions/checkout@${SHA}\n        with:\n          fetch-depth: 0\n`, expect: ['.github/workflows/ci.yml:7:warning'] },
    { name: 'true fails', steps: `      - uses: actions/checkout@${SHA}\n        with:\n          persist-credentials: true\n`, expect: ['.github/workflows/ci.yml:7:warning'] },
    { name: 'other actions pass', steps: `      - uses: actions/setup-node@${SHA}\n      - uses: someone/checkout-tool@${SHA}\n`, expect: [] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w007CheckoutCredentials, job(c.steps)))).toEqual(c.expect);
  });
});
