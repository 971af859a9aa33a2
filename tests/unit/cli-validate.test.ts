/**
 * `chronotes validate` on files of every format Chronotes reads, through main() with a capturing
 * io and real files in a temporary folder: clean files exit 0, any problem is listed with its row,
 * line or record and exits 1.
 */
import { readFileSync } from 'node:fs'
import { copyFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index'
import { READERS, writerFor } from '../../src/shared/codecs'
import type { Problem } from '../../src/shared/model/problems'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { useTempDirs } from './helpers/library'

const DATASET = resolve('resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')
const tempDir = useTempDirs()
let dir: string

async function chronotes(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: dir })
  return { code, out, err }
}

beforeEach(async () => {
  dir = await tempDir()
})

describe('chronotes validate', () => {
  it('says the dataset is valid', async () => {
    await copyFile(DATASET, join(dir, 'dataset.chronotes.json'))
    const run = await chronotes('validate', 'dataset.chronotes.json')
    expect([run.code, run.out, run.err]).toEqual([0, ['dataset.chronotes.json: valid, 88 events'], []])
  })

  it.each(READERS.filter((r) => writerFor(r.format)).map((r) => [r.format, writerFor(r.format)!] as const))(
    'says the dataset written as %s is valid, in the format it was read as',
    async (format, writer) => {
      const dataset = JSON.parse(readFileSync(DATASET, 'utf8')) as TimelineDocument
      await writeFile(join(dir, `dataset${writer.extension}`), writer.write(dataset))
      const run = await chronotes('validate', `dataset${writer.extension}`)
      expect(run.err).toEqual([])
      expect(run.out[0]).toMatch(format === 'chronotes' ? /valid, 88 events$/ : `valid, 88 events (read as ${format})`)
      expect(run.code).toBe(0)
    }
  )

  it('a file read with assumptions (c. 2016, Q1 2022, Kyiv time) is valid: exit 0, each assumption listed as a note', async () => {
    const csv = 'Date,Title\nc. 2016,Approximate\nQ1 2022,A quarter\n2025-03-05 14:30 Kyiv time,A time\n'
    await writeFile(join(dir, 'doubt.csv'), csv)
    const run = await chronotes('validate', 'doubt.csv')
    expect(run.code).toBe(0)
    expect(run.out).toEqual(['doubt.csv: valid, 3 events (read as csv)'])
    expect(run.err).toEqual([
      'note: doubt.csv, row 2: "c.", "circa", "ca." and "about" were read as approximate (EDTF ~) (one date)',
      'note: doubt.csv, row 4: "Kyiv time" was read as the offset Europe/Kyiv has on that day (+02:00) (one date)'
    ])
    const json = await chronotes('validate', 'doubt.csv', '--json')
    expect(json.code).toBe(0)
    expect((JSON.parse(json.out.join('\n')) as Problem[]).map((p) => p.note)).toEqual([true, true])
  })

  it('lists every bad row of a spreadsheet with its row and exits 1; --json gives the same list', async () => {
    await copyFile(resolve('tests/fixtures/cli/field-notes-bad-rows.csv'), join(dir, 'notes.csv'))
    const args = ['--map', 'Occurred=start', '--map', 'Ended=end', '--map', 'Our summary=description']
    const order = ['--date-order', 'Occurred=day-month', '--date-order', 'Ended=day-month']
    const text = await chronotes('validate', 'notes.csv', ...args, ...order)
    expect(text.code).toBe(1)
    expect(text.err.some((line) => line.startsWith('notes.csv, row 3'))).toBe(true)
    expect(text.err.some((line) => line.startsWith('notes.csv, row 5'))).toBe(true)

    const json = await chronotes('validate', 'notes.csv', ...args, ...order, '--json')
    expect(json.code).toBe(1)
    const problems = JSON.parse(json.out.join('\n')) as Problem[]
    expect(problems.map((p) => p.where)).toEqual(expect.arrayContaining(['row 3', 'row 5']))
    expect(problems.length).toBe(text.err.length)
  })

  it('names the line of a broken Timesketch JSONL record and the record of a TimelineJS event', async () => {
    await writeFile(
      join(dir, 'sketch.jsonl'),
      '{"message":"ok","datetime":"2015-07-24T19:01:01+00:00","timestamp_desc":"t"}\n{"message":"broken"\n'
    )
    const sketch = await chronotes('validate', 'sketch.jsonl')
    expect([sketch.code, sketch.err[0]?.startsWith('sketch.jsonl, line 2')]).toEqual([1, true])

    const timeline = {
      events: [{ start_date: { year: '2014' }, text: { headline: 'A' } }, { text: { headline: 'B' } }]
    }
    await writeFile(join(dir, 'tl.json'), JSON.stringify(timeline))
    const tl = await chronotes('validate', 'tl.json')
    expect(tl.code).toBe(1)
    expect(tl.err.join('\n')).toMatch(/tl\.json, event 2/)
  })

  it('says why an unreadable file is unreadable, and that a spreadsheet date column needs its order', async () => {
    await writeFile(join(dir, 'photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]))
    const png = await chronotes('validate', 'photo.png')
    expect(png.code).toBe(1)
    expect(png.err[0]).toMatch(/^photo\.png: is not a file Chronotes can import/)

    await copyFile(resolve('tests/fixtures/import/ambiguous-dates.csv'), join(dir, 'ambiguous.csv'))
    const ambiguous = await chronotes('validate', 'ambiguous.csv')
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.err.join('\n')).toMatch(/could be day\/month or month\/day; choose with --date-order/)
  })
})
