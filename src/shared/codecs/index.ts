/**
 * Every import and export format, and the one way in for a colleague's file: `importFile` takes
 * its bytes, refuses what is too large, decodes the text, picks the reader (the one the user
 * forced, or the one surest of the content, the file's extension breaking ties) and returns what
 * it read. Nothing here touches the open document.
 */
import type { TimelineDocument } from '../model/schema'
import { chronotesReader, chronotesWriter } from './chronotes-json'
import { csvReader, csvWriter } from './csv'
import { markdownWriter } from './markdown'
import { markdownReader } from './markdown-reader'
import { decodeText } from './text'
import { timelineJsJsonReader, timelineJsJsonWriter } from './timelinejs'
import { timelineJsSheetReader, timelineJsSheetWriter } from './timelinejs-sheet'
import { timesketchCsvReader, timesketchCsvWriter, timesketchJsonlReader, timesketchJsonlWriter } from './timesketch'
import {
  MAX_IMPORT_BYTES,
  type FormatId,
  type ReadResult,
  type Reader,
  type TableMapping,
  type WriteOptions,
  type Writer
} from './types'
import { visItemsReader } from './vis-items'

export { decodeText } from './text'

export const READERS: readonly Reader[] = [
  chronotesReader,
  csvReader,
  timelineJsJsonReader,
  timelineJsSheetReader,
  timesketchCsvReader,
  timesketchJsonlReader,
  visItemsReader,
  markdownReader
]

export const WRITERS: readonly Writer[] = [
  chronotesWriter,
  csvWriter,
  timelineJsJsonWriter,
  timelineJsSheetWriter,
  timesketchCsvWriter,
  timesketchJsonlWriter,
  markdownWriter
]

export function readerFor(format: FormatId): Reader | undefined {
  return READERS.find((reader) => reader.format === format)
}

export function writerFor(format: FormatId): Writer | undefined {
  return WRITERS.find((writer) => writer.format === format)
}

export interface ImportContext {
  now: Date
  /** Read as this format instead of recognising it. */
  format?: FormatId
  /** For a spreadsheet: the mapping the user confirmed (see ReadResult 'needs-mapping'). */
  mapping?: TableMapping
}

/** "140 MB", "100.4 MB". */
function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/** Reads a colleague's file. Never throws; a file nothing can read comes back as problems. */
export function importFile(bytes: Uint8Array, fileName: string, context: ImportContext): ReadResult {
  const fail = (message: string, format: FormatId | null = null): ReadResult => ({
    status: 'failed',
    format,
    problems: [{ file: fileName, message }]
  })
  if (bytes.length > MAX_IMPORT_BYTES) {
    const size = megabytes(bytes.length)
    const limit = megabytes(MAX_IMPORT_BYTES)
    return fail(`is ${size === limit ? 'just over ' : ''}${size}; Chronotes imports files up to ${limit}`)
  }
  if (!bytes.length) return fail('is empty')

  const { text, encoding } = decodeText(bytes)
  const reader = context.format ? readerFor(context.format) : pickReader(text, fileName)
  if (!reader) {
    return context.format
      ? fail(`cannot be read as ${context.format}: Chronotes only writes that format`, context.format)
      : fail(`is not a file Chronotes can import. It reads ${READERS.map((r) => r.label).join(', ')}.`)
  }
  const readContext = { fileName, now: context.now, encoding, ...(context.mapping ? { mapping: context.mapping } : {}) }
  try {
    return reader.read(text, readContext)
  } catch (error) {
    // Readers do not throw; this is the last net, should one ever fail to keep that promise.
    return fail(
      `could not be read as ${reader.label} (${error instanceof Error ? error.message : String(error)})`,
      reader.format
    )
  }
}

/** The reader surest of the text; on a tie, the one whose extension the file name has (the longest match). */
export function pickReader(text: string, fileName: string): Reader | undefined {
  const name = fileName.toLowerCase()
  let best: { reader: Reader; score: number; extension: number } | undefined
  for (const reader of READERS) {
    let score = 0
    try {
      score = reader.sniff(text, fileName)
    } catch {
      score = 0
    }
    if (!(score > 0)) continue
    const extension = Math.max(
      0,
      ...reader.extensions.filter((e) => name.endsWith(e.toLowerCase())).map((e) => e.length)
    )
    if (!best || score > best.score || (score === best.score && extension > best.extension))
      best = { reader, score, extension }
  }
  return best?.reader
}

export interface ExportedFile {
  text: string
  /** With its dot: ".csv", ".chronotes.json". */
  extension: string
  mimeType: string
}

/** Writes the document (or the chosen events) in a format. Throws only for a format nothing writes. */
export function exportDocument(document: TimelineDocument, format: FormatId, options?: WriteOptions): ExportedFile {
  const writer = writerFor(format)
  if (!writer) throw new Error(`Chronotes cannot write ${format}`)
  return { text: writer.write(document, options), extension: writer.extension, mimeType: writer.mimeType }
}
