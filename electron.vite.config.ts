import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { electronCsp } from './electron/contract/csp'

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

export default defineConfig({
  main: {
    // The command line and the engine's process are built with the main process: what a packaged app ships.
    // The command line is the package's `bin`: it starts with a shebang.
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), fieldkit: resolve('electron/cli/fieldkit.ts'), 'engine-host': resolve('electron/engine-host/entry.ts'), 'index-worker': resolve('electron/engine/index/index-worker.ts'), 'capture-helper': resolve('native/capture-helper.ts') },
        output: { banner: (chunk) => (chunk.isEntry && chunk.name === 'fieldkit' ? '#!/usr/bin/env node' : '') },
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
