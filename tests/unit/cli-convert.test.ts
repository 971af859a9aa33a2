/**
 * `chronotes convert`, through main() with a capturing io and real files in a temporary folder.
 */
import { readFileSync } from 'node:fs'
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index'
import { READERS, WRITERS } from '../../src/shared/codecs'
import { readDocument } from '../../src/shared/model/document'
import type { Problem } from '../../src/shared/model/problems'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { useTempDirs } from './helpers/library'

const DATASET = resolve('resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')
const FIXTURES = resolve('tests/fixtures/cli')
// The fixture's headers are a researcher's own words, which Chronotes does not recognise.
const MAPPING = [
  ['Occurred', 'start'],
  ['Ended', 'end'],
  ['Workstream', 'group'],
  ['Our summary', 'description'],
  ['Press link', 'sourceUrl'],
  ["Analyst's take", 'notes']
].flatMap(([column, field]) => ['--map', `${column}=${field}`])
const DAY_FIRST = ['--date-order', 'Occurred=day-month', '--date-order', 'Ended=day-month']

interface Run {
  code: number
  out: string[]
  err: string[]
}

const tempDir = useTempDirs()
let dir: string

async function chronotes(...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: dir })
  return { code, out, err }
}

async function readChronotes(path: string): Promise<TimelineDocument> {
  const result = readDocument(await readFile(join(dir, path), 'utf8'))
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.document
}

async function exists(path: string): Promise<boolean> {
  return stat(join(dir, path)).then(
    () => true,
    () => false
  )
}

beforeEach(async () => {
  dir = await tempDir()
  await copyFile(DATASET, join(dir, 'dataset.chronotes.json'))
  await copyFile(join(FIXTURES, 'field-notes.csv'), join(dir, 'field-notes.csv'))
  await copyFile(join(FIXTURES, 'field-notes-bad-rows.csv'), join(dir, 'field-notes-bad-rows.csv'))
})

describe('chronotes convert: the dataset to every format and back', () => {
  const dataset = JSON.parse(readFileSync(DATASET, 'utf8')) as TimelineDocument
  const titles = dataset.items.map((item) => item.title).sort()

  it.each(WRITERS.map((writer) => [writer.format, writer.extension]))('to %s', async (format, extension) => {
    const out = `out${extension}`
    const to = await chronotes('convert', 'dataset.chronotes.json', '--to', format, '-o', out)
    expect(to.err).toEqual([])
    expect(to.code).toBe(0)
    expect(to.out.join('\n')).toContain(`88 events written as ${format}`)
    const text = await readFile(join(dir, out), 'utf8')
    for (const title of ['Russia annexes Crimea', 'U.S. pauses intelligence sharing']) {
      const needle = dataset.items.find((item) => item.title.startsWith(title))?.title
      if (needle) expect(text).toContain(needle.slice(0, 20))
    }
    if (!READERS.some((reader) => reader.format === format)) return

    // Back, the format recognised from the content (no --from).
    const back = await chronotes('convert', out, '--to', 'chronotes', '-o', 'back.chronotes.json')
    expect(back.err).toEqual([])
    expect(back.code).toBe(0)
    expect(back.out.join('\n')).toContain(`as ${format})`)
    const document = await readChronotes('back.chronotes.json')
    expect(document.items.map((item) => item.title).sort()).toEqual(titles)
    if (format === 'chronotes') expect(document).toEqual(dataset)
  })

  it('keeps every note through CSV', async () => {
    const withNotes = structuredClone(dataset)
    withNotes.items[3]!.notes.push({
      id: 'note-1',
      author: 'A. Researcher',
      body: 'Two sources disagree on the month, see "NYT" vs\nKyiv Post.',
      createdAt: '2025-03-05T14:00:00.000Z',
      updatedAt: '2025-03-05T14:00:00.000Z'
    })
    await writeFile(join(dir, 'notes.chronotes.json'), JSON.stringify(withNotes))
    expect((await chronotes('convert', 'notes.chronotes.json', '--to', 'csv', '-o', 'notes.csv')).code).toBe(0)
    const back = await chronotes('convert', 'notes.csv', '--from', 'csv', '--to', 'chronotes', '-o', 'back.json')
    expect(back.code).toBe(0)
    const item = (await readChronotes('back.json')).items.find((i) => i.title === withNotes.items[3]!.title)!
    expect(item.notes.map((note) => note.body)).toEqual([withNotes.items[3]!.notes[0]!.body])
  })
})

