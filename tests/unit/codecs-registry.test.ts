/**
 * The way in for every file: size limit, decoding, picking the reader, and the way out (export).
 */
import { describe, expect, it } from 'vitest'
import {
  decodeText,
  exportDocument,
  importFile,
  pickReader,
  READERS,
  readerFor,
  WRITERS,
  writerFor
} from '../../src/shared/codecs'
import { MAX_IMPORT_BYTES } from '../../src/shared/codecs/types'
import { serializeDocument } from '../../src/shared/model/document'
import { makeDocument } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'))
const utf16be = (text: string) => {
  const le = utf16le(text)
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return le
}
const concat = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...p]))

describe('decodeText', () => {
  const sample = 'Київ, Élysée – “quoted” €5'
  it.each([
    ['UTF-8 with a BOM', concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(sample)), 'UTF-8 (BOM)'],
    ['UTF-16LE with a BOM (Excel "Unicode Text")', concat([0xff, 0xfe], utf16le(sample)), 'UTF-16LE (BOM)'],
    ['UTF-16BE with a BOM', concat([0xfe, 0xff], utf16be(sample)), 'UTF-16BE (BOM)'],
    ['UTF-8 without a BOM (Google Sheets)', new TextEncoder().encode(sample), 'UTF-8']
  ])('reads %s', (_, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: sample, encoding })
  })

  it('reads windows-1252 when the bytes are not UTF-8, with €, curly quotes and dashes', () => {
    const bytes = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x92
    ])
    expect(decodeText(bytes)).toEqual({ text: 'Café €5 “q” – ’', encoding: 'windows-1252' })
  })

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeText(utf16le('Date\tTitle\r\n2025\tA\r\n'))).toEqual({
      text: 'Date\tTitle\r\n2025\tA\r\n',
      encoding: 'UTF-16LE'
    })
    expect(decodeText(utf16be('Date,Title\n'))).toEqual({ text: 'Date,Title\n', encoding: 'UTF-16BE' })
  })

  it('never throws on odd lengths, lone surrogates or stray bytes', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41])).encoding).toBe('UTF-16LE (BOM)')
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8])).text).toBe('\ufffd')
    expect(decodeText(new Uint8Array([0xc3])).encoding).toBe('windows-1252')
    expect(decodeText(new Uint8Array([])).text).toBe('')
  })
})

describe('importFile', () => {
  it('refuses a file over the limit, saying how large it is and what the limit is', () => {
    const result = importFile(new Uint8Array(200 * 1024 * 1024), 'huge.csv', { now: NOW })
    expect(result).toEqual({
      status: 'failed',
      format: null,
      problems: [{ file: 'huge.csv', message: 'is 200 MB; Chronotes imports files up to 160 MB' }]
    })
    const justOver = importFile(new Uint8Array(MAX_IMPORT_BYTES + 50_000), 'big.csv', { now: NOW })
    expect(justOver.problems[0]!.message).toBe('is just over 160 MB; Chronotes imports files up to 160 MB')
  })

  it('refuses an empty file, and one nothing recognises', () => {
    expect(importFile(new Uint8Array(), 'empty.csv', { now: NOW }).problems[0]!.message).toBe('is empty')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const result = importFile(png, 'photo.png', { now: NOW })
    expect(result.status).toBe('failed')
    expect(result.problems[0]!.message).toMatch(
      /^is not a file Chronotes can import\. It reads Chronotes timeline, Spreadsheet/
    )
  })

  it('reads with the reader the user forced, or says why the file is not that format', () => {
    const csv = new TextEncoder().encode('Date,Title\n2025,A\n')
    expect(importFile(csv, 'x.json', { now: NOW, format: 'csv' })).toMatchObject({
      status: 'needs-mapping',
      format: 'csv'
    })
    const chronotes = importFile(csv, 'x.csv', { now: NOW, format: 'chronotes' })
    expect(chronotes).toMatchObject({ status: 'failed', format: 'chronotes' })
    expect(importFile(csv, 'x.md', { now: NOW, format: 'markdown' }).problems[0]!.message).toBe(
      'has no "# title" line, so it is not a Chronotes chronology'
    )
  })

  it('picks the reader by content, whatever the file is called', () => {
    const doc = serializeDocument(makeDocument())
    expect(pickReader(doc, 'notes.txt')?.format).toBe('chronotes')
    expect(pickReader(doc, 'x.chronotes.json')?.format).toBe('chronotes')
    expect(pickReader('Date;Title;Lane\r\n05.03.2014;A;B\r\n', 'export.txt')?.format).toBe('csv')
    expect(pickReader('Date\tTitle\n2014\tA\n', 'data.tsv')?.format).toBe('csv')
    expect(pickReader('just some words', 'readme')).toBeUndefined()
  })

  it('leaves the TimelineJS template and Timesketch CSV to their own readers', () => {
    const sheet =
      'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background\r\n' +
      '2014,2,26,,,,,,,SBU contacts the CIA,Within hours,,,,,,,Covert cooperation,\r\n'
    expect(pickReader(sheet, 'timeline.csv')?.format).toBe('timelinejs-sheet')
    const timesketch =
      'message,datetime,timestamp_desc,tag\r\nSBU contacts the CIA,2014-02-26T00:00:00+00:00,Event,cia\r\n'
    expect(pickReader(timesketch, 'sketch.csv')?.format).toBe('timesketch-csv')
  })
})

describe('the registry', () => {
  it('has one reader and one writer per format, found by format', () => {
    expect(READERS.map((r) => r.format)).toEqual([
      'chronotes',
      'csv',
      'timelinejs-json',
      'timelinejs-sheet',
      'timesketch-csv',
      'timesketch-jsonl',
      'vis-items',
      'markdown'
    ])
    expect(WRITERS.map((w) => w.format)).toEqual([
      'chronotes',
      'csv',
      'timelinejs-json',
      'timelinejs-sheet',
      'timesketch-csv',
      'timesketch-jsonl',
      'markdown'
    ])
    for (const reader of READERS) {
      expect(readerFor(reader.format)).toBe(reader)
      for (const extension of reader.extensions) expect(extension).toMatch(/^\.[a-z.]+$/)
    }
    for (const writer of WRITERS) {
      expect(writerFor(writer.format)).toBe(writer)
      expect(writer.extension).toMatch(/^\.[a-z.]+$/)
    }
    expect(readerFor('markdown')?.format).toBe('markdown')
  })

  it('exportDocument gives the text with its extension and type', () => {
    const doc = makeDocument()
    expect(exportDocument(doc, 'chronotes')).toEqual({
      text: serializeDocument(doc),
      extension: '.chronotes.json',
      mimeType: 'application/json'
    })
    expect(exportDocument(doc, 'csv')).toMatchObject({ extension: '.csv', mimeType: 'text/csv' })
    expect(() => exportDocument(doc, 'vis-items')).toThrow(/cannot write vis-items/)
  })
})
