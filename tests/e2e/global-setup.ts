import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const at = (path: string) => join(root, path)

/**
 * The e2e tests drive the built renderer; they never build it (that is `npm run build`, which
 * typechecks first). The bridge client is small and built here when missing or older than its source.
 */
export default function globalSetup(): void {
  if (!existsSync(at('out/renderer/index.html')))
    throw new Error(
      'out/renderer/index.html is missing: build the renderer first (`npm run build`, or `npx electron-vite build`), then run `npx playwright test`.'
    )
  const client = at('out/bridge/client.js')
  const sources = ['src/dev/bridge-client.ts', 'src/shared/ipc.ts'].map(at).filter((file) => existsSync(file))
  const stale = !existsSync(client) || sources.some((file) => statSync(file).mtimeMs > statSync(client).mtimeMs)
  if (stale) execFileSync(process.execPath, [at('scripts/build-bridge.mjs')], { cwd: root, stdio: 'inherit' })
  if (!existsSync(client)) throw new Error(`node scripts/build-bridge.mjs did not produce ${client}`)
}
