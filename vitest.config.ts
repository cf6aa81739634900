import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e tests share one Docker engine and registry helpers; unit tests are fast either way.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schemas without an import attribute, which Node
    // refuses; letting vite transform the package makes those imports work.
    server: { deps: { inline: ['@actions/workflow-parser', '@actions/languageservice'] } },
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
  },
});