describe('chronotes convert: a spreadsheet that needs its columns mapped', () => {
  it('reads it with --map and --date-order', async () => {
    const run = await chronotes(
      'convert',
      'field-notes.csv',
      ...MAPPING,
      ...DAY_FIRST,
      '--to',
      'chronotes',
      '-o',
      'f.json'
    )
    expect(run.err).toEqual([])
    expect(run.code).toBe(0)
    const document = await readChronotes('f.json')
    const byTitle = new Map(document.items.map((item) => [item.title, item]))
    expect(document.items).toHaveLength(4)
    const first = byTitle.get("SBU's new chief contacts the CIA")!
    expect(first.start).toBe('2014-02-03')
    expect(first.sources.map((source) => source.url)).toEqual(['https://www.kyivpost.com/post/28678'])
    expect(first.notes.map((note) => note.body)).toEqual([
      'Check the date against the NYT account; "hours" is his own word.'
    ])
    expect(first.confidence).toBe('reported')
    const pause = byTitle.get('U.S. pauses intelligence sharing')!
    expect(pause.confidence).toBe('confirmed')
    expect([pause.start, pause.end, pause.kind]).toEqual(['2025-03-05', '2025-03-12', 'range'])
    expect(pause.notes[0]!.body).toBe('Multi-line note:\nfirst line,\nsecond line')
    const lanes = new Map(document.groups.map((group) => [group.id, group.title]))
    expect(lanes.get(pause.groupId)).toBe('Pauses and restrictions')
    expect(byTitle.get('CIA-funded listening posts reported')!.start).toBe('2015-10-12')
  })

  it('without --map, says how its columns were read and writes nothing', async () => {
    const run = await chronotes('convert', 'field-notes.csv', '--to', 'chronotes', '-o', 'f.json')
    expect(run.code).toBe(1)
    expect(run.err[0]).toMatch(
      /^chronotes convert: the columns were read as Occurred=ignore, Ended=ignore, Event=title, /
    )
    expect(run.err[0]).toContain('Reliability=confidence; change that with --map COLUMN=FIELD')
    expect(run.err[1]).toMatch(/^field-notes\.csv: no column is mapped to the start date/)
    expect(await exists('f.json')).toBe(false)
  })

  it('says so when --map does not apply, and converts anyway', async () => {
    const run = await chronotes('convert', 'dataset.chronotes.json', ...MAPPING, '--to', 'csv', '-o', 'd.csv')
    expect(run.code).toBe(0)
    expect(run.err).toEqual([
      'chronotes convert: --map and --date-order are not used: it was read as chronotes, which names its own fields'
    ])
  })

  it('reads month-first when told so', async () => {
    const monthFirst = ['--date-order', 'Occurred=month-day', '--date-order', 'Ended=month-day']
    const run = await chronotes(
      'convert',
      'field-notes.csv',
      ...MAPPING,
      ...monthFirst,
      '--to',
      'chronotes',
      '-o',
      'f.json'
    )
    expect(run.code).toBe(0)
    const first = (await readChronotes('f.json')).items.find((item) => item.title.startsWith('SBU'))!
    expect(first.start).toBe('2014-03-02')
  })

  it('refuses to guess an ambiguous date column, and says how to choose', async () => {
    const run = await chronotes('convert', 'field-notes.csv', ...MAPPING, '--to', 'chronotes', '-o', 'f.json')
    expect(run.code).toBe(1)
    expect(run.err).toContain(
      'field-notes.csv, Occurred: dates such as "03/02/2014" could be day/month or month/day; ' +
        'choose with --date-order Occurred=day-month or --date-order Occurred=month-day'
    )
    expect(run.err.some((line) => line.startsWith('field-notes.csv, Ended: dates such as "07/05/2014"'))).toBe(true)
    expect(run.err.at(-1)).toBe('chronotes convert: nothing written to f.json')
    expect(await exists('f.json')).toBe(false)
  })

  it('needs no --date-order for a column mapped away from dates', async () => {
    const run = await chronotes(
      'convert',
      'field-notes.csv',
      ...MAPPING,
      '--map',
      'Ended=ignore',
      '--date-order',
      'Occurred=day-month',
      '--to',
      'chronotes',
      '-o',
      'f.json'
    )
    expect(run.err).toEqual([])
    expect(run.code).toBe(0)
    expect((await readChronotes('f.json')).items.every((item) => item.end === undefined)).toBe(true)
  })
})

