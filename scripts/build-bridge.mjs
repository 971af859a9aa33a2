// Builds the loopback bridge (a development and test tool, never shipped) into out/bridge:
// server.js for Node, client.js for the page.
import { build } from 'vite'

const quiet = { configFile: false, logLevel: 'warn' }

export async function buildBridge() {
  await build({
    ...quiet,
    build: {
      outDir: 'out/bridge',
      emptyOutDir: true,
      target: 'chrome120',
      lib: {
        entry: 'src/dev/bridge-client.ts',
        formats: ['iife'],
        name: 'chronotesBridge',
        fileName: () => 'client.js'
      }
    }
  })
  await build({
    ...quiet,
    build: {
      outDir: 'out/bridge',
      emptyOutDir: false,
      target: 'node20',
      ssr: 'src/dev/bridge-server.ts',
      rollupOptions: { output: { entryFileNames: 'server.js' } }
    }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) await buildBridge()
