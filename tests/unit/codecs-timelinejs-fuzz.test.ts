import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { timelineJsJsonReader, timelineJsJsonWriter } from '../../src/shared/codecs/timelinejs'
import { SHEET_COLUMNS, timelineJsSheetReader, timelineJsSheetWriter } from '../../src/shared/codecs/timelinejs-sheet'
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

/** A valid text with a slice cut out and something else put in its place. */
const mutated = (base: string) =>
  fc
    .tuple(fc.nat({ max: base.length }), fc.nat({ max: 60 }), fc.string({ unit: 'binary', maxLength: 30 }))
    .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut))

const part = fc.oneof(
  fc.integer({ min: -20, max: 10_000 }),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', ' 2,014 ', '3'),
  fc.anything()
)
const dateObject = fc.oneof(
  fc.record({ year: part, month: part, day: part, hour: part, minute: part }, { requiredKeys: [] }),
  fc.anything()
)
const htmlish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<p>x</p>',
    '<a href="javascript:x">y',
    '<div class="chronotes-notes"><li data-id="1">',
    '&#xD800;&',
    '<!--'
  )
)
const slide = fc.record(
  {
    start_date: dateObject,
    end_date: dateObject,
    text: fc.oneof(fc.record({ headline: htmlish, text: htmlish }, { requiredKeys: [] }), fc.anything()),
    group: fc.oneof(htmlish, fc.anything()),
    media: fc.oneof(
      fc.record({ url: htmlish, caption: htmlish, credit: htmlish }, { requiredKeys: [] }),
      fc.anything()
    ),
    unique_id: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
    display_date: htmlish
  },
  { requiredKeys: [] }
)

describe('TimelineJS readers on random and broken input', () => {
  it('JSON: random text, random TimelineJS-shaped data, and mutated files', () => {
    const export_ = timelineJsJsonWriter.write(datasetWithNotes())
    const inputs = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .record(
          {
            title: fc.oneof(slide, fc.anything()),
            events: fc.array(slide, { maxLength: 6 }),
            eras: fc.array(slide, { maxLength: 3 })
          },
          { requiredKeys: ['events'] }
        )
        .map((data) => JSON.stringify(data)),
      mutated(fixture('timelinejs.json')),
      mutated(export_)
    )
    fc.assert(
      fc.property(inputs, (text) => expectReadResult(timelineJsJsonReader, text)),
      { numRuns: 400 }
    )
  })

  it('spreadsheet: random text, random cells under the template header, and mutated files', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2014', '13', '9:30 PM', 'title', 'era', '<p>x</p>', '')
    )
    const inputs = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.array(cell, { minLength: SHEET_COLUMNS.length, maxLength: SHEET_COLUMNS.length }), { maxLength: 8 })
        .map((rows) => Papa.unparse({ fields: [...SHEET_COLUMNS], data: rows })),
      mutated(fixture('timelinejs-google-sheet.csv')),
      mutated(timelineJsSheetWriter.write(datasetWithNotes()))
    )
    fc.assert(
      fc.property(inputs, (text) => expectReadResult(timelineJsSheetReader, text)),
      { numRuns: 400 }
    )
  })

  it('survives absurdly deep nesting', () => {
    const deep = `{"events": [${'['.repeat(200_000)}${']'.repeat(200_000)}]}`
    expectReadResult(timelineJsJsonReader, deep)
  })
})
