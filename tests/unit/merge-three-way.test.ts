import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/shared/codecs'
import { applyMerge, compareDocuments, defaultMergeChoices } from '../../src/shared/merge'
import type { Comparison, MergeChoice, MergePlan } from '../../src/shared/merge/types'
import { applyCommand } from '../../src/shared/model/commands'
import { LANE_PALETTE } from '../../src/shared/model/lane-palette'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeItem, makeNote } from './helpers/documents'

// The merge review's cases, issue 11: likely duplicates, lane mapping, and the three-way merge
// that remembers the version last taken from a file.

const NOW = new Date('2026-12-04T12:00:00.000Z')
const LATER = new Date('2026-12-05T12:00:00.000Z')

/** A colleague's spreadsheet read as the app reads it (the suggested column mapping confirmed). */
function readSheet(csv: string, fileName = 'colleague.csv', now = NOW): TimelineDocument {
  const bytes = new TextEncoder().encode(csv)
  let result = importFile(bytes, fileName, { now })
  if (result.status === 'needs-mapping') result = importFile(bytes, fileName, { now, mapping: result.suggested })
  if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems))
  return result.document
}

function merge(mine: TimelineDocument, theirs: TimelineDocument, fileName: string, choices?: MergeChoice[]) {
  const plan = compareDocuments(mine, theirs, { source: fileName })
  const command = applyMerge(mine, plan, choices ?? defaultMergeChoices(plan), { fileName, now: NOW })
  const merged = applyCommand(mine, command)
  expect(DocumentSchema.safeParse(merged).success).toBe(true)
  return { plan, merged }
}

const kinds = (plan: MergePlan) => plan.comparisons.map((c) => c.kind)
const notDone = (plan: MergePlan): Comparison[] => plan.comparisons.filter((c) => c.kind !== 'identical')

/** My timeline: one lane "Field reports" (plural) and an event on 4 March 2024. */
function mine(): TimelineDocument {
  const doc = makeDocument({ items: 0 })
  doc.groups = [
    { id: 'field', title: 'Field reports', color: LANE_PALETTE[0]!, order: 0 },
    { id: 'leaks', title: 'Leaks and disclosures', color: LANE_PALETTE[1]!, order: 1 }
  ]
  doc.items = [
    makeItem('field', 0, {
      id: 'workshop',
      kind: 'point',
      start: '2024-03-04',
      title: 'Workshop with Kyiv analysts on open-source imagery',
      notes: [makeNote('My note on the workshop.')],
      sources: [{ title: 'Minutes', outlet: null, url: 'https://example.org/minutes', published: null }]
    })
  ]
  delete doc.items[0]!.end
  return doc
}

const SHEET_HEADER = 'Date,Headline,Details,Category,Link,Notes\n'

describe('likely duplicates', () => {
  it('shows a same-day event with a similar title as "same event?", keeps both by default, merges on request', () => {
    const sheet =
      SHEET_HEADER +
      '2024-03-05,Kyiv analysts workshop on open source imagery,Their account.,Field report,https://example.org/their-report,Olena: I was there.\n' +
      '2024-03-04,Budget hearing in the Rada,Unrelated.,Field report,,\n'
    const theirs = readSheet(sheet)
    const { plan, merged } = merge(mine(), theirs, 'colleague.csv')
    expect(kinds(plan)).toEqual(['duplicate', 'new'])
    const duplicate = plan.comparisons[0]!
    if (duplicate.kind !== 'duplicate') throw new Error(duplicate.kind)
    expect(duplicate.mine.id).toBe('workshop')
    expect(duplicate.score).toBeGreaterThan(0.7)
    expect(duplicate.score).toBeLessThan(1)
    // Keep both is the default: nothing of either side is folded away unasked.
    expect(defaultMergeChoices(plan)[0]).toBe('both')
    expect(merged.items).toHaveLength(3)

    // Merged into mine: my fields, both sides' notes and sources, one event.
    const into = merge(mine(), theirs, 'colleague.csv', ['mine', 'theirs']).merged
    expect(into.items).toHaveLength(2)
    const workshop = into.items.find((item) => item.id === 'workshop')!
    expect(workshop.title).toBe('Workshop with Kyiv analysts on open-source imagery')
    expect(workshop.start).toBe('2024-03-04')
    expect(workshop.notes.map((note) => note.body)).toEqual(['My note on the workshop.', 'I was there.'])
    expect(workshop.sources.map((source) => source.url)).toEqual([
      'https://example.org/minutes',
      'https://example.org/their-report'
    ])
    // Merging the same file again, read anew (a spreadsheet's events get new ids at every reading):
    // their event is recognised as the version last taken, not offered again.
    const reread = readSheet(sheet, 'colleague.csv', LATER)
    expect(reread.items[0]!.id).not.toBe(theirs.items[0]!.id)
    const again = compareDocuments(into, reread, { source: 'colleague.csv' })
    expect(notDone(again).map((c) => c.kind)).toEqual(['mine-changed'])

    // Merged taking their fields: their title and date, my id, every note.
    const taken = merge(mine(), theirs, 'colleague.csv', ['theirs', 'theirs']).merged
    const theirsIn = taken.items.find((item) => item.id === 'workshop')!
    expect(theirsIn.title).toBe('Kyiv analysts workshop on open source imagery')
    expect(theirsIn.notes).toHaveLength(2)
  })

  it('needs overlapping dates: the same title a month away is a new event', () => {
    const theirs = readSheet(
      SHEET_HEADER + '2024-04-10,Workshop with Kyiv analysts on open-source imagery,,Field reports,,\n'
    )
    expect(kinds(compareDocuments(mine(), theirs))).toEqual(['new'])
  })

  it('compares dates at their precision: a month overlaps a day in it', () => {
    const theirs = readSheet(
      SHEET_HEADER + '2024-03,Workshop with the Kyiv analysts on open-source imagery,,Field reports,,\n'
    )
    expect(kinds(compareDocuments(mine(), theirs))).toEqual(['duplicate'])
  })
})

