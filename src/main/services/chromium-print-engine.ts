import { access, readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Browser, BrowserContext, Route } from 'playwright-core'
import { ChronotesError } from '../../shared/errors'
import type { ReportModel } from '../../shared/report/model'
import { findChromium } from './find-chromium'
import type { PrintEngine, PrintRequest } from './print-engine'

export interface ChromiumPrintOptions {
  /** The built print view's folder (out/renderer), served to the page from disk. */
  rendererDir: string
  /** The Chromium to print with: --chromium, CHROMIUM_PATH, or one found on the system. */
  executablePath?: string
  /** Sees every request the page made: `served` is false for each one refused (all but the report's own files). */
  onRequest?(url: string, served: boolean): void
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
        const launched = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
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
    const { signal } = request
    const cancelled = () => new ChronotesError('CANCELLED', 'The PDF export was cancelled.')
    if (closed) throw new ChronotesError('INTERNAL', 'This print engine is closed.')
    if (signal?.aborted) throw cancelled()
    const view = join(options.rendererDir, 'report.html')
    await access(view).catch(() => {
      throw new ChronotesError(
        'INTERNAL',
        `The print view is missing: ${view} was not found. Build it with \`npx electron-vite build\`.`
      )
    })
    const context = await (await launch()).newContext({ viewport: { width: 900, height: 1200 } })
    contexts.add(context)
    const stop = () => void context.close().catch(() => {})
    signal?.addEventListener('abort', stop, { once: true })
    const pageErrors: string[] = []
    try {
      if (signal?.aborted) throw cancelled()
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.route('**/*', serve)
      await page.goto(`${REPORT_ORIGIN}/report.html`)
      // Module scripts have run by the load event; a view that failed there will not recover.
      const ready = () => typeof (globalThis as { renderReport?: unknown }).renderReport === 'function'
      if (!(await page.evaluate(ready)))
        await (
          pageErrors.length
            ? Promise.reject(new Error('failed'))
            : page.waitForFunction(ready, undefined, { timeout: LOAD_TIMEOUT_MS })
        ).catch((error: unknown) => {
          if (signal?.aborted) throw error
          throw new ChronotesError('INTERNAL', `The print view did not start${describe(pageErrors)}.`)
        })
      await page.evaluate(
        (model) => (globalThis as unknown as { renderReport: RenderReport }).renderReport(model),
        request.model
      )
      if (signal?.aborted) throw cancelled()
      request.onPrinting?.()
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        format: request.pageSize,
        landscape: request.landscape,
        tagged: true,
        outline: true
      })
      if (signal?.aborted) throw cancelled()
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    } catch (error) {
      if (signal?.aborted) throw cancelled()
      if (error instanceof ChronotesError) throw error
      throw new ChronotesError(
        'INTERNAL',
        `The report could not be printed: ${firstLine(error)}${describe(pageErrors)}`
      )
    } finally {
      signal?.removeEventListener('abort', stop)
      contexts.delete(context)
      await context.close().catch(() => {})
    }
  }

  return {
    print,
    async close() {
      closed = true
      const running = browser
      browser = null
      await Promise.all([...contexts].map((context) => context.close().catch(() => {})))
      if (running) await (await running.catch(() => null))?.close()
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}

function describe(pageErrors: string[]): string {
  return pageErrors.length ? ` (the page said: ${pageErrors.slice(0, 3).join('; ')})` : ''
}
