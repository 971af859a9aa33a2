/**
 * Every registered reader, on random text, random bytes and mutated valid files (cut short, bytes
 * flipped, lines repeated or dropped): it never throws, and always returns a ReadResult with
 * problems or a document the schema accepts.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText, importFile, READERS, writerFor } from '../../src/shared/codecs'
import type { EventField, ReadResult, Reader, TableMapping } from '../../src/shared/codecs/types'
import { DocumentSchema } from '../../src/shared/model/schema'
import { makeDocument, makeNote } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const RUNS = Number(process.env.FUZZ_RUNS ?? 60)

/** A small document with the awkward things in it: notes, markup, quotes, several lanes and kinds. */
function seedDocument() {
  const doc = makeDocument({ items: 6, notesPerItem: 1 })
  doc.items[0]!.title = 'Quotes "here", commas, and <b>markup</b>'
  doc.items[1]!.notes.push(makeNote('Second note\nwith two lines', 'Олена'))
  doc.items[2]!.description = '=SUM(A1)\tand a tab'
  return doc
}

const VIS_ITEMS = JSON.stringify([
  { id: 1, content: 'SBU contacts the CIA', start: '2014-02-26', group: 'covert' },
  { id: 2, content: 'Pause', start: '2025-03-05', end: '2025-03-12', type: 'range', title: '<i>tooltip</i>' }
])

/** Valid files for each reader: what Chronotes' writers make, and the import fixtures. */
function seedsFor(reader: Reader): string[] {
  const seeds: string[] = []
  const writer = writerFor(reader.format)
  if (writer) {
    const text = writer.write(seedDocument())
    if (text) seeds.push(text)
  }
  if (reader.format === 'vis-items') seeds.push(VIS_ITEMS)
  if (reader.format === 'csv')
    for (const name of ['google-sheets.csv', 'excel-unicode-text.tsv', 'excel-semicolon-1252.csv', 'bad-rows.csv'])
      seeds.push(decodeText(new Uint8Array(readFileSync(`tests/fixtures/import/${name}`))).text)
  return seeds.length ? seeds : ['{}']
}

function expectReadResult(result: ReadResult, reader?: Reader): void {
  expect(['ok', 'needs-mapping', 'failed']).toContain(result.status)
  expect(Array.isArray(result.problems)).toBe(true)
  for (const problem of result.problems) {
    expect(typeof problem.message).toBe('string')
    // The readers' last safety net turns an exception into this problem; the net must not be needed.
    expect(problem.message).not.toMatch(/^could not be read \((?!it is nested too deeply)/)
  }
  if (reader && result.status !== 'failed') expect(result.format).toBe(reader.format)
  if (result.status === 'ok') {
    const parsed = DocumentSchema.safeParse(result.document)
    if (!parsed.success) throw new Error(`an invalid document: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`)
  } else if (result.status === 'needs-mapping') {
    expect(result.preview.headers.every((h) => typeof h === 'string')).toBe(true)
    for (const column of Object.keys(result.suggested.columns)) expect(result.preview.headers).toContain(column)
  } else {
    expect(result.problems.length).toBeGreaterThan(0)
  }
}

function readAll(reader: Reader, text: string, mapping?: TableMapping): void {
  const context = { fileName: `fuzz${reader.extensions[0] ?? ''}`, now: NOW, ...(mapping ? { mapping } : {}) }
  const score = reader.sniff(text, context.fileName)
  expect(score).toBeGreaterThanOrEqual(0)
  expect(score).toBeLessThanOrEqual(1)
  const result = reader.read(text, context)
  expectReadResult(result, reader)
  // A spreadsheet goes on to the second step with what it suggested.
  if (result.status === 'needs-mapping')
    expectReadResult(reader.read(text, { ...context, mapping: result.suggested }), reader)
}

/** Text that looks a little like the formats: their punctuation, keys and dates, shuffled. */
const fragments = fc.constantFrom(
  ',',
  ';',
  '\t',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\ufeff',
  '"format":"chronotes"',
  '"events":',
  '"start_date":{"year":2014}',
  '"content":"x","start":"2014"',
  'message,datetime,timestamp_desc',
  'Year,Month,Day,Headline',
  'Date,Title,Notes',
  '2025-03-05',
  '13/04/2025',
  '03/04/2025',
  'March 5, 2025',
  'https://example.org/a',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '[{"id":"n","body":"b"}]',
  'sep=;\r\n'
)
const structured = fc.array(fc.oneof(fragments, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((p) => p.join(''))
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), structured)

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'drop'; line: number }
  | { kind: 'insert'; at: number; text: string }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 })
  }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fragments })
)

