// npm run preview:web — the built renderer over the loopback bridge on 127.0.0.1, on the library
// named by CHRONOTES_LIBRARY (a fresh temporary folder if unset), usable as a browser app: files to
// import come from a file input, exports and PDFs arrive as downloads. A development tool: never shipped.
import { execSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildBridge } from './build-bridge.mjs'

const root = resolve(import.meta.dirname, '..')
process.chdir(root)
if (!existsSync('out/renderer/index.html') || process.argv.includes('--rebuild')) {
  execSync('npx electron-vite build', { stdio: 'inherit' })
}
await buildBridge()
const { startBridge } = await import(join(root, 'out/bridge/server.js'))

const libraryDir = process.env.CHRONOTES_LIBRARY || mkdtempSync(join(tmpdir(), 'chronotes-library-'))
const bridge = await startBridge({
  libraryDir: resolve(libraryDir),
  rendererDir: join(root, 'out/renderer'),
  clientScript: join(root, 'out/bridge/client.js'),
  datasetsDir: join(root, 'resources/datasets'),
  port: Number(process.env.PORT) || 0,
  // A browser app: import through a file input, exports and PDFs as downloads.
  browserFiles: true
})
console.log(`Chronotes preview: ${bridge.url}`)
console.log(`Library folder:    ${libraryDir}`)
console.log('Press Ctrl+C to stop.')
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void bridge.close().then(() => process.exit(0)))
}
