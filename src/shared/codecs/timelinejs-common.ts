/**
 * What every interchange reader and writer (TimelineJS, Timesketch, vis-timeline) does alike:
 * refuse a file that is too large, parse JSON without throwing, never let an exception escape a
 * reader, and pick the events a writer exports.
 */
import { crowdedJson } from '../model/json-crowding'
import type { TimelineDocument, TimelineItem } from '../model/schema'
import { MAX_IMPORT_BYTES, type FormatId, type ReadResult } from './types'

/** A failed result for text over the import limit; null when the text is within it. */
export function tooLarge(format: ReadResult['format'], text: string, fileName: string): ReadResult | null {
  if (text.length <= MAX_IMPORT_BYTES) return null
  const limit = Math.round(MAX_IMPORT_BYTES / 1024 / 1024)
  return {
    status: 'failed',
    format,
    problems: [{ file: fileName, message: `is larger than ${limit} MB, the most Chronotes will import from one file` }]
  }
}

/** Parses JSON text (with or without a byte-order mark); a problem when it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const crowded = crowdedJson(text)
  if (crowded) return { ok: false, message: crowded }
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) }
  } catch (error) {
    return { ok: false, message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` }
  }
}

/**
 * Runs a reader so that it cannot throw: its own checks turn bad input into problems, and this
 * catches what none foresaw (absurdly deep nesting overflowing the stack, a bug).
 */
export function guarded(format: FormatId, fileName: string, read: () => ReadResult): ReadResult {
  try {
    return read()
  } catch (error) {
    const detail = error instanceof RangeError ? 'it is nested too deeply or too large' : String(error)
    return { status: 'failed', format, problems: [{ file: fileName, message: `could not be read (${detail})` }] }
  }
}

/** The events a writer exports: the chosen ones, in the document's order. */
export function selectedItems(document: TimelineDocument, itemIds?: string[]): TimelineItem[] {
  if (!itemIds) return document.items
  const wanted = new Set(itemIds)
  return document.items.filter((item) => wanted.has(item.id))
}
