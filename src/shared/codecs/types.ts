/**
 * The contract every import/export format follows. Readers take a colleague's file as untrusted
 * text and return a document or problems; they never throw on bad input, never run anything
 * from the file, and never touch the open document (merging is src/shared/merge).
 */
import type { Problem } from '../model/problems'
import type { TimelineDocument } from '../model/schema'

export type FormatId =
  | 'chronotes'
  | 'csv'
  | 'timelinejs-json'
  | 'timelinejs-sheet'
  | 'timesketch-csv'
  | 'timesketch-jsonl'
  | 'vis-items'
  | 'markdown'

/**
 * The largest file any reader accepts; a larger one is refused with a clear message. Main (the
 * open dialog), the renderer (a dropped file) and the IPC contract all use this one constant.
 * A 100,000-event Chronotes file is about 127 MB, so the limit leaves it room.
 */
export const MAX_IMPORT_BYTES = 160 * 1024 * 1024

/** What a reader knows besides the text: the file's name and the import time (for provenance). */
export interface ReadContext {
  fileName: string
  now: Date
  /** For tabular files: how columns map to event fields, once the user has confirmed it. */
  mapping?: TableMapping
  /** How the file's bytes were decoded ("UTF-16LE (BOM)"), shown in a spreadsheet's mapping step. */
  encoding?: string
}

/** A column of a spreadsheet file can hold one of these event fields. */
export type EventField =
  | 'ignore'
  | 'id'
  | 'start'
  | 'end'
  | 'title'
  | 'description'
  | 'group'
  | 'tags'
  | 'confidence'
  | 'notes'
  | 'sourceTitle'
  | 'sourceOutlet'
  | 'sourceUrl'
  | 'sourcePublished'

export interface TableMapping {
  /** Column header (as in the file) → the field it holds. */
  columns: Record<string, EventField>
  /** For date columns where 03/04/2025 could be either: the order the user picked, per column. */
  dateOrder: Record<string, 'day-month' | 'month-day'>
}

/** A tabular file as read, before mapping: enough for the mapping step to show and ask. */
export interface TablePreview {
  delimiter: string
  encoding: string
  headers: string[]
  /** The first rows, for the user to see what each column holds. */
  sample: string[][]
  rowCount: number
  /** Date columns whose values could be day/month or month/day. */
  ambiguousDateColumns: string[]
}

export type ReadResult =
  /** A document; `problems` are records that could not be read and were left out. */
  | { status: 'ok'; format: FormatId; document: TimelineDocument; problems: Problem[] }
  /** A spreadsheet whose columns the user must confirm (pre-filled with `suggested`). */
  | { status: 'needs-mapping'; format: FormatId; preview: TablePreview; suggested: TableMapping; problems: Problem[] }
  /** Nothing could be read. */
  | { status: 'failed'; format: FormatId | null; problems: Problem[] }

export interface Reader {
  format: FormatId
  label: string
  extensions: string[]
  /** How sure (0–1) that this text is this format; the import picks the surest reader. */
  sniff(text: string, fileName: string): number
  read(text: string, context: ReadContext): ReadResult
}

export interface WriteOptions {
  /** The events to write; by default all of the document's. */
  itemIds?: string[]
}

export interface Writer {
  format: FormatId
  label: string
  extension: string
  mimeType: string
  write(document: TimelineDocument, options?: WriteOptions): string
}