describe('lane mapping', () => {
  it('suggests my lane for a singular, an abbreviation or a near-synonym, and gives new lanes unused colours', () => {
    const doc = mine()
    const theirs = readSheet(
      SHEET_HEADER +
        '2020-01-01,A,,Field report,,\n' +
        '2020-01-02,B,,Leaks,,\n' +
        '2020-01-03,C,,Sanctions,,\n' +
        '2020-01-04,D,,Cyber operations,,\n'
    )
    const plan = compareDocuments(doc, theirs)
    const byTitle = Object.fromEntries(plan.lanes.map((lane) => [lane.theirs.title, lane]))
    expect(byTitle['Field report']).toMatchObject({ target: 'field', isNew: false, suggestedBy: 'name' })
    expect(byTitle['Leaks']).toMatchObject({ target: 'leaks', isNew: false, suggestedBy: 'similar-name' })
    expect(byTitle['Sanctions']).toMatchObject({ isNew: true, suggestedBy: null })
    // The reader gave their lanes the palette's first colours, which my lanes use: new ones get others.
    const used = new Set(doc.groups.map((lane) => lane.color))
    const colours = plan.newLanes.map((lane) => lane.color)
    expect(colours).toHaveLength(2)
    for (const colour of colours) expect(used.has(colour)).toBe(false)
    expect(new Set(colours).size).toBe(2)
  })

  it('follows the user: a lane sent to one of mine, a suggested one made new', () => {
    const theirs = readSheet(SHEET_HEADER + '2020-01-01,A,,Field report,,\n2020-01-02,B,,Sanctions,,\n')
    const [report, sanctions] = theirs.groups
    const plan = compareDocuments(mine(), theirs, { lanes: { [report!.id]: null, [sanctions!.id]: 'leaks' } })
    expect(plan.laneMap[sanctions!.id]).toBe('leaks')
    expect(plan.newLanes.map((lane) => lane.title)).toEqual(['Field report'])
    const { merged } = merge(mine(), theirs, 'colleague.csv')
    expect(merged.groups.map((lane) => lane.title)).toEqual(['Field reports', 'Leaks and disclosures', 'Sanctions'])
  })
})

