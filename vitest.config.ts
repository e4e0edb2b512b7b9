import { defineConfig } from 'vitest/config';

// Unit tests cover pure code; integration tests start real peers (xrdp, dnsmasq, nftables, namespaces)
// and run one file at a time so their servers and namespaces never compete; so do the e2e tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/no-ambient-proxy.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/no-ambient-proxy.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The desktop app: the built renderer in Debian's Chromium (Playwright) with the real engine.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/no-ambient-proxy.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
