import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src/shared/csp'

/** The strict CSP goes into built pages only: the dev server's hot reload needs inline styles. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'chronotes-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend'
      }
    ]
  }
}

const shared = { '@shared': resolve('src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload cannot require() from node_modules, and must be CommonJS.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    resolve: { alias: { ...shared, '@renderer': resolve('src/renderer/src') } },
    plugins: [vue(), contentSecurityPolicy()],
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html'), report: resolve('src/renderer/report.html') }
      }
    }
  }
})
