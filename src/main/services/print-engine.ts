/**
 * Prints the report view to PDF. The desktop app prints with a hidden Electron window; the
 * command line and the tests print the same view with a plain Chromium. Both load the built
 * `report.html`, hand it the report model, wait until it says it is laid out, and print.
 */
import { ChronotesError } from '../../shared/errors'
import { countOf } from '../../shared/count'
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

/**
 * The steps of a print, in order. Each one waits on the browser and each one loses the race
 * against a cancel or the time limit; `launch` happens once per engine, at its first print.
 */
export const PRINT_STAGES = ['launch', 'context', 'page', 'navigate', 'view', 'layout', 'pdf'] as const
export type PrintStage = (typeof PRINT_STAGES)[number]

/** A print as a whole may take this long: a thousand annotated events take about 8 s. */
export const PRINT_TIME_LIMIT_MS = 10 * 60_000

/**
 * A print that failed on its own (not cancelled, not out of time). A report of many thousand
 * events is what makes the print view give out (its page closes mid-layout), so the message says
 * how large it was and what to do, as well as what the browser said.
 */
export function printFailed(detail: string, model: ReportModel): ChronotesError {
  const events = model.entries.length
  const advice =
    events >= LARGE_REPORT_EVENTS
      ? ` A report of ${countOf(events, 'event')} may be more than the print view can lay out: export fewer (a filter, a date range or the selected events).`
      : ''
  return new ChronotesError('INTERNAL', `The report could not be printed: ${detail}. Nothing was written.${advice}`)
}

/** From this many events a failed print is most likely the report's size (10,000 do not print within the limit). */
const LARGE_REPORT_EVENTS = 5_000

export function printCancelled(): ChronotesError {
  return new ChronotesError('CANCELLED', 'The PDF export was cancelled.')
}

export function printTimedOut(limitMs: number): ChronotesError {
  const seconds = limitMs >= 10_000 ? Math.round(limitMs / 1000) : limitMs / 1000
  return new ChronotesError(
    'TIMEOUT',
    `The PDF export was stopped after ${seconds} s without finishing. Nothing was written; try again, or export fewer events.`
  )
}
