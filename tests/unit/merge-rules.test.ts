import { describe, expect, it } from 'vitest'
import { applyMerge, compareDocuments, defaultMergeChoices, mergeChoicesForAll } from '../../src/shared/merge'
import type { Comparison, MergeChoices } from '../../src/shared/merge/types'
import { applyCommand } from '../../src/shared/model/commands'
import { serializeDocument } from '../../src/shared/model/document'
import { DocumentSchema, type TimelineDocument, type TimelineItem } from '../../src/shared/model/schema'
import { STAMP, makeDocument, makeItem, makeNote } from './helpers/documents'

const LATER = '2025-03-06T10:00:00.000Z'
const LATEST = '2025-03-07T10:00:00.000Z'
const NOW = new Date('2025-03-08T00:00:00.000Z')

/** A document of three events, each with one note, and two copies of it. */
function copies() {
  const base = makeDocument({ items: 3, notesPerItem: 1 })
  return { mine: structuredClone(base), theirs: structuredClone(base) }
}

const edit = (item: TimelineItem, patch: Partial<TimelineItem>) => Object.assign(item, patch)
const only = (doc: TimelineDocument, other: TimelineDocument): Comparison => {
  const found = compareDocuments(doc, other).comparisons.filter((c) => c.kind !== 'identical')
  expect(found).toHaveLength(1)
  return found[0]!
}
const merged = (mine: TimelineDocument, theirs: TimelineDocument, choices?: MergeChoices) => {
  const plan = compareDocuments(mine, theirs, { source: 'theirs.json' })
  const result = applyCommand(
    mine,
    applyMerge(mine, plan, choices ?? defaultMergeChoices(plan), { fileName: 'theirs.json', now: NOW })
  )
  expect(DocumentSchema.safeParse(result).success).toBe(true)
  return result
}

describe('changed or conflict, from timestamps', () => {
  it('is changed when only they edited it since the copies last agreed', () => {
    const { mine, theirs } = copies()
    edit(theirs.items[1]!, { title: 'Their title', updatedAt: LATER })
    expect(only(mine, theirs)).toMatchObject({ kind: 'changed', fields: [{ field: 'title' }] })
    expect(compareDocuments(mine, theirs).lastAgreed).toBe(STAMP)
    expect(merged(mine, theirs).items[1]!.title).toBe('Their title')
  })

  it('is a conflict when both edited it, even if theirs is the later edit: mine is kept by default', () => {
    const { mine, theirs } = copies()
    edit(mine.items[1]!, { description: 'My edit', updatedAt: LATER })
    edit(theirs.items[1]!, { title: 'Their title', updatedAt: LATEST })
    expect(only(mine, theirs)).toMatchObject({ kind: 'conflict', reason: 'both-edited' })
    // Mine, stamped as decided at the merge: it is now the newer of the two.
    const once = merged(mine, theirs)
    expect(once.items[1]).toEqual({
      ...mine.items[1],
      updatedAt: NOW.toISOString(),
      provenance: expect.objectContaining({ importedFrom: 'theirs.json', originalId: mine.items[1]!.id })
    })
    // Regression: merging the same file again took theirs, undoing the choice to keep mine. Now the
    // version of theirs compared is recorded: only mine differs from it, and mine is kept unasked.
    const again = compareDocuments(once, theirs, { source: 'theirs.json' })
    expect(again.comparisons.find((c) => c.kind !== 'identical')).toMatchObject({ kind: 'mine-changed' })
    // Without that record (another file name), the timestamps still say both edited it.
    const elsewhere = compareDocuments(once, theirs, { source: 'renamed.json' })
    expect(elsewhere.comparisons.find((c) => c.kind !== 'identical')).toMatchObject({ kind: 'conflict' })
    expect(merged(once, theirs).items[1]).toEqual(once.items[1])
  })

  it('is "mine-changed", kept, when only I edited it', () => {
    const { mine, theirs } = copies()
    edit(mine.items[2]!, { confidence: 'disputed', updatedAt: LATER })
    expect(only(mine, theirs)).toMatchObject({ kind: 'mine-changed' })
    expect(merged(mine, theirs).items[2]!.confidence).toBe('disputed')
  })

  it('is a conflict when the copies share no moment at all, however new theirs is', () => {
    const { mine, theirs } = copies()
    // Their copy was stamped afresh (read back from another format, say): nothing is known in common.
    for (const item of theirs.items) {
      item.createdAt = item.updatedAt = LATER
      for (const note of item.notes) note.createdAt = note.updatedAt = LATER
    }
    edit(theirs.items[0]!, { title: 'Their title', updatedAt: LATEST })
    const plan = compareDocuments(mine, theirs)
    expect(plan.lastAgreed).toBeNull()
    expect(only(mine, theirs)).toMatchObject({ kind: 'conflict', reason: 'history-unknown' })
  })

  it('learns when the copies last agreed from notes too', () => {
    const { mine, theirs } = copies()
    // Event 1 was edited before the copies parted; a note both have was written after that edit.
    const before = '2025-03-06T00:00:00.000Z'
    mine.items[1]!.updatedAt = theirs.items[1]!.updatedAt = before
    edit(theirs.items[1]!, { title: 'Their title', updatedAt: LATEST })
    expect(only(mine, theirs)).toMatchObject({ kind: 'conflict', reason: 'both-edited' })
    const shared = { ...makeNote('Shared'), createdAt: LATER, updatedAt: LATER }
    mine.items[0]!.notes.push(shared)
    theirs.items[0]!.notes.push(structuredClone(shared))
    expect(compareDocuments(mine, theirs).lastAgreed).toBe(LATER)
    expect(only(mine, theirs)).toMatchObject({ kind: 'changed' })
  })

  it('never calls a pair matched by title and date "changed": they were made separately', () => {
    const { mine, theirs } = copies()
    edit(theirs.items[1]!, { id: 'their-id', description: 'Their description', updatedAt: LATEST })
    expect(only(mine, theirs)).toMatchObject({
      kind: 'conflict',
      matchedBy: 'title-and-date',
      reason: 'history-unknown'
    })
  })
})

