/**
 * Issue 9, item 9: every reader on 10,000 generated inputs (a fixed seed, so every run reads the
 * same ones) and on hostile files of about 1 MB (blank lines, spaces, open brackets, quotes, one
 * huge cell). Asserted: no reader throws (nor needs its last safety net), and what a reader holds
 * after refusing or previewing a file stays under 10× its size. How much the heap grew while
 * reading (the transient peak, as near as V8 reports it) and the time are printed, not asserted,
 * except a generous time bound that only quadratic work would cross (a 3 MB file of newlines
 * once took 55 s to sniff). Peak resident memory per file is in npm run bench (reader-limits.ts).
 */
import { runInNewContext } from 'node:vm'
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { pickReader, READERS, writerFor } from '../../src/shared/codecs'
import type { ReadResult, Reader } from '../../src/shared/codecs/types'
import { makeDocument } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const INPUTS = 10_000
const SEED = 20_260_110
/** Far above any linear read of 1 MB; only quadratic work gets near it. */
const QUADRATIC_GUARD_MS = 10_000
/** 10,000 reads per reader: an upper bound for a busy two-core machine, not a speed target. */
const FUZZ_TEST_TIMEOUT_MS = 180_000

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const FRAGMENTS = [
  ',',
  ';',
  '\t',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\ufeff',
  '\\',
  '"format":"chronotes"',
  '"events":[',
  '"start_date":{"year":"2014"}',
  '"content":"x","start":"2014"',
  'message,datetime,timestamp_desc,timestamp',
  'Year,Month,Day,Time,Headline,Type',
  'Date,Title,Notes,Lane',
  '{"message":"m","datetime":"2014-01-01T00:00:00Z"}',
  '2025-03-05',
  '13/04/2025',
  'March 5, 2025',
  '9:30 PM',
  '1700000000000000000',
  'title',
  'era',
  '<b>x</b>',
  '=SUM(A1)',
  'sep=;\r\n',
  '# Title\n',
  '## 2014\n',
  '- **x**'
]

/** Generated inputs: fragments of every format, shuffled and repeated, and mutated exports. */
function generatedInputs(reader: Reader): string[] {
  const seed = writerFor(reader.format)?.write(makeDocument({ items: 4, notesPerItem: 1 })) ?? ''
  const piece = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 }))
  const arbitrary = fc.oneof(
    fc.array(piece, { maxLength: 80 }).map((p) => p.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...FRAGMENTS)).map(([cut, at, text]) => {
      const body = seed.slice(0, seed.length ? cut % seed.length : 0)
      const where = body.length ? at % body.length : 0
      return body.slice(0, where) + text + body.slice(where)
    })
  )
  return fc.sample(arbitrary, { seed: SEED + reader.format.length, numRuns: INPUTS })
}

/** About 1 MB each, the shapes that made readers quadratic or hungry. */
const MB = 1024 * 1024
const HOSTILE: Record<string, string> = {
  newlines: '\n'.repeat(MB),
  'spaces before a brace': ' '.repeat(MB) + '{',
  'header then blank lines': 'Date,Title,Year,Headline,message,datetime\n' + '\r\n'.repeat(MB / 2),
  commas: 'a,b\n' + ','.repeat(MB),
  'open brackets': '['.repeat(MB / 4),
  quotes: '"'.repeat(MB),
  'one huge cell': 'Date,Title\n2025,"' + 'x'.repeat(MB) + '"\n',
  'tiny rows': 'Date,Title\n' + '2025,a\n'.repeat(MB / 7),
  'jsonl of empty objects': '{}\n'.repeat(MB / 3),
  'events of empty objects': '{"events":[' + '{},'.repeat(MB / 3) + '{}]}'
}

function isReadResult(result: ReadResult): boolean {
  const safetyNet = result.problems.some((p) => /^could not be read \((?!it is nested too deeply)/.test(p.message))
  return ['ok', 'needs-mapping', 'failed'].includes(result.status) && !safetyNet
}

/** Reads as the import does: sniff, read, and a spreadsheet's second step with what it suggested. */
function readLikeImport(reader: Reader, text: string): ReadResult[] {
  const context = { fileName: `input${reader.extensions[0] ?? ''}`, now: NOW }
  reader.sniff(text, context.fileName)
  const first = reader.read(text, context)
  if (first.status !== 'needs-mapping') return [first]
  return [first, reader.read(text, { ...context, mapping: first.suggested })]
}

const figures: string[] = []
afterAll(() => console.log(`Reader fuzz figures (seed ${SEED}):\n${figures.join('\n')}`))

describe.each(READERS.map((reader) => [reader.format, reader] as const))(
  'the %s reader',
  { timeout: FUZZ_TEST_TIMEOUT_MS },
  (format, reader) => {
    it(`reads ${INPUTS.toLocaleString('en')} generated inputs without throwing`, () => {
      const inputs = generatedInputs(reader)
      let throws = 0
      let bad = 0
      let slowest = 0
      for (const text of inputs) {
        const start = performance.now()
        try {
          if (!readLikeImport(reader, text).every(isReadResult)) bad++
        } catch {
          throws++
        }
        slowest = Math.max(slowest, performance.now() - start)
      }
      figures.push(`  ${format.padEnd(17)} ${inputs.length} inputs: ${throws} throws, slowest ${slowest.toFixed(1)} ms`)
      expect({ throws, bad }).toEqual({ throws: 0, bad: 0 })
    })

    it('reads hostile 1 MB files in bounded time, holding under 10× their size', () => {
      const lines: string[] = []
      for (const [name, text] of Object.entries(HOSTILE)) {
        gc()
        const before = process.memoryUsage().heapUsed
        const committed = getHeapStatistics().total_heap_size
        const start = performance.now()
        const context = { fileName: `input${reader.extensions[0] ?? ''}`, now: NOW }
        reader.sniff(text, context.fileName)
        const result = reader.read(text, context)
        const ms = performance.now() - start
        const grown = getHeapStatistics().total_heap_size - committed
        gc()
        // What the read still holds once its garbage is gone: its result, and anything it leaked.
        const held = process.memoryUsage().heapUsed - before
        lines.push(
          `    ${name.padEnd(24)} ${ms.toFixed(0).padStart(5)} ms, heap grew ${(grown / text.length).toFixed(1)}×, ` +
            `holds ${(held / text.length).toFixed(1)}× (${result.status})`
        )
        expect(isReadResult(result), name).toBe(true)
        expect(ms, name).toBeLessThan(QUADRATIC_GUARD_MS)
        // A document costs what its events cost (150,000 one-line rows are 150,000 events), so only
        // what a reader holds for a file it refuses or previews is bounded by the file's size.
        if (result.status !== 'ok') expect(held / text.length, name).toBeLessThan(10)
      }
      figures.push(`  ${format} on hostile files:\n${lines.join('\n')}`)
    })
  }
)

it('sniffing picks a reader for hostile files in bounded time', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    const start = performance.now()
    pickReader(text, 'input.txt')
    expect(performance.now() - start, name).toBeLessThan(QUADRATIC_GUARD_MS)
  }
  const start = performance.now()
  pickReader('\n'.repeat(3 * MB), 'notes.txt')
  figures.push(`  sniffing 3 MB of newlines: ${(performance.now() - start).toFixed(0)} ms`)
})
