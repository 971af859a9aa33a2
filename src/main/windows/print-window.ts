import { ChronotesError } from '../../shared/errors'
import type { PrintEngine } from '../services/print-engine'
import type { RendererLocation } from './main-window'

/**
 * The desktop app's print engine: a hidden, sandboxed window on report.html, printed with
 * printToPDF. To be completed by the PDF work.
 */
export function createElectronPrintEngine(_location: RendererLocation): PrintEngine {
  return {
    async print() {
      throw new ChronotesError('UNSUPPORTED', 'PDF export is not built yet.')
    },
    async close() {}
  }
}
