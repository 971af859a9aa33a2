/**
 * `chronotes merge`, through main() with a capturing io and real files: two copies of the dataset
 * edited apart (each with notes), merged with each --prefer; no note may be lost.
 */
import { readFileSync } from 'node:fs'
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { Note, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { useTempDirs } from './helpers/library'

const DATASET = resolve('resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')
const FIXTURES = resolve('tests/fixtures/cli')
const BEFORE = '2026-11-26T00:00:00.000Z' // the dataset's own timestamps: when the copies agreed
const MINE_EDIT = '2026-12-01T10:00:00.000Z'
const THEIR_EDIT = '2026-12-02T10:00:00.000Z'

const tempDir = useTempDirs()
let dir: string

interface Summary {
  new: number
  identical: number
  changed: number
  conflicts: number
  kept: Record<'mine' | 'theirs' | 'both', number>
  lanesAdded: number
  notesAdded: number
  eventsBefore: number
  eventsAfter: number
}

async function chronotes(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
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

function note(id: string, body: string, at: string, author = 'A. Researcher'): Note {
  return { id, author, body, createdAt: at, updatedAt: at }
}

const dataset = JSON.parse(readFileSync(DATASET, 'utf8')) as TimelineDocument
const [noted, shared, changed, disputed] = dataset.items.map((item) => item.id)

/** Edits one copy's event in place. */
function edit(doc: TimelineDocument, id: string, change: (item: TimelineItem) => void): void {
  change(doc.items.find((item) => item.id === id)!)
}

/**
 * Two copies of the dataset, with notes, edited apart:
 * - `noted`: each side adds its own note;
 * - `shared`: a note both have, then edited by both (both versions must stay);
 * - `changed`: they rewrote its description (changed on their side only);
 * - `disputed`: I marked it disputed, they marked it confirmed (a conflict);
 * - they added an event, with a note, in a lane I do not have.
 */
function copies(): { mine: TimelineDocument; theirs: TimelineDocument } {
  const base = structuredClone(dataset)
  edit(base, shared!, (item) => item.notes.push(note('n-shared', 'Both of us saw this.', BEFORE)))
  const mine = structuredClone(base)
  const theirs = structuredClone(base)

  edit(mine, noted!, (item) => item.notes.push(note('n-mine', 'My note: check the month.', MINE_EDIT)))
  edit(theirs, noted!, (item) => item.notes.push(note('n-theirs', 'Their note: Kyiv Post agrees.', THEIR_EDIT, 'B')))
  edit(mine, shared!, (item) => (item.notes[0] = { ...item.notes[0]!, body: 'Mine, edited.', updatedAt: MINE_EDIT }))
  edit(
    theirs,
    shared!,
    (item) => (item.notes[0] = { ...item.notes[0]!, body: 'Theirs, edited.', updatedAt: THEIR_EDIT })
  )
  edit(theirs, changed!, (item) => Object.assign(item, { description: 'Rewritten by them.', updatedAt: THEIR_EDIT }))
  edit(mine, disputed!, (item) => Object.assign(item, { confidence: 'disputed', updatedAt: MINE_EDIT }))
  edit(theirs, disputed!, (item) => Object.assign(item, { confidence: 'confirmed', updatedAt: THEIR_EDIT }))
  theirs.groups.push({ id: 'sanctions', title: 'Sanctions', color: '#117733', order: 8 })
  theirs.items.push({
    ...structuredClone(dataset.items[5]!),
    id: 'their-new-event',
    groupId: 'sanctions',
    title: 'EU sanctions package adopted',
    start: '2022-02-23',
    kind: 'point',
    notes: [note('n-new', 'Only they have this event.', THEIR_EDIT, 'B')],
    createdAt: THEIR_EDIT,
    updatedAt: THEIR_EDIT
  })
  delete theirs.items.at(-1)!.end
  return { mine, theirs }
}

/** Every note body of a document, with the event it sits on. */
function notesOf(doc: TimelineDocument): { item: string; body: string; id: string }[] {
  return doc.items.flatMap((item) => item.notes.map((n) => ({ item: item.id, body: n.body, id: n.id })))
}

function expectNoNoteLost(merged: TimelineDocument, ...sources: TimelineDocument[]): void {
  const bodies = notesOf(merged).map((n) => n.body)
  for (const source of sources)
    for (const { body } of notesOf(source)) expect(bodies.some((kept) => kept.endsWith(body))).toBe(true)
  const ids = new Set(notesOf(merged).map((n) => n.id))
  for (const { id } of notesOf(sources[0]!)) expect(ids.has(id)).toBe(true)
}

beforeEach(async () => {
  dir = await tempDir()
  const { mine, theirs } = copies()
  await writeFile(join(dir, 'mine.chronotes.json'), serializeDocument(mine))
  await writeFile(join(dir, 'theirs.chronotes.json'), serializeDocument(theirs))
})

describe('chronotes merge', () => {
  const byId = (doc: TimelineDocument, id: string) => doc.items.filter((item) => item.id === id)
  const all = (doc: TimelineDocument, title: string) => doc.items.filter((item) => item.title === title)

  // What each choice does to the two events whose fields differ (one changed, one in conflict);
  // the two that differ only in notes gain the notes whatever the choice.
  it.each([
    ['mine', 89, { mine: 2, theirs: 0, both: 0 }, 'disputed'],
    ['theirs', 89, { mine: 0, theirs: 2, both: 0 }, 'confirmed'],
    ['both', 91, { mine: 0, theirs: 0, both: 2 }, 'disputed'],
    [undefined, 89, { mine: 1, theirs: 1, both: 0 }, 'disputed']
  ] as const)('--prefer %s', async (prefer, events, kept, confidence) => {
    const args = ['mine.chronotes.json', 'theirs.chronotes.json', '-o', 'merged.chronotes.json', '--json']
    const run = await chronotes('merge', ...args, ...(prefer ? ['--prefer', prefer] : []))
    expect(run.err).toEqual([])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.out.join('\n')) as { summary: Summary; problems: unknown[]; prefer: string | null }
    expect(result.problems).toEqual([])
    expect(result.prefer).toBe(prefer ?? null)
    expect(result.summary).toEqual({
      new: 1,
      identical: 84,
      changed: 3,
      notesOnly: 2,
      mineChanged: 0,
      conflicts: 1,
      likelyDuplicates: 0,
      duplicatesMerged: 0,
      kept,
      lanesAdded: 1,
      notesAdded: expect.any(Number),
      eventsBefore: 88,
      eventsAfter: events
    })

    const merged = await readChronotes('merged.chronotes.json')
    const { mine, theirs } = copies()
    expect(merged.items).toHaveLength(events)
    expect(merged.updatedAt > mine.updatedAt).toBe(true)
    expectNoNoteLost(merged, mine, theirs)
    expect(result.summary.notesAdded).toBe(notesOf(merged).length - notesOf(mine).length)

    // The new event is always added, in their lane, with its provenance.
    const [added] = byId(merged, 'their-new-event')
    expect(added?.notes.map((n) => n.body)).toEqual(['Only they have this event.'])
    expect(merged.groups.find((group) => group.id === added!.groupId)?.title).toBe('Sanctions')
    expect(added?.provenance).toMatchObject({ importedFrom: 'theirs.chronotes.json', originalId: 'their-new-event' })

    // My event keeps its id and both sides' notes whatever the choice.
    const [own] = byId(merged, noted!)
    expect(own!.notes.map((n) => n.id).sort()).toEqual(['n-mine', 'n-theirs'])
    const sharedBodies = byId(merged, shared!)[0]!.notes.map((n) => n.body)
    expect(sharedBodies[0]).toBe('Mine, edited.')
    expect(sharedBodies.some((body) => body.endsWith('Theirs, edited.'))).toBe(true)

    const changedTitle = dataset.items[2]!.title
    const descriptions = all(merged, changedTitle).map((item) => item.description)
    const original = dataset.items[2]!.description
    const disputedVersions = all(merged, dataset.items[3]!.title).map((item) => item.confidence)
    expect(byId(merged, disputed!)[0]!.confidence).toBe(confidence)
    if (prefer === 'mine') expect(descriptions).toEqual([original])
    else if (prefer === 'both') {
      expect(descriptions).toEqual([original, 'Rewritten by them.'])
      expect(disputedVersions).toEqual(['disputed', 'confirmed'])
    } else expect(descriptions).toEqual(['Rewritten by them.'])
  })

  it('prints a summary', async () => {
    const run = await chronotes(
      'merge',
      'mine.chronotes.json',
      'theirs.chronotes.json',
      '-o',
      'm.json',
      '--prefer',
      'both'
    )
    expect(run.code).toBe(0)
    const text = run.out.join('\n')
    expect(run.out[0]).toBe('m.json: merged theirs.chronotes.json (chronotes) into mine.chronotes.json')
    expect(text).toMatch(/new: +1 \(added\)/)
    expect(text).toMatch(/conflicts: +1/)
    expect(text).toMatch(/notes added: +\d+/)
    expect(text).toMatch(/events: +88 → 91/)
  })

  it('adds nothing when the same file is merged again', async () => {
    await chronotes('merge', 'mine.chronotes.json', 'theirs.chronotes.json', '-o', 'once.json')
    const args = ['once.json', 'theirs.chronotes.json', '-o', 'twice.json', '--json', '--prefer', 'mine']
    const run = await chronotes('merge', ...args)
    expect(run.code).toBe(0)
    const { summary } = JSON.parse(run.out.join('\n')) as { summary: Summary }
    expect(summary).toMatchObject({ new: 0, notesAdded: 0, lanesAdded: 0, eventsBefore: 89, eventsAfter: 89 })
    expect((await readChronotes('twice.json')).items).toEqual((await readChronotes('once.json')).items)
  })

  it('leaves MINE as it was', async () => {
    const before = await readFile(join(dir, 'mine.chronotes.json'), 'utf8')
    await chronotes('merge', 'mine.chronotes.json', 'theirs.chronotes.json', '-o', 'm.json', '--prefer', 'theirs')
    expect(await readFile(join(dir, 'mine.chronotes.json'), 'utf8')).toBe(before)
  })

  it("merges a colleague's spreadsheet, and keeps its notes", async () => {
    expect((await chronotes('convert', 'theirs.chronotes.json', '--to', 'csv', '-o', 'theirs.csv')).code).toBe(0)
    const run = await chronotes('merge', 'mine.chronotes.json', 'theirs.csv', '-o', 'm.json', '--json')
    expect(run.code).toBe(0)
    const merged = await readChronotes('m.json')
    const { mine, theirs } = copies()
    expectNoNoteLost(merged, mine, theirs)
    expect(byId(merged, 'their-new-event')).toHaveLength(1)
  })

  it('reports the rows of THEIRS it could not read, merges the rest, and exits 1', async () => {
    await copyFile(join(FIXTURES, 'field-notes-bad-rows.csv'), join(dir, 'bad.csv'))
    const map = ['Occurred=start', 'Ended=end', 'Event=title', 'Workstream=group'].flatMap((m) => ['--map', m])
    const order = ['--date-order', 'Occurred=day-month', '--date-order', 'Ended=day-month']
    const run = await chronotes('merge', 'mine.chronotes.json', 'bad.csv', ...map, ...order, '-o', 'm.json')
    expect(run.code).toBe(1)
    expect(run.err.filter((line) => line.startsWith('bad.csv, row '))).toHaveLength(2)
    expect(run.out.join('\n')).toMatch(/2 problems reading THEIRS/)
    expect((await readChronotes('m.json')).items.length).toBeGreaterThanOrEqual(88 + 1)
  })

  it('reports likely duplicates and the lane mapping; keeps both unless --merge-duplicates', async () => {
    await copyFile(DATASET, join(dir, 'dataset.chronotes.json'))
    await copyFile(resolve('tests/fixtures/import-e2e/colleague-notes.csv'), join(dir, 'colleague-notes.csv'))
    const args = ['merge', 'dataset.chronotes.json', 'colleague-notes.csv', '-o', 'out.chronotes.json']
    const kept = await chronotes(...args, '--json')
    expect(kept.code).toBe(0)
    const result = JSON.parse(kept.out.join('\n')) as {
      summary: Summary & { likelyDuplicates: number; duplicatesMerged: number }
      likelyDuplicates: { mine: { title: string }; theirs: { title: string }; score: number; merged: boolean }[]
      laneMapping: { theirs: { title: string }; to: string; isNew: boolean; suggestedBy: string | null }[]
    }
    expect(result.summary).toMatchObject({ new: 2, likelyDuplicates: 1, duplicatesMerged: 0, identical: 0 })
    expect(result.likelyDuplicates).toEqual([
      {
        mine: expect.objectContaining({ title: 'Discord leaker Jack Teixeira gets 15 years in prison' }),
        theirs: expect.objectContaining({
          title: 'Jack Teixeira, the Discord leaker, sentenced to 15 years in prison'
        }),
        score: expect.any(Number),
        merged: false
      }
    ])
    expect(result.likelyDuplicates[0]!.score).toBeGreaterThan(0.7)
    expect(
      result.laneMapping.map((lane) => [lane.theirs.title, lane.isNew ? 'new' : lane.to, lane.suggestedBy])
    ).toEqual([
      ['Leak', 'leak-or-disclosure', 'similar-name'],
      ['Russian action', 'russian-action', 'name'],
      ['Sanctions', 'new', null]
    ])
    expect((await readChronotes('out.chronotes.json')).items).toHaveLength(91)

    const merged = await chronotes(...args, '--merge-duplicates')
    expect(merged.code).toBe(0)
    const text = merged.out.join('\n')
    expect(text).toMatch(/duplicates\?: +1 \(1 merged into mine\)/)
    expect(text).toContain('lane:         “Leak” → “Leaks and disclosures” (similar name)')
    expect(text).toContain('lane:         “Sanctions” added as a new lane')
    const doc = await readChronotes('out.chronotes.json')
    expect(doc.items).toHaveLength(90)
    const teixeira = doc.items.find((item) => item.title === 'Discord leaker Jack Teixeira gets 15 years in prison')!
    expect(teixeira.notes.map((note) => note.body)).toContain('checked against the court docket on 13 November.')
  })

  it('reports a MINE that breaks the schema, and writes nothing', async () => {
    await writeFile(join(dir, 'broken.chronotes.json'), JSON.stringify({ ...dataset, title: '' }))
    const run = await chronotes('merge', 'broken.chronotes.json', 'theirs.chronotes.json', '-o', 'm.json')
    expect(run.code).toBe(1)
    expect(run.err[0]).toBe('broken.chronotes.json, title: must not be empty')
    expect(run.err.at(-1)).toBe('chronotes merge: nothing written to m.json')
    await expect(stat(join(dir, 'm.json'))).rejects.toThrow()
  })

  it.each([
    [['mine.chronotes.json', 'theirs.chronotes.json'], /-o OUT is required/],
    [['mine.chronotes.json', '-o', 'm.json'], /two files: MINE/],
    [
      ['mine.chronotes.json', 'theirs.chronotes.json', '-o', 'm.json', '--prefer', 'newest'],
      /--prefer takes mine, theirs/
    ],
    [['theirs.csv', 'mine.chronotes.json', '-o', 'm.json'], /MINE must be a Chronotes file/],
    [['mine.chronotes.json', 'nowhere.csv', '-o', 'm.json'], /ENOENT|no such file/]
  ])('usage error %j exits 2', async (argv, message) => {
    await writeFile(join(dir, 'theirs.csv'), 'date,title\n2014,A\n')
    const run = await chronotes('merge', ...argv)
    expect(run.code).toBe(2)
    expect(run.err.join('\n')).toMatch(message)
    await expect(stat(join(dir, 'm.json'))).rejects.toThrow()
  })
})
