/**
 * Issue 12: no silent loss on import. For every reader, a valid file is given extra columns or
 * fields with values in them (random names and values); each one must come back either read (in
 * an event's text), named in a problem or warning, or (a spreadsheet's) shown in the mapping step. Plus the TimelineJS losses the issue found,
 * one by one. (Chronotes' own JSON is validated by its schema and is not covered here.)
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importFile, writerFor } from '../../src/shared/codecs'
import type { FormatId, ReadResult } from '../../src/shared/codecs/types'
import { formatProblem } from '../../src/shared/model/problems'
import { makeDocument } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const RUNS = Number(process.env.SILENT_LOSS_RUNS ?? 30)

/** A small document whose texts are one line each, so that a column can be added line by line. */
function plainDocument() {
  const doc = makeDocument({ items: 4, notesPerItem: 0 })
  for (const item of doc.items) item.description = `About ${item.title}`
  return doc
}

const extras = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[A-Z][a-z]{3,8}$/).map((word) => `Extra ${word}`),
    value: fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6}){0,2}$/)
  }),
  { minLength: 1, maxLength: 3, selector: (e) => e.name }
)
type Extra = { name: string; value: string }

/** Adds columns to a CSV whose records are one line each (the writers' BOM kept). */
function withColumns(csv: string, added: Extra[]): string {
  const lines = csv.replace(/\r\n$/, '').split('\r\n')
  return (
    lines.map((line, index) => [line, ...added.map((e) => (index === 0 ? e.name : e.value))].join(',')).join('\r\n') +
    '\r\n'
  )
}

function withKeys(json: Record<string, unknown>, added: Extra[]): Record<string, unknown> {
  return { ...json, ...Object.fromEntries(added.map((e) => [e.name, e.value])) }
}

/** Each reader's file, with the extra fields added to every record. */
const FILES: Record<string, { format: FormatId; name: string; make: (added: Extra[]) => string }> = {
  'a spreadsheet (mapping step)': {
    format: 'csv',
    name: 'sheet.csv',
    make: (added) => withColumns('Date,Title\r\n2014-02-26,First\r\n2015-03-01,Second\r\n', added)
  },
  "Chronotes' CSV": {
    format: 'csv',
    name: 'export.csv',
    make: (added) => withColumns(writerFor('csv')!.write(plainDocument()), added)
  },
  'a TimelineJS sheet': {
    format: 'timelinejs-sheet',
    name: 'sheet.csv',
    make: (added) => withColumns(writerFor('timelinejs-sheet')!.write(plainDocument()), added)
  },
  'a Timesketch CSV': {
    format: 'timesketch-csv',
    name: 'sketch.csv',
    make: (added) => withColumns(writerFor('timesketch-csv')!.write(plainDocument()), added)
  },
  'a Timesketch JSONL': {
    format: 'timesketch-jsonl',
    name: 'sketch.jsonl',
    make: (added) =>
      writerFor('timesketch-jsonl')!
        .write(plainDocument())
        .trim()
        .split('\n')
        .map((line) => JSON.stringify(withKeys(JSON.parse(line) as Record<string, unknown>, added)))
        .join('\n')
  },
  'a TimelineJS JSON (event keys)': {
    format: 'timelinejs-json',
    name: 'timeline.json',
    make: (added) => {
      const json = JSON.parse(writerFor('timelinejs-json')!.write(plainDocument())) as {
        events: Record<string, unknown>[]
      }
      json.events = json.events.map((event) => withKeys(event, added))
      return JSON.stringify(json)
    }
  },
  'a TimelineJS JSON (media keys)': {
    format: 'timelinejs-json',
    name: 'timeline.json',
    make: (added) =>
      JSON.stringify({
        events: [
          {
            start_date: { year: '2014' },
            text: { headline: 'A' },
            media: withKeys({ url: 'https://example.org/a' }, added)
          }
        ]
      })
  },
  'vis-timeline items': {
    format: 'vis-items',
    name: 'items.json',
    make: (added) =>
      JSON.stringify([
        withKeys({ id: 1, content: 'A', start: '2014-02-26' }, added),
        { id: 2, content: 'B', start: '2015' }
      ])
  }
}

/** Reads as the import does; a spreadsheet goes through its suggested mapping. */
function read(format: FormatId, name: string, text: string): Extract<ReadResult, { status: 'ok' }> {
  const bytes = new TextEncoder().encode(text)
  let result = importFile(bytes, name, { now: NOW, format })
  if (result.status === 'needs-mapping')
    result = importFile(bytes, name, { now: NOW, format, mapping: result.suggested })
  if (result.status !== 'ok') throw new Error(`${result.status}: ${result.problems.map(formatProblem).join('; ')}`)
  return result
}

describe.each(Object.entries(FILES))('%s', (_, file) => {
  it('reads every extra field or names it', () => {
    fc.assert(
      fc.property(extras, (added) => {
        const text = file.make(added)
        const result = read(file.format, file.name, text)
        // A spreadsheet's mapping step shows every column, with its values, before anything is read.
        const first = importFile(new TextEncoder().encode(text), file.name, { now: NOW, format: file.format })
        const shown = first.status === 'needs-mapping' ? first.preview.headers : []
        const named = [...shown, ...result.problems.map((p) => `${p.field ?? ''} ${p.message}`)].join('\n')
        const kept = result.document.items.map((i) => i.description).join('\n')
        for (const extra of added)
          expect(named.includes(extra.name) || kept.includes(extra.name), `${extra.name} vanished`).toBe(true)
      }),
      { numRuns: RUNS, seed: 4 }
    )
  })
})

describe('the TimelineJS losses issue 12 found', () => {
  const sheet = (rows: string[]) =>
    read(
      'timelinejs-sheet',
      'sheet.csv',
      [
        'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Headline,Text,Media,Media Caption,Media Thumbnail,Type',
        ...rows
      ].join('\n')
    )

  it('a time on a range whose end has no time is kept: each end has its own precision', () => {
    const result = sheet(['2025,3,5,14:30,2025,3,6,,Talks,,,,,'])
    expect(result.document.items[0]).toMatchObject({ start: '2025-03-05T14:30:00Z', end: '2025-03-06' })
    expect(result.problems).toEqual([])
  })

  it("a dated title slide's date and media are named", () => {
    const result = sheet([
      '2014,,,,,,,,The title,About it,https://example.org/p.jpg,,,title',
      '2015,,,,,,,,An event,,,,,'
    ])
    expect(result.document.title).toBe('The title')
    expect(result.problems.map((p) => [p.where, p.field])).toEqual([['row 2', 'Year']])
  })

  it('a media-only slide is named by its caption, and its thumbnail is named as not imported', () => {
    const result = sheet(['2016,,,,,,,,,,https://example.org/photo.jpg,The bridge at night,https://example.org/t.jpg,'])
    expect(result.document.items[0]!.title).toBe('The bridge at night')
    expect(result.problems.map(formatProblem)).toEqual([
      'sheet.csv, Media Thumbnail: was not imported, in 1 row: Chronotes has no place for it'
    ])
  })
})
