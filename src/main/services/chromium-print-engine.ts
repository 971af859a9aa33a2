import { access, readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Browser, BrowserContext, Route } from 'playwright-core'
import { ChronotesError } from '../../shared/errors'
import type { ReportModel } from '../../shared/report/model'
import { findChromium } from './find-chromium'
import { settlesWithin, taskSignal, untilAborted } from './abortable'
import {
  PRINT_TIME_LIMIT_MS,
  printCancelled,
  printFailed,
  printTimedOut,
  type PrintEngine,
  type PrintRequest,
  type PrintStage
} from './print-engine'

export interface ChromiumPrintOptions {
  /** The built print view's folder (out/renderer), served to the page from disk. */
  rendererDir: string
  /** The Chromium to print with: --chromium, CHROMIUM_PATH, or one found on the system. */
  executablePath?: string
  /** Sees every request the page made: `served` is false for each one refused (all but the report's own files). */
  onRequest?(url: string, served: boolean): void
  /** Sees each step of a print begin, while it is under way (tests cancel there). */
  onStage?(stage: PrintStage): void
  /** How long one print may take before it is stopped with a TIMEOUT error. */
  timeLimitMs?: number
}

/** The origin the report page is served from: a name that never reaches a network. */
export const REPORT_ORIGIN = 'http://chronotes.report'

/** Flags that keep a headless Chromium quiet on a machine without a network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json'
}

/** How long the page may take to define renderReport after it loaded. */
const LOAD_TIMEOUT_MS = 30_000
/** How long closing may keep a caller waiting: a browser that does not answer is left behind. */
const CLOSE_WAIT_MS = 5_000
/** Playwright's own launch limit is three minutes; a Chromium that has not started by this will not. */
const LAUNCH_TIMEOUT_MS = 60_000

type RenderReport = (model: ReportModel) => Promise<{ pages?: number } | undefined>

/**
 * Prints the report view with a plain Chromium (playwright-core): the command line's engine, and
 * the tests'. The page and its assets are served from rendererDir through a route on a made-up
 * origin; every other request is refused there, so a note's remote image can never leave the
 * machine (the page's CSP refuses it first). One browser per engine, launched at the first print.
 */
export function createChromiumPrintEngine(options: ChromiumPrintOptions): PrintEngine {
  let browser: Promise<Browser> | null = null
  const contexts = new Set<BrowserContext>()
  let closed = false

  function launch(): Promise<Browser> {
    browser ??= (async () => {
      const executablePath = options.executablePath ?? findChromium()
      try {
        // Loaded when first needed: it takes a second, which every other command would pay.
        const { chromium } = await import('playwright-core')
        const launched = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS })
        launched.on('disconnected', () => (browser = null))
        return launched
      } catch (error) {
        browser = null
        throw new ChronotesError(
          'NO_PRINTER',
          `Chromium at ${executablePath} could not be started: ${firstLine(error)}`
        )
      }
    })()
    return browser
  }

  async function serve(route: Route): Promise<void> {
    const url = new URL(route.request().url())
    if (url.origin !== REPORT_ORIGIN) {
      options.onRequest?.(url.href, false)
      return route.abort('blockedbyclient')
    }
    options.onRequest?.(url.href, true)
    // URL parsing has resolved dot segments; normalize and the prefix check catch encoded ones.
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '')
    const file = join(options.rendererDir, relative)
    if (!file.startsWith(join(options.rendererDir, sep))) return route.fulfill({ status: 403, body: '' })
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return route.fulfill({ status: 404, body: '' })
    }
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body })
  }

  async function print(request: PrintRequest): Promise<Uint8Array> {
    if (closed) throw new ChronotesError('INTERNAL', 'This print engine is closed.')
    if (request.signal?.aborted) throw printCancelled()
    const limit = options.timeLimitMs ?? PRINT_TIME_LIMIT_MS
    const task = taskSignal(request.signal, limit)
    const stopError = () => {
      const why = task.stopped()
      return why === 'cancelled' ? printCancelled() : why === 'timed-out' ? printTimedOut(limit) : null
    }
    /** One step of the print: it starts, the hook sees it under way, and it loses to a cancel. */
    const step = <T>(stage: PrintStage, work: () => Promise<T>, dispose?: (late: T) => unknown): Promise<T> => {
      const stop = stopError()
      if (stop) return Promise.reject(stop)
      const pending = work()
      options.onStage?.(stage)
      return untilAborted(pending, task.signal, dispose)
    }
    const view = join(options.rendererDir, 'report.html')
    await access(view).catch(() => {
      throw new ChronotesError(
        'INTERNAL',
        `The print view is missing: ${view} was not found. Build it with \`npx electron-vite build\`.`
      )
    })
    const pageErrors: string[] = []
    let context: BrowserContext | null = null
    // Closing the context also ends what runs in it (a long layout, page.pdf) at once.
    const closeContext = () => void context?.close().catch(() => {})
    task.signal.addEventListener('abort', closeContext, { once: true })
    try {
      const running = await step('launch', launch)
      context = await step(
        'context',
        () => running.newContext({ viewport: { width: 900, height: 1200 } }),
        (late) => late.close().catch(() => {})
      )
      contexts.add(context)
      const page = await step('page', () => context!.newPage())
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await step('navigate', async () => {
        await page.route('**/*', serve)
        await page.goto(`${REPORT_ORIGIN}/report.html`)
      })
      // Module scripts have run by the load event; a view that failed there will not recover.
      const ready = () => typeof (globalThis as { renderReport?: unknown }).renderReport === 'function'
      await step('view', async () => {
        if (await page.evaluate(ready)) return
        if (pageErrors.length) throw viewDidNotStart(pageErrors)
        await page
          .waitForFunction(ready, undefined, { timeout: LOAD_TIMEOUT_MS })
          .catch(() => Promise.reject(viewDidNotStart(pageErrors)))
      })
      await step('layout', () =>
        page.evaluate(
          (model) => (globalThis as unknown as { renderReport: RenderReport }).renderReport(model),
          request.model
        )
      )
      const pdf = await step('pdf', () => {
        request.onPrinting?.()
        return page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: false,
          format: request.pageSize,
          landscape: request.landscape,
          tagged: true,
          outline: true
        })
      })
      const stop = stopError()
      if (stop) throw stop
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    } catch (error) {
      const stop = stopError()
      if (stop) throw stop
      if (error instanceof ChronotesError) throw error
      throw printFailed(`${firstLine(error)}${describe(pageErrors)}`, request.model)
    } finally {
      task.signal.removeEventListener('abort', closeContext)
      if (context) {
        contexts.delete(context)
        const closing = context.close()
        // A cancelled print answers at once; its context closes behind it.
        if (!task.stopped()) await settlesWithin(closing, CLOSE_WAIT_MS)
        else void closing.catch(() => {})
      }
    }
  }

  return {
    print,
    async close() {
      closed = true
      const running = browser
      browser = null
      await settlesWithin(Promise.all([...contexts].map((context) => context.close())), CLOSE_WAIT_MS)
      // A launch still under way is closed when it ends; closing never waits on it for long.
      const closing = running?.then((launched) => launched.close())
      if (closing) await settlesWithin(closing, CLOSE_WAIT_MS)
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}

function viewDidNotStart(pageErrors: string[]): ChronotesError {
  return new ChronotesError('INTERNAL', `The print view did not start${describe(pageErrors)}.`)
}

function describe(pageErrors: string[]): string {
  return pageErrors.length ? ` (the page said: ${pageErrors.slice(0, 3).join('; ')})` : ''
}
