import { ChronotesError, plainIoError } from '../../shared/errors'
import type { ChronotesApi } from '../../shared/ipc'
import type { TimelineDocument } from '../../shared/model/schema'
import { buildReportModel } from '../../shared/report/build-model'
import type { ExportedReport, ReportOptions } from '../../shared/report/options'
import { rememberWritten, withExtension } from '../ipc/files'
import { truncateUtf8, writeFileVerified } from './fs-utils'
import { MAX_NAME_BYTES } from './library-paths'
import { countPdfPages } from './pdf-pages'
import { printCancelled, type PrintEngine } from './print-engine'

export interface ExportProgress {
  stage: string
  done: number
  total: number
}

export interface ReportServiceOptions {
  engine: () => PrintEngine
  /** Where to save the PDF, asked of the user; null if they cancelled. */
  chooseTarget(suggestedName: string): Promise<string | null>
  onProgress?(progress: ExportProgress): void
  /** The export date printed in the title block; the clock by default. */
  now?: () => Date
}

/** The stages the user sees, in order; `done` counts the stages finished. */
export const EXPORT_STAGES = ['Laying out', 'Printing', 'Writing'] as const

/**
 * Exports a document's annotated report as a PDF file: builds the report model, asks where to
 * save it, prints it with a fresh engine (closed after), and writes it atomically. It is handed
 * the document as the renderer has it, so nothing needs saving first.
 */
export class ReportService implements Pick<ChronotesApi['reports'], 'exportPdf' | 'cancel'> {
  private readonly running = new Set<AbortController>()

  constructor(private readonly options: ReportServiceOptions) {}

  async exportPdf(document: TimelineDocument, options: ReportOptions): Promise<ExportedReport | null> {
    // Registered first, so that a cancel that comes while the report is laid out is not lost.
    const controller = new AbortController()
    const { signal } = controller
    this.running.add(controller)
    const progress = (done: number) =>
      this.options.onProgress?.({ stage: EXPORT_STAGES[done] ?? 'Done', done, total: EXPORT_STAGES.length })
    let engine: PrintEngine | null = null
    try {
      const model = buildReportModel(document, options, (this.options.now ?? (() => new Date()))())
      const chosen = await this.options.chooseTarget(suggestedFileName(options.title))
      if (!chosen) return null
      if (signal.aborted) throw printCancelled()
      // A PDF is written only as a .pdf: a name typed without it (or with another, say ".hta")
      // would not open as a PDF, and "Open PDF" must never run a program.
      const path = withExtension(chosen, '.pdf')
      progress(0)
      engine = this.options.engine()
      const pdf = await engine.print({
        model,
        pageSize: options.pageSize,
        landscape: options.landscape,
        signal,
        onPrinting: () => progress(1)
      })
      if (signal.aborted) throw printCancelled()
      progress(2)
      await writeFileVerified(path, Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)).catch((error: unknown) => {
        throw plainIoError(error, `Writing the PDF to ${path}`, 'No file was replaced.')
      })
      // The files domain opens only what the app wrote: this PDF may now be opened ("Open PDF").
      rememberWritten(path)
      progress(3)
      return { path, pages: countPdfPages(pdf), bytes: pdf.byteLength }
    } catch (error) {
      if (signal.aborted) throw printCancelled()
      if (error instanceof ChronotesError) throw error
      throw new ChronotesError('INTERNAL', `The PDF could not be made: ${(error as Error).message ?? String(error)}`)
    } finally {
      this.running.delete(controller)
      await engine?.close().catch(() => {})
    }
  }

  /** Stops every export under way; each one's exportPdf rejects with CANCELLED, and nothing is written. */
  async cancel(): Promise<void> {
    for (const controller of this.running) controller.abort()
  }
}

/** "US–Ukraine intelligence cooperation, 2014–2025.pdf": the title, without what file names cannot hold. */
export function suggestedFileName(title: string): string {
  const name = title
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  // At most 120 characters, and a name a file system takes (255 bytes; a CJK letter is three).
  const short = truncateUtf8(Array.from(name).slice(0, 120).join(''), MAX_NAME_BYTES - 4).trim()
  return `${short || 'Timeline'}.pdf`
}
