import { BrowserWindow, session as sessions } from 'electron'
import { ChronotesError } from '../../shared/errors'
import { taskSignal, untilAborted } from '../services/abortable'
import {
  PRINT_TIME_LIMIT_MS,
  printCancelled,
  printFailed,
  printTimedOut,
  type PrintEngine,
  type PrintRequest
} from '../services/print-engine'
import { serveAppProtocol } from './app-protocol'
import { appRoot, pageUrl, type RendererLocation } from './main-window'
import { hardenSession, secureWebPreferences } from './security'

/** An in-memory session of its own: its network rules touch nothing of the main window's. */
const PARTITION = 'chronotes-print'
const LOAD_TIMEOUT_MS = 30_000

/**
 * The desktop app's print engine: a hidden, sandboxed window on report.html, printed with
 * printToPDF. The window's session refuses every request but the print view's own files, so a
 * note's remote image never leaves the machine (the view's CSP refuses it first).
 */
export function createElectronPrintEngine(location: RendererLocation): PrintEngine {
  const windows = new Set<BrowserWindow>()
  const viewUrl = pageUrl(location, 'report.html')
  const allowedRoot = appRoot(location)

  const printSession = sessions.fromPartition(PARTITION)
  hardenSession(printSession)
  // A session has its own protocol table: app:// must be served in this one too.
  if (!location.devServerUrl) serveAppProtocol(printSession.protocol, location.rendererDir)
  printSession.webRequest.onBeforeRequest((details, callback) => {
    const own = details.url.startsWith(allowedRoot) || details.url.startsWith('data:')
    callback({ cancel: !own })
  })

  async function print(request: PrintRequest): Promise<Uint8Array> {
    if (request.signal?.aborted) throw printCancelled()
    const task = taskSignal(request.signal, PRINT_TIME_LIMIT_MS)
    const stopError = () => {
      const why = task.stopped()
      return why === 'cancelled' ? printCancelled() : why === 'timed-out' ? printTimedOut(PRINT_TIME_LIMIT_MS) : null
    }
    // Each step loses the race against a cancel: a destroyed window need not settle what was pending on it.
    const step = <T>(work: () => Promise<T>): Promise<T> => {
      const stop = stopError()
      return stop ? Promise.reject(stop) : untilAborted(work(), task.signal)
    }
    const { preload: _preload, ...webPreferences } = secureWebPreferences('')
    const window = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      // A hidden window is throttled like a background tab unless told otherwise; the view must lay out now.
      webPreferences: { ...webPreferences, partition: PARTITION, backgroundThrottling: false }
    })
    windows.add(window)
    const stop = () => window.destroy()
    task.signal.addEventListener('abort', stop, { once: true })
    try {
      await step(() => window.loadURL(viewUrl))
      const result: unknown = await step(() =>
        window.webContents.executeJavaScript(
          // The model goes in as JSON, which is a JavaScript literal: nothing in it is evaluated.
          `(async () => {
            const deadline = Date.now() + ${LOAD_TIMEOUT_MS}
            while (typeof window.renderReport !== 'function') {
              if (Date.now() > deadline) throw new Error('The print view did not start.')
              await new Promise((resolve) => setTimeout(resolve, 20))
            }
            await window.renderReport(${JSON.stringify(request.model)})
            return true
          })()`
        )
      )
      if (result !== true) throw new Error('The print view did not finish its layout.')
      const pdf = await step(() => {
        request.onPrinting?.()
        return window.webContents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
          displayHeaderFooter: false,
          pageSize: request.pageSize,
          landscape: request.landscape
        })
      })
      const stopped = stopError()
      if (stopped) throw stopped
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    } catch (error) {
      const stopped = stopError()
      if (stopped) throw stopped
      if (error instanceof ChronotesError) throw error
      throw printFailed((error as Error).message ?? String(error), request.model)
    } finally {
      task.signal.removeEventListener('abort', stop)
      windows.delete(window)
      if (!window.isDestroyed()) window.destroy()
    }
  }

  return {
    print,
    async close() {
      for (const window of windows) if (!window.isDestroyed()) window.destroy()
      windows.clear()
    }
  }
}
