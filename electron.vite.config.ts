import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { chmodSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { electronCsp } from './electron/contract/csp'
import { MOVED_EXTRA_CA_CERTS } from './electron/engine/default-trust'
import { MALLOC_TUNABLES } from './electron/engine-host/malloc-tunables'

const CSP_PLACEHOLDER = '__ELECTRON_CSP__'

/** Fills index.html's CSP meta tag from the one definition in electron/contract/csp.ts (the dev server's own
 *  policy, which lets its hot-reload socket through, when served by it). */
function electronCspMeta(): Plugin {
  return {
    name: 'fieldkit:electron-csp',
    transformIndexHtml(html, context) {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html has no ${CSP_PLACEHOLDER} for its Content-Security-Policy.`)
      return html.replace(CSP_PLACEHOLDER, electronCsp(context.server ? process.env.ELECTRON_RENDERER_URL : undefined))
    },
  }
}

/** The command line runs as the package's `bin`, through its shebang: the file must be executable. */
function executableCommandLine(): Plugin {
  return {
    name: 'fieldkit:executable-command-line',
    writeBundle(options) {
      chmodSync(join(options.dir!, 'fieldkit.js'), 0o755)
    },
  }
}

/**
 * env -S expands ${GLIBC_TUNABLES}: a user's own tunables follow ours, and so win where they name the same one. It
 * moves NODE_EXTRA_CA_CERTS aside, so Node does not parse certificates as it starts; what speaks TLS trusts them
 * itself (engine/default-trust.ts).
 */
const COMMAND_LINE_SHEBANG = `#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS ${MOVED_EXTRA_CA_CERTS}=\${NODE_EXTRA_CA_CERTS} GLIBC_TUNABLES=${MALLOC_TUNABLES}:\${GLIBC_TUNABLES} node`

export default defineConfig({
  main: {
    // The command line and the engine's process are built with the main process: what a packaged app ships.
    // The command line is the package's `bin`: it starts with a shebang, which sets glibc's tunables (malloc-tunables.ts).
    plugins: [executableCommandLine()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), fieldkit: resolve('electron/cli/fieldkit.ts'), 'engine-host': resolve('electron/engine-host/entry.ts'), 'index-worker': resolve('electron/engine/index/index-worker.ts'), 'capture-helper': resolve('native/capture-helper.ts') },
        output: { banner: (chunk) => (chunk.isEntry && chunk.name === 'fieldkit' ? COMMAND_LINE_SHEBANG : '') },
      },
    },
  },
  preload: {
    // Sandboxed preloads must be CommonJS.
    build: { outDir: 'out/preload', rollupOptions: { input: { index: resolve('electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [vue(), electronCspMeta()],
    build: { outDir: resolve('out/renderer'), rollupOptions: { input: resolve('renderer/index.html') } },
  },
})
