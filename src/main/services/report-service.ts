import { ChronotesError } from '../../shared/errors'
import type { ChronotesApi } from '../../shared/ipc'
import type { PrintEngine } from './print-engine'

export interface ReportServiceOptions {
  engine: () => PrintEngine
  /** Where to save the PDF, asked of the user; null if they cancelled. */
  chooseTarget(suggestedName: string): Promise<string | null>
  onProgress?(progress: { stage: string; done: number; total: number }): void
}

/** Exports a document's annotated report as a PDF file. To be completed by the PDF work. */
export class ReportService implements Pick<ChronotesApi['reports'], 'exportPdf' | 'cancel'> {
  constructor(private readonly options: ReportServiceOptions) {}

  async exportPdf(): Promise<never> {
    void this.options
    throw new ChronotesError('UNSUPPORTED', 'PDF export is not built yet.')
  }

  async cancel(): Promise<void> {}
}