function mutate(text: string, mutations: Mutation[]): string {
  let current = text
  for (const m of mutations) {
    const lines = current.split('\n')
    if (m.kind === 'truncate') current = current.slice(0, Math.floor(current.length * m.at))
    else if (m.kind === 'insert') {
      const at = Math.floor(current.length * m.at)
      current = current.slice(0, at) + m.text + current.slice(at)
    } else if (m.kind === 'flip') {
      const bytes = new TextEncoder().encode(current)
      if (bytes.length) bytes[Math.min(bytes.length - 1, Math.floor(bytes.length * m.at))] = m.byte
      current = decodeText(bytes).text
    } else if (m.kind === 'duplicate') {
      const index = m.line % lines.length
      lines.splice(index, 0, lines[index]!)
      current = lines.join('\n')
    } else {
      lines.splice(m.line % lines.length, 1)
      current = lines.join('\n')
    }
  }
  return current
}

const FIELDS: EventField[] = [
  'ignore',
  'id',
  'start',
  'end',
  'title',
  'description',
  'group',
  'tags',
  'confidence',
  'notes',
  'sourceTitle',
  'sourceOutlet',
  'sourceUrl',
  'sourcePublished'
]

describe.each(READERS.map((reader) => [reader.format, reader] as const))('the %s reader', (_, reader) => {
  const seeds = seedsFor(reader)

  it('never throws on random text', () => {
    fc.assert(
      fc.property(anyText, (text) => readAll(reader, text)),
      { numRuns: RUNS }
    )
  })

  it('never throws on random bytes, however decoded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => readAll(reader, decodeText(bytes).text)),
      { numRuns: RUNS }
    )
  })

  it('never throws on mutations of valid files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) =>
        readAll(reader, mutate(seed, mutations))
      ),
      { numRuns: RUNS }
    )
  })

  it('reads its valid seed files', () => {
    for (const seed of seeds.filter((s) => s !== '{}')) {
      const result = reader.read(seed, { fileName: 'seed', now: NOW })
      expectReadResult(result, reader)
      expect(result.status).not.toBe('failed')
    }
  })
})

describe('the CSV reader with any mapping', () => {
  it('never throws, whatever the user maps each column to', () => {
    const csv = READERS.find((r) => r.format === 'csv')!
    const seeds = seedsFor(csv)
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { maxLength: 2 }),
        fc.array(fc.constantFrom(...FIELDS), { minLength: 12, maxLength: 12 }),
        fc.array(fc.constantFrom('day-month' as const, 'month-day' as const), { minLength: 12, maxLength: 12 }),
        (seed, mutations, fields, orders) => {
          const text = mutate(seed, mutations)
          const first = csv.read(text, { fileName: 'x.csv', now: NOW })
          const headers = first.status === 'needs-mapping' ? first.preview.headers : ['Date', 'Title', 'start', 'title']
          const mapping: TableMapping = {
            columns: Object.fromEntries(headers.map((h, i) => [h, fields[i % fields.length]!])),
            dateOrder: Object.fromEntries(headers.map((h, i) => [h, orders[i % orders.length]!]))
          }
          expectReadResult(csv.read(text, { fileName: 'x.csv', now: NOW, mapping }), csv)
        }
      ),
      { numRuns: RUNS * 2 }
    )
  })
})

describe('importFile', () => {
  it('never throws on random bytes under any name, and always returns a ReadResult', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          structured.map((t) => new TextEncoder().encode(t))
        ),
        fc.constantFrom('x.csv', 'x.tsv', 'x.json', 'x.chronotes.json', 'x.jsonl', 'x.txt', 'x'),
        (bytes, name) => expectReadResult(importFile(bytes, name, { now: NOW }))
      ),
      { numRuns: RUNS * 3 }
    )
  })
})
