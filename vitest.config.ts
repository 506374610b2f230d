import { defineConfig } from 'vitest/config';

// Three layers (STYLE.md): pure domain units; handlers fed with events/*.json against in-process
// emulators; the whole local stack over HTTP. Plus the CDK stack checked against the topology, and
// the web app driven in a real browser.
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'handlers',
          sequence: { groupOrder: 1 },
          include: ['test/handlers/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true', TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 2 },
          include: ['test/integration/**/*.test.ts', 'test/http/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Each file runs a whole local stack; two at a time is what two cores carry.
          maxWorkers: 2,
          // The web app those stacks serve, built once for the run instead of once per stack.
          globalSetup: ['test/support/web-bundle-setup.ts'],
        },
      },
      // Synthesizing the app (in beforeAll) takes seconds, more on two busy cores.
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, sequence: { groupOrder: 3 } } },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 4 },
          // The web app in Debian's Chromium (scripts/ensure-chromium.sh), on the local stack.
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/browser-setup.ts', 'test/support/web-bundle-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file runs its own local stack (free ports, its own data directory) and its own
          // Chromium: two at a time, as the integration files, so both cores work through a file's waits.
          maxWorkers: 2,
        },
      },
      // `npm run test:remote`: the HTTP suite against a deployed stack (TEST_BASE_URL).
      ...(process.env.TEST_BASE_URL
        ? [{ test: { name: 'remote', include: ['test/http/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, sequence: { groupOrder: 5 } } }]
        : []),
    ],
  },
});
