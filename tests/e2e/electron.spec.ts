/**
 * The one smoke test of the real desktop app (out/main/index.js in Electron), where an Electron
 * binary exists. It never lets Electron download one: `require('electron')` does that lazily when
 * the binary is missing, so the path is worked out here the way node_modules/electron/index.js
 * does, without calling it, and the test is skipped (saying why) when there is nothing to run.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { DATASET_FILE, DATASET_TITLE, root } from './fixtures'

const electronPackage = join(root, 'node_modules/electron')

/** The executable's path inside a dist folder, as electron/install.js names it. */
function platformPath(): string | null {
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'win32':
      return 'electron.exe'
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron'
    default:
      return null
  }
}

/** The Electron binary to launch, or why there is none. Never downloads. */
function findElectron(): { path: string } | { reason: string } {
  const pathFile = join(electronPackage, 'path.txt')
  const inside = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformPath()
  if (!inside) return { reason: `Electron has no build for ${process.platform}` }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) {
    const path = join(override, inside)
    return existsSync(path) ? { path } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` }
  }
  const path = join(electronPackage, 'dist', inside)
  if (existsSync(path)) return { path }
  return { reason: `${path} does not exist and ELECTRON_OVERRIDE_DIST_PATH is not set` }
}

function whyNot(): string | null {
  const found = findElectron()
  if ('reason' in found)
    return `No Electron binary on this machine (${found.reason}); the app is launched in e2e only where one exists`
  if (!existsSync(join(root, 'out/main/index.js'))) return 'out/main/index.js is missing: run `npm run build` first'
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'])
    return 'Electron needs a display and neither DISPLAY nor WAYLAND_DISPLAY is set (run under xvfb-run)'
  return null
}

test('the desktop app starts, seeds a fresh library and shows the dataset', async ({}, testInfo) => {
  // Skipped, saying why, where there is no Electron binary (it is never downloaded), no build,
  // or no display: whyNot() names which. Everywhere else it runs the real app.
  const reason = whyNot()
  if (reason) console.log(`[electron smoke] skipped: ${reason}`)
  test.skip(reason !== null, `The real desktop app cannot be launched here: ${reason}`)
  const executablePath = (findElectron() as { path: string }).path

  // A fresh home: its own settings (userData) and its own library in ~/Documents/Chronotes.
  const home = await mkdtemp(join(tmpdir(), 'chronotes-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
  delete env['ELECTRON_RENDERER_URL']
  delete env['ELECTRON_RUN_AS_NODE']
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') })

  const app = await electron.launch({
    executablePath,
    args: [join(root, 'out/main/index.js')],
    cwd: root,
    env,
    timeout: 30_000
  })
  try {
    const window = await app.firstWindow()
    const library = window.getByRole('navigation', { name: 'Library' })
    await expect(library.locator('.entry-title', { hasText: DATASET_TITLE })).toBeVisible({ timeout: 15_000 })
    await expect(window.locator('.statusbar')).toContainText('88 events · 8 lanes')
    expect(await window.title()).toContain('Chronotes')
    await window.screenshot({ path: testInfo.outputPath('electron.png') })
    expect(await readdir(join(home, 'Documents', 'Chronotes'))).toContain(DATASET_FILE)
  } finally {
    await app.close()
    await rm(home, { recursive: true, force: true })
  }
})
