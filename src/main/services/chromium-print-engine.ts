import { ChronotesError } from '../../shared/errors'
import type { PrintEngine } from './print-engine'

export interface ChromiumPrintOptions {
  /** The built print view's folder (out/renderer), served to the page from disk. */
  rendererDir: string
  /** The Chromium to print with: --chromium, CHROMIUM_PATH, or one found on the system. */
  executablePath?: string
}

/**
 * Prints the report view with a plain Chromium (playwright-core): the command line's engine,
 * and the tests'. To be completed by the PDF work.
 */
export function createChromiumPrintEngine(_options: ChromiumPrintOptions): PrintEngine {
  return {
    async print() {
      throw new ChronotesError('UNSUPPORTED', 'PDF export is not built yet.')
    },
    async close() {}
  }
}
