/**
 * Prints the report view to PDF. The desktop app prints with a hidden Electron window; the
 * command line and the tests print the same view with a plain Chromium. Both load the built
 * `report.html`, hand it the report model, wait until it says it is laid out, and print.
 */
import type { ReportModel } from '../../shared/report/model'

export interface PrintRequest {
  model: ReportModel
  pageSize: 'A4' | 'Letter'
  landscape: boolean
  /** Aborts the print; the engine rejects with a CANCELLED ChronotesError. */
  signal?: AbortSignal
  /** Called when the view is laid out and printing begins (for the progress the user sees). */
  onPrinting?(): void
}

export interface PrintEngine {
  print(request: PrintRequest): Promise<Uint8Array>
  close(): Promise<void>
}