describe('chronotes convert: problems', () => {
  const args = ['field-notes-bad-rows.csv', ...MAPPING, ...DAY_FIRST, '--to', 'chronotes', '-o', 'f.json']

  it('prints unreadable rows one per line, writes the rest, and exits 1', async () => {
    const run = await chronotes('convert', ...args)
    expect(run.code).toBe(1)
    const problems = run.err.filter((line) => line.startsWith('field-notes-bad-rows.csv, row '))
    expect(problems.length).toBeGreaterThanOrEqual(2)
    expect(problems.some((line) => /row 3\b/.test(line) && /before/.test(line))).toBe(true)
    expect(problems.some((line) => /row 5\b/.test(line) && /not a date/.test(line))).toBe(true)
    expect(run.out.join('\n')).toContain('3 events written as chronotes')
    const titles = (await readChronotes('f.json')).items.map((item) => item.title)
    expect(titles).toEqual([
      "SBU's new chief contacts the CIA",
      'CIA-funded listening posts reported',
      'U.S. pauses intelligence sharing'
    ])
  })

  it('a file read with assumptions only is converted with exit 0; the assumptions are notes, not problems', async () => {
    await writeFile(join(dir, 'doubt.csv'), 'Date,Title\nc. 2016,Approximate\nspring 2014?,A season\n')
    const run = await chronotes('convert', 'doubt.csv', '--to', 'chronotes', '-o', 'doubt.json')
    expect(run.code).toBe(0)
    expect(run.err.every((line) => line.startsWith('note: doubt.csv, row '))).toBe(true)
    expect(run.out).toEqual(['doubt.json: 2 events written as chronotes (read doubt.csv as csv); 2 notes (above)'])
    expect((await readChronotes('doubt.json')).items.map((item) => item.start)).toEqual(['2016~', '2014-21?'])
  })

  it('prints them as JSON with --json', async () => {
    const run = await chronotes('convert', ...args, '--json')
    expect(run.code).toBe(1)
    expect(run.err).toEqual([])
    const result = JSON.parse(run.out.join('\n')) as { written: boolean; events: number; problems: Problem[] }
    expect(result).toMatchObject({ from: 'csv', to: 'chronotes', written: true, events: 3 })
    expect(result.problems.length).toBeGreaterThanOrEqual(2)
    for (const problem of result.problems) {
      expect(problem.file).toBe('field-notes-bad-rows.csv')
      expect(problem.where).toMatch(/^row \d+/)
      expect(problem.message.length).toBeGreaterThan(5)
    }
  })

  it('reports a file it cannot read at all, and writes nothing', async () => {
    await writeFile(join(dir, 'broken.chronotes.json'), '{"format": "chro')
    const run = await chronotes('convert', 'broken.chronotes.json', '--from', 'chronotes', '--to', 'csv', '-o', 'x.csv')
    expect(run.code).toBe(1)
    expect(run.err[0]).toMatch(/^broken\.chronotes\.json/)
    expect(await exists('x.csv')).toBe(false)
  })
})

describe('chronotes convert: usage errors exit 2', () => {
  it.each([
    [['dataset.chronotes.json', '--to', 'xlsx', '-o', 'x'], /unknown format "xlsx" for --to; it takes one of: .*csv/],
    [['dataset.chronotes.json', '--to', 'csv'], /-o OUT is required/],
    [['dataset.chronotes.json', '-o', 'x.csv'], /--to FORMAT is required/],
    [['dataset.chronotes.json', '--from', 'pdf', '--to', 'csv', '-o', 'x'], /unknown format "pdf" for --from/],
    [['missing.csv', '--to', 'csv', '-o', 'x.csv'], /ENOENT|no such file/],
    [['dataset.chronotes.json', '--to', 'csv', '-o', 'no-such-folder/x.csv'], /ENOENT|no such file/],
    [['dataset.chronotes.json', '--to', 'csv', '-o', 'x.csv', '--colour'], /Unknown option '--colour'/],
    [
      ['field-notes.csv', '--map', 'Occurred=date', '--to', 'csv', '-o', 'x'],
      /"date" is not a field; use one of: ignore, id, start/
    ],
    [
      ['field-notes.csv', '--map', 'When=start', '--to', 'csv', '-o', 'x'],
      /has no column "When"; its columns are: Occurred, Ended, Event/
    ],
    [['field-notes.csv', '--date-order', 'Occurred=ymd', '--to', 'csv', '-o', 'x'], /day-month or month-day/],
    [['a', 'b', '--to', 'csv', '-o', 'x'], /exactly one input file/]
  ])('%j', async (argv, message) => {
    const run = await chronotes('convert', ...argv)
    expect(run.code).toBe(2)
    expect(run.err.join('\n')).toMatch(message)
    expect(await exists('x')).toBe(false)
  })

  it('prints its help with --help, exit 0', async () => {
    const run = await chronotes('convert', '--help')
    expect(run.code).toBe(0)
    expect(run.out.join('\n')).toContain('--date-order COLUMN=day-month|month-day')
  })
})
