/**
 * The e2e fixture: a fresh library folder per test, the loopback bridge serving the built renderer
 * on it (127.0.0.1, a free port), and a page that fails the test on any script error, console
 * error or request leaving this machine.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { startBridge, type Bridge, type BridgeOptions } from '../../src/dev/bridge-server'

export const root = resolve(import.meta.dirname, '../..')
export const datasetsDir = join(root, 'resources/datasets')
export const DATASET_FILE = 'us-ukraine-intelligence-2014-2025.chronotes.json'
export const DATASET_TITLE = 'US–Ukraine intelligence cooperation, 2014–2025'

interface RestartableBridge extends Bridge {
  /** Flushes the page, waits for `flushAnswered`, stops, and starts again on the same folder and port. */
  restart(flushAnswered: Promise<void>): Promise<void>
}

/** Console messages that are not the app's fault. */
const IGNORED_CONSOLE = [
  // vis-timeline says so once per timeline; its contents are built from escaped text (vis-items.ts).
  /You disabled XSS protection/
]

interface Fixtures {
  /** Files written into the library folder before the bridge starts (name → contents). */
  libraryFiles: Record<string, string | Buffer>
  /** A fresh temporary library folder, removed after the test. */
  libraryDir: string
  /** The running bridge; after restart() it is the new one (same port, same URL). */
  bridge: Bridge
  /** Quits and starts again as the desktop app would: flush the page's edits, stop, start on the same folder. */
  restart: () => Promise<void>
  /** Requests the page made to anywhere but 127.0.0.1 (the test fails on any). */
  foreignRequests: string[]
}

export const test = base.extend<Fixtures>({
  libraryFiles: [{}, { option: true }],

  libraryDir: async ({ libraryFiles }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-e2e-'))
    for (const [name, contents] of Object.entries(libraryFiles)) await writeFile(join(dir, name), contents)
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },

  bridge: async ({ libraryDir }, use) => {
    const options: BridgeOptions = {
      libraryDir,
      datasetsDir,
      rendererDir: join(root, 'out/renderer'),
      clientScript: join(root, 'out/bridge/client.js'),
      authorName: 'E2E Researcher'
    }
    let current = await startBridge(options)
    const port = Number(new URL(current.url).port)
    // A stable handle: tests keep it across restart().
    const handle: RestartableBridge = {
      get url() {
        return current.url
      },
      get library() {
        return current.library
      },
      get externalRequests() {
        return current.externalRequests
      },
      get dialogs() {
        return current.dialogs
      },
      get openedPaths() {
        return current.openedPaths
      },
      requestFlush: () => current.requestFlush(),
      emit: (event, payload) => current.emit(event, payload),
      close: () => current.close(),
      async restart(flushAnswered) {
        await current.requestFlush()
        await flushAnswered
        await current.close()
        current = await startBridge({ ...options, port })
      }
    }
    await use(handle)
    await current.close()
  },

  restart: async ({ bridge, page }, use) => {
    await use(async () => {
      // The page says "flushed" and the bridge stops at once, as main quits: the page's call must
      // get its answer first, or the page sees a failed fetch that a quitting app never would.
      const answered = page
        .waitForResponse((response) => decodeURIComponent(new URL(response.url()).pathname).endsWith('/app:flushed'), {
          timeout: 15_000
        })
        .then(() => undefined)
      await (bridge as RestartableBridge).restart(answered)
    })
  },

  foreignRequests: async ({}, use) => {
    await use([])
  },

  // The page depends on the bridge, so it is checked and closed before the bridge stops.
  page: async ({ page, bridge, foreignRequests }, use) => {
    void bridge
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const text = message.text()
      if (IGNORED_CONSOLE.some((pattern) => pattern.test(text))) return
      // Chromium asks for a favicon the app does not have.
      if (/\/favicon\.ico$/.test(message.location().url)) return
      problems.push(`console error: ${text} (${message.location().url})`)
    })
    // Code generated from strings (eval, new Function) is refused by the CSP; nothing may even try.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        if (event.blockedURI === 'eval' || event.blockedURI === 'wasm-eval')
          console.error(`CSP: code generation attempted at ${event.sourceFile}:${event.lineNumber}`)
      })
    })
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return
      if (url.hostname !== '127.0.0.1') foreignRequests.push(request.url())
    })
    await use(page)
    expect(problems, 'the page had errors').toEqual([])
    expect(foreignRequests, 'requests left 127.0.0.1').toEqual([])
  }
})

export { expect }

/** Opens the app and waits until the library has loaded. */
export async function openApp(page: Page, bridge: Bridge): Promise<void> {
  await page.goto(bridge.url)
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.entry-open').first()).toBeVisible()
}

/**
 * Opens the app and, from the library, a synthetic timeline too full to draw every event
 * (titled as `syntheticDocument` titles it, "Synthetic 3000"): waits until all its 8 lanes show their counts.
 */
export async function openCrowded(page: Page, bridge: Bridge, title: string): Promise<void> {
  await openApp(page, bridge)
  await page.getByRole('navigation', { name: 'Library' }).getByText(title).click()
  await expect(page.locator('.timeline .lane-count')).toHaveCount(8)
}

/**
 * Holds the page's requests to open a document until `release`: what the window shows meanwhile
 * is what a researcher sees for seconds while a large timeline is read. `release` first waits for
 * a request to be held (the window may ask only after its outline, or after a screen the test
 * saw), so a test never lets through a request not yet made, which would then be held for good.
 */
export async function holdDocumentOpens(page: Page): Promise<{ release: () => Promise<void> }> {
  const held: (() => void)[] = []
  let arrived = () => {}
  let next = new Promise<void>((resolve) => (arrived = resolve))
  await page.route(
    (url) => url.pathname.endsWith('/documents%3Aopen'),
    async (route) => {
      await new Promise<void>((resolve) => {
        held.push(resolve)
        arrived()
      })
      await route.continue()
    }
  )
  return {
    release: async () => {
      await next
      next = new Promise<void>((resolve) => (arrived = resolve))
      held.splice(0).forEach((resolve) => resolve())
    }
  }
}

/**
 * Holds the page's wait for the library's event counts (`library.counted`) until `release`: the list
 * shows a large timeline new to it as "Counting events…" meanwhile, however fast the count is.
 */
export async function holdEventCounts(page: Page): Promise<{ release: () => void }> {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(
    (url) => url.pathname.endsWith('/library%3Acounted'),
    async (route) => {
      await held
      await route.continue()
    }
  )
  return { release }
}

/** A screenshot of the state a test has reached, in its folder under test-results/ (gitignored). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  return path
}

export async function readJson<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T
}

/** The library's document files, sorted. */
export async function documentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.chronotes.json')).sort()
}
