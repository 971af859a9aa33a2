import type { FormatId, ReadContext, ReadResult } from './types'

/**
 * Runs a reader's work so that it cannot throw: a reader's own checks turn bad input into
 * problems, and this is the net under them for what no check foresaw (a stack overflow on absurd
 * nesting, a bug), so that one bad file never takes the import, or the app, down with it.
 */
export function readSafely(format: FormatId, context: ReadContext, read: () => ReadResult): ReadResult {
  try {
    return read()
  } catch (error) {
    const detail =
      error instanceof RangeError ? 'it is nested too deeply or too large' : error instanceof Error ? error.message : ''
    return {
      status: 'failed',
      format,
      problems: [{ file: context.fileName, message: `could not be read${detail ? ` (${detail})` : ''}` }]
    }
  }
}
