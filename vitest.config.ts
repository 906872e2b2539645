import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // Lab and end-to-end tests share the machine's network namespaces and ports: one file at a time.
      { test: { name: 'lab', include: ['test/lab/**/*.test.ts'], fileParallelism: false, testTimeout: 60000, hookTimeout: 60000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60000, hookTimeout: 120000 } },
    ],
  },
})
