import type { ImportContext } from '@shared/codecs'
import type { ReadResult } from '@shared/codecs/types'

/** What the page sends the import worker: the file's bytes and how to read them. */
export interface ImportRequest {
  bytes: Uint8Array
  fileName: string
  /** ISO time: dates cross to a worker as strings. */
  now: string
  mapping?: ImportContext['mapping']
  format?: ImportContext['format']
}

export type ImportReply = { type: 'progress'; phase: 'reading' } | { type: 'done'; result: ReadResult }
