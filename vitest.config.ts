import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

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

// The test files that build images. They run twice, once per builder, against the one engine: with
// `docker buildx` (project buildx) and with BuildKit without buildx, Debian 12's Docker 20.10 client
// (project buildkit); test/helpers/builders.ts finds both. Everything else runs once (project main).
// `describeWithBuilder` refuses to run in a file that is not listed here.
const BUILD_TESTS = [
  'test/e2e/demo-offline.test.ts',
  'test/e2e/hostile-edges-builds.test.ts',
  'test/e2e/image-action-secrets.test.ts',
  'test/e2e/image-engine-queries.test.ts',
  'test/e2e/image-mode-and-auth.test.ts',
  'test/e2e/image-multi-platform.test.ts',
  'test/e2e/image-publish.test.ts',
  'test/e2e/merge.test.ts',
  'test/e2e/multi-image-builds.test.ts',
  'test/e2e/publish-gate.test.ts',
];

const builderProject = (builder: 'buildx' | 'buildkit') => ({
  extends: true as const,
  test: { name: builder, include: BUILD_TESTS, env: { OEP45_TEST_BUILDER: builder }, setupFiles: ['test/helpers/builder-setup.ts'] },
});

export default defineConfig({
  plugins: [quietValidatorSourcemaps],
  test: {
    // Each project names its own files (an `include` here would be added to every project's).
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
    projects: [{ extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...BUILD_TESTS] } }, builderProject('buildx'), builderProject('buildkit')],
  },
});