describe('what counts as a difference', () => {
  it('leaves the order of tags and of notes aside', () => {
    const { mine, theirs } = copies()
    theirs.items[0]!.tags.reverse()
    mine.items[1]!.notes.push(makeNote('Second'))
    theirs.items[1]!.notes = [structuredClone(mine.items[1]!.notes[1]!), structuredClone(mine.items[1]!.notes[0]!)]
    expect(compareDocuments(mine, theirs).comparisons.every((c) => c.kind === 'identical')).toBe(true)
  })

  it('counts a note only I have as no difference, and never removes it', () => {
    const { mine, theirs } = copies()
    theirs.items[2]!.notes = []
    mine.items[1]!.notes.push(makeNote('Mine only'))
    expect(compareDocuments(mine, theirs).comparisons.every((c) => c.kind === 'identical')).toBe(true)
    edit(theirs.items[2]!, { title: 'Their title', updatedAt: LATER })
    const result = merged(mine, theirs)
    expect(result.items[2]!.title).toBe('Their title')
    expect(result.items[2]!.notes).toEqual(mine.items[2]!.notes)
  })

  it('compares their lane as it maps to mine, and matches lanes by title in any case', () => {
    const { mine, theirs } = copies()
    theirs.groups[1] = { ...theirs.groups[1]!, id: 'their-second', title: '  SECOND   lane ' }
    for (const item of theirs.items) if (item.groupId === mine.groups[1]!.id) item.groupId = 'their-second'
    const plan = compareDocuments(mine, theirs)
    expect(plan.laneMap['their-second']).toBe(mine.groups[1]!.id)
    expect(plan.newLanes).toEqual([])
    expect(plan.comparisons.every((c) => c.kind === 'identical')).toBe(true)
  })
})

