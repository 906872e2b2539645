import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      // Many unit tests run tshark beside the engine; on a loaded 2-core machine one tshark start can take seconds.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30000 } },
      // Lab and end-to-end tests share the machine's network namespaces and ports: one file at a time.
      { test: { name: 'lab', include: ['test/lab/**/*.test.ts'], fileParallelism: false, testTimeout: 60000, hookTimeout: 60000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60000, hookTimeout: 120000 } },
    ],
  },
})
