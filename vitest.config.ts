import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// GitHub's workflow validator ships source maps without their sources, so transforming it (see
// `server.deps.inline`) prints one warning per module. Only that warning is dropped.
const quietValidatorSourcemaps: Plugin = {
  name: 'quiet-validator-sourcemaps',
  configResolved(config) {
    const warnOnce = config.logger.warnOnce.bind(config.logger);
    config.logger.warnOnce = (message, options) => {
      if (!/^Sourcemap for ".*node_modules\/@actions\/.*" points to missing source files$/.test(message)) warnOnce(message, options);
    };
  },
};

export default defineConfig({
  plugins: [quietValidatorSourcemaps],
  test: {
    include: ['test/**/*.test.ts'],
    // e2e tests share one Docker engine and registry helpers; unit tests are fast either way.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schemas without an import attribute, which Node
    // refuses; letting vite transform the package makes those imports work.
    server: { deps: { inline: ['@actions/workflow-parser', '@actions/languageservice'] } },
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
  },
});