describe('three-way: the version last taken from the same file', () => {
  const first =
    SHEET_HEADER + '2024-06-10,Interview with a former HUR liaison officer,Background interview.,Field reports,,\n'
  const taken = () => {
    const { merged } = merge(mine(), readSheet(first), 'colleague.csv')
    expect(merged.items).toHaveLength(2)
    return merged
  }
  const interview = (doc: TimelineDocument) => doc.items.find((item) => item.title.startsWith('Interview'))!

  it('their side only: "changed", theirs taken by default (regression: was a conflict keeping mine)', () => {
    const updated = readSheet(
      first.replace('Background interview.', '"Background interview, not for attribution."'),
      'colleague.csv',
      LATER
    )
    const { plan, merged } = merge(taken(), updated, 'colleague.csv')
    expect(notDone(plan)).toMatchObject([{ kind: 'changed', fields: [{ field: 'description' }] }])
    expect(defaultMergeChoices(plan)).toContain('theirs')
    expect(interview(merged).description).toBe('Background interview, not for attribution.')
  })

  it('a spreadsheet read again gives its notes new ids: the same author and words are the same note', () => {
    const sheet = SHEET_HEADER + '2024-06-10,Interview,Background.,Field reports,,Olena: Not for attribution.\n'
    const once = merge(mine(), readSheet(sheet), 'colleague.csv').merged
    const again = merge(once, readSheet(sheet, 'colleague.csv', LATER), 'colleague.csv')
    expect(notDone(again.plan)).toEqual([])
    expect(again.merged.items.find((item) => item.title === 'Interview')!.notes).toHaveLength(1)
  })

  it('my side only: "mine-changed", mine kept', () => {
    const doc = taken()
    interview(doc).confidence = 'confirmed'
    const { plan, merged } = merge(doc, readSheet(first, 'colleague.csv', LATER), 'colleague.csv')
    expect(notDone(plan).map((c) => c.kind)).toEqual(['mine-changed'])
    expect(interview(merged).confidence).toBe('confirmed')
  })

  it('both sides: a conflict, mine kept by default; then the decision is remembered', () => {
    const doc = taken()
    interview(doc).description = 'My rewrite.'
    const updated = readSheet(first.replace('Background interview.', 'Their rewrite.'), 'colleague.csv', LATER)
    const { plan, merged } = merge(doc, updated, 'colleague.csv')
    expect(notDone(plan)).toMatchObject([{ kind: 'conflict', reason: 'both-edited' }])
    expect(interview(merged).description).toBe('My rewrite.')
    const again = compareDocuments(merged, updated, { source: 'colleague.csv' })
    expect(notDone(again).map((c) => c.kind)).toEqual(['mine-changed'])
  })

  it('the record belongs to one file: another file with the same event gets no three-way verdict', () => {
    const updated = readSheet(first.replace('Background interview.', 'Other text.'), 'someone-else.csv', LATER)
    const plan = compareDocuments(taken(), updated, { source: 'someone-else.csv' })
    expect(notDone(plan)).toMatchObject([{ kind: 'conflict', reason: 'history-unknown' }])
  })

  it('their copy taken from mine as it is now: only they changed it', () => {
    const doc = mine()
    const theirs = structuredClone(doc)
    // They merged my file (their provenance records my version), then edited the description.
    const back = merge(theirs, doc, 'mine.json').merged
    back.items[0]!.description = 'Edited by them.'
    back.items[0]!.updatedAt = doc.items[0]!.updatedAt // timestamps alone could not tell
    const plan = compareDocuments(doc, back, { source: 'theirs.json' })
    // The pair was identical when they merged, so nothing was recorded on their side: still unknown.
    expect(notDone(plan).map((c) => c.kind)).toEqual(['conflict'])
    // A pair they took from me (my version differed, they kept it) records it.
    const mineEdited = structuredClone(doc)
    mineEdited.items[0]!.title = 'Workshop (my title)'
    const theirCopy = merge(theirs, mineEdited, 'mine.json', ['theirs']).merged
    theirCopy.items[0]!.description = 'Edited by them.'
    const planned = compareDocuments(mineEdited, theirCopy, { source: 'theirs.json' })
    expect(notDone(planned).map((c) => c.kind)).toEqual(['changed'])
  })
})

describe('no note is ever lost, likely duplicates included', () => {
  it('holds for random notes on both sides and any choice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
        fc.constantFrom<MergeChoice>('mine', 'theirs', 'both'),
        (mineNotes, theirNotes, choice) => {
          const doc = mine()
          doc.items[0]!.notes = mineNotes.map((body) => makeNote(body))
          const theirs = readSheet(
            SHEET_HEADER + '2024-03-04,Kyiv analysts workshop on open source imagery,,Field reports,,\n'
          )
          theirs.items[0]!.notes = theirNotes.map((body) => makeNote(body, 'B. Colleague'))
          const plan = compareDocuments(doc, theirs, { source: 'colleague.csv' })
          expect(kinds(plan)).toEqual(['duplicate'])
          const merged = applyCommand(doc, applyMerge(doc, plan, [choice], { fileName: 'colleague.csv', now: NOW }))
          const bodies = merged.items.flatMap((item) => item.notes.map((note) => note.body))
          for (const body of [...mineNotes, ...theirNotes]) expect(bodies).toContain(body)
          expect(bodies).toHaveLength(mineNotes.length + theirNotes.length)
        }
      ),
      { numRuns: 60 }
    )
  })
})