describe('applying', () => {
  it('adds a new lane only if an event that ends up in the document uses it', () => {
    const { mine, theirs } = copies()
    theirs.groups.push({ id: 'new-lane', title: 'New lane', color: '#123456', order: 5 })
    theirs.items.push(makeItem('new-lane', 7, { id: 'their-new' }))
    const plan = compareDocuments(mine, theirs)
    expect(plan.newLanes).toEqual([{ id: 'new-lane', title: 'New lane', color: '#123456', order: 2 }])
    expect(merged(mine, theirs, mergeChoicesForAll(plan, 'mine')).groups).toHaveLength(2)
    const added = merged(mine, theirs)
    expect(added.groups.at(-1)).toEqual(plan.newLanes[0])
    expect(added.items.at(-1)).toMatchObject({ id: 'their-new', groupId: 'new-lane' })
  })

  it("adds a new event once for 'both'", () => {
    const { mine, theirs } = copies()
    theirs.items.push(makeItem(theirs.groups[0]!.id, 7, { id: 'their-new' }))
    const plan = compareDocuments(mine, theirs)
    expect(merged(mine, theirs, mergeChoicesForAll(plan, 'both')).items.map((item) => item.id)).toEqual([
      ...mine.items.map((item) => item.id),
      'their-new'
    ])
  })

  it('keeps a hostile id such as __proto__ as a key like any other', () => {
    const { mine, theirs } = copies()
    theirs.groups.push({ id: '__proto__', title: 'Proto', color: '#123456', order: 5 })
    theirs.items.push(makeItem('__proto__', 7, { id: '__proto__' }))
    const plan = compareDocuments(mine, theirs)
    expect(Object.hasOwn(plan.laneMap, '__proto__')).toBe(true)
    const skipped = merged(mine, theirs, JSON.parse('{"__proto__": "mine"}') as MergeChoices)
    expect(skipped.items).toHaveLength(3)
    // An unknown value is no choice: the default (a new event is added).
    const added = merged(mine, theirs, { ['__proto__']: 'maybe' } as unknown as MergeChoices)
    expect(added.items.at(-1)).toMatchObject({ id: '__proto__', groupId: '__proto__' })
  })

  it('marks their version of a note on its author when its body is too long to take the mark', () => {
    const { mine, theirs } = copies()
    const long = 'x'.repeat(200_000)
    theirs.items[0]!.notes[0]!.body = long
    const result = merged(mine, theirs)
    const notes = result.items[0]!.notes
    expect(notes).toHaveLength(2)
    expect(notes[1]).toMatchObject({ body: long, author: 'A. Researcher (their version)' })
    expect(() => serializeDocument(result)).not.toThrow()
  })

  it('keeps both events, each with its notes, when the united notes would be too many for one', () => {
    const { mine, theirs } = copies()
    mine.items[0]!.notes = Array.from({ length: 6000 }, (_, n) => makeNote(`Mine ${n}`))
    theirs.items[0]!.notes = Array.from({ length: 6000 }, (_, n) => makeNote(`Theirs ${n}`))
    const result = merged(mine, theirs, mergeChoicesForAll(compareDocuments(mine, theirs), 'theirs'))
    expect(result.items[0]).toBe(mine.items[0])
    expect(result.items.at(-1)).toMatchObject({
      notes: theirs.items[0]!.notes,
      provenance: { originalId: mine.items[0]!.id }
    })
  })

  it('bounds the file name it records in provenance', () => {
    const { mine, theirs } = copies()
    theirs.items.push(makeItem(theirs.groups[0]!.id, 7))
    const plan = compareDocuments(mine, theirs)
    const command = applyMerge(mine, plan, [], { fileName: 'n'.repeat(10_000), now: NOW })
    expect(() => serializeDocument(applyCommand(mine, command))).not.toThrow()
  })

  it('refuses a plan made from another document', () => {
    const { mine, theirs } = copies()
    edit(theirs.items[0]!, { title: 'Their title', updatedAt: LATER })
    const plan = compareDocuments(mine, theirs)
    const other = makeDocument({ items: 3 })
    expect(() => applyMerge(other, plan, [], { fileName: 'x', now: NOW })).toThrow(/another document/)
  })
})

describe('choices', () => {
  it('defaults to theirs for new and changed events, mine for conflicts', () => {
    const { mine, theirs } = copies()
    edit(theirs.items[0]!, { title: 'Changed', updatedAt: LATER })
    edit(mine.items[1]!, { title: 'Mine', updatedAt: LATER })
    edit(theirs.items[1]!, { title: 'Theirs', updatedAt: LATER })
    theirs.items.push(makeItem(theirs.groups[0]!.id, 7))
    const plan = compareDocuments(mine, theirs)
    expect(plan.comparisons.map((c) => c.kind)).toEqual(['changed', 'conflict', 'identical', 'new'])
    expect(defaultMergeChoices(plan)).toEqual(['theirs', 'mine', 'mine', 'theirs'])
    expect(mergeChoicesForAll(plan, 'both')).toEqual(['both', 'both', 'mine', 'both'])
    expect(mergeChoicesForAll(plan, 'mine', ['changed', 'conflict'])).toEqual(['mine', 'mine', 'mine', 'theirs'])
  })
})
