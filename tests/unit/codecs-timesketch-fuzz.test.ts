import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import {
  timesketchCsvReader,
  timesketchCsvWriter,
  timesketchJsonlReader,
  timesketchJsonlWriter
} from '../../src/shared/codecs/timesketch'
import { TIMESKETCH_COLUMNS } from '../../src/shared/codecs/timesketch-records'
import type { ReadResult, Reader } from '../../src/shared/codecs/types'
import { DocumentSchema } from '../../src/shared/model/schema'
import { context, datasetWithNotes, fixture } from './codecs-timelinejs-helpers'

// Readers never throw: whatever the text, they return a valid document or problems.

function expectReadResult(reader: Reader, text: string): void {
  let result: ReadResult | undefined
  expect(() => (result = reader.read(text, context('fuzz.txt')))).not.toThrow()
  if (result!.status === 'ok') expect(DocumentSchema.safeParse(result!.document).success).toBe(true)
  else expect(result!.problems.length).toBeGreaterThan(0)
}

const mutated = (base: string) =>
  fc
    .tuple(fc.nat({ max: base.length }), fc.nat({ max: 60 }), fc.string({ unit: 'binary', maxLength: 30 }))
    .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut))

const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '2015-07-24T19:01:01+00:00',
    '2015-02-30',
    'Event end',
    'minute',
    'year',
    'background',
    '[{"id":1}]',
    '["a",2,null]',
    '-'
  ),
  fc.integer(),
  fc.double(),
  fc.anything()
)
const record = fc.dictionary(fc.constantFrom(...TIMESKETCH_COLUMNS, 'tags', '_id', '__ts_x', 'extra'), value)

describe('Timesketch readers on random and broken input', () => {
  it('JSONL: random text, random records, and mutated files', () => {
    const inputs = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(record, { maxLength: 6 }).map((records) => records.map((r) => JSON.stringify(r)).join('\n')),
      mutated(fixture('timesketch.jsonl')),
      mutated(timesketchJsonlWriter.write(datasetWithNotes()))
    )
    fc.assert(
      fc.property(inputs, (text) => expectReadResult(timesketchJsonlReader, text)),
      { numRuns: 300 }
    )
  })

  it('CSV: random text, random rows under Chronotes columns, and mutated files', () => {
    const inputs = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(record, { maxLength: 6 }).map((records) =>
        Papa.unparse({
          fields: [...TIMESKETCH_COLUMNS],
          data: records.map((r) => TIMESKETCH_COLUMNS.map((c) => String(r[c] ?? '')))
        })
      ),
      mutated(fixture('timesketch.csv')),
      mutated(timesketchCsvWriter.write(datasetWithNotes()))
    )
    fc.assert(
      fc.property(inputs, (text) => expectReadResult(timesketchCsvReader, text)),
      { numRuns: 300 }
    )
  })

  it('survives a deeply nested extra field', () => {
    const deep = `{"message":"m","datetime":"2015-07-24T19:01:01Z","timestamp_desc":"x","extra":${'['.repeat(5000)}${']'.repeat(5000)}}`
    expectReadResult(timesketchJsonlReader, deep)
  })
})
