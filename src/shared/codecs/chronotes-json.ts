/**
 * Chronotes' own file, read and written losslessly. An imported Chronotes file keeps its own ids
 * and gets no provenance here: its ids are how a merge recognises a colleague's copy of an event,
 * and the merge records where each event it takes came from.
 */
import { readDocument, serializeDocument } from '../model/document'
import type { TimelineDocument } from '../model/schema'
import { readSafely } from './guard'
import { withoutBom } from './text'
import type { Reader, WriteOptions, Writer } from './types'

export const chronotesReader: Reader = {
  format: 'chronotes',
  label: 'Chronotes timeline',
  extensions: ['.chronotes.json', '.json'],
  sniff(text, fileName) {
    const head = withoutBom(text).slice(0, 4096)
    if (!/^\s*\{/.test(head)) return 0
    // Keys are written in schema order, so "format" is near the top of any file Chronotes wrote.
    if (/"format"\s*:\s*"chronotes"/.test(head)) return 1
    return fileName.toLowerCase().endsWith('.chronotes.json') ? 0.8 : 0.1
  },
  read(text, context) {
    return readSafely('chronotes', context, () => {
      const result = readDocument(text, context.fileName)
      return result.ok
        ? { status: 'ok', format: 'chronotes', document: result.document, problems: [] }
        : { status: 'failed', format: 'chronotes', problems: result.problems }
    })
  }
}

export const chronotesWriter: Writer = {
  format: 'chronotes',
  label: 'Chronotes timeline',
  extension: '.chronotes.json',
  mimeType: 'application/json',
  write(document, options) {
    return serializeDocument(selectItems(document, options))
  }
}

/** The document with only the chosen events (every lane stays, so that their ids still resolve). */
export function selectItems(document: TimelineDocument, options?: WriteOptions): TimelineDocument {
  if (!options?.itemIds) return document
  const wanted = new Set(options.itemIds)
  return { ...document, items: document.items.filter((item) => wanted.has(item.id)) }
}
