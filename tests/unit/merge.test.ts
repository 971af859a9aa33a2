import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyMerge, compareDocuments, defaultMergeChoices, mergeChoicesForAll } from '../../src/shared/merge'
import type { Comparison, MergeChoice, MergePlan } from '../../src/shared/merge/types'
import { applyCommand, invertCommand, type Command } from '../../src/shared/model/commands'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { Note, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'

// The bundled dataset against a colleague's copy of it: both started from the same file (every
// stamp DATASET_AT), then each side edited it — they on 1 December, I on 2 December.
const DATASET_AT = '2026-11-26T00:00:00.000Z'
const THEIRS_AT = '2026-12-01T10:00:00.000Z'
const MINE_AT = '2026-12-02T09:00:00.000Z'
const NOW = new Date('2026-12-03T08:00:00.000Z')
const FILE = 'colleague.chronotes.json'

const text = readFileSync(
  new URL('../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json', import.meta.url),
  'utf8'
)

function note(id: string, body: string, at: string, author = 'A. Researcher'): Note {
  return { id, author, body, createdAt: at, updatedAt: at }
}

function scenario() {
  const read = readDocument(text)
  if (!read.ok) throw new Error('the dataset did not validate')
  const base = read.document
  base.items[0]!.notes = [note('note-shared', 'Check the Kyiv Post date.', DATASET_AT)]
  const mine = structuredClone(base)
  const theirs = structuredClone(base)
  const [m, t] = [mine.items, theirs.items]
  const ids = base.items.map((item) => item.id)

  // 0: the same note edited on both sides.
  m[0]!.notes = [{ ...m[0]!.notes[0]!, body: 'Kyiv Post date checked: 26 February.', updatedAt: MINE_AT }]
  t[0]!.notes = [{ ...t[0]!.notes[0]!, body: 'The Kyiv Post piece is from 2024.', updatedAt: THEIRS_AT }]
  // 1: untouched (identical). 2: changed on their side only, from a point to a range.
  t[2] = {
    ...t[2]!,
    title: 'House Republicans urge intelligence sharing with Kyiv',
    kind: 'range',
    end: '2014-03-27',
    confidence: 'reported',
    updatedAt: THEIRS_AT
  }
  // 3: a conflict: both edited it.
  m[3] = { ...m[3]!, description: 'Brennan visits Kyiv (my rewrite).', updatedAt: MINE_AT }
  t[3] = {
    ...t[3]!,
    description: 'Brennan visits Kyiv (their rewrite).',
    tags: [...t[3]!.tags, 'visit'],
    updatedAt: THEIRS_AT
  }
  // 4: their copy has another id and is otherwise the same.
  t[4] = { ...t[4]!, id: 'their-copy-of-4' }
  // 5: another id, the title in other case and punctuation, their own description: matched by
  // title and date, a conflict.
  t[5] = {
    ...t[5]!,
    id: 'their-copy-of-5',
    title: 'BILD am Sonntag — CIA and FBI experts are advising Ukraine',
    description: 'Their account of the Bild report.',
    updatedAt: THEIRS_AT
  }
  // 6: notes added on both sides.
  m[6]!.notes = [note('note-mine-6', 'My note on MH17.', MINE_AT)]
  t[6]!.notes = [note('note-theirs-6', 'Their note on MH17.', THEIRS_AT, 'B. Colleague')]
  // 7: edited on my side only.
  m[7] = { ...m[7]!, title: 'Kerry presents evidence on MH17', updatedAt: MINE_AT }
  // Their "Military aid" lane has another id; "Sanctions" is new with a new event; "Empty" is unused.
  for (const item of t) if (item.groupId === 'military-aid') item.groupId = 'their-military-aid'
  theirs.groups = theirs.groups.map((g) =>
    g.id === 'military-aid' ? { ...g, id: 'their-military-aid', title: 'MILITARY AID ' } : g
  )
  theirs.groups.push({ id: 'sanctions', title: 'Sanctions', color: '#117733', order: 8 })
  theirs.groups.push({ id: 'empty', title: 'Empty', color: '#332288', order: 9 })
  const added: TimelineItem = {
    ...t[1]!,
    id: 'their-new-event',
    groupId: 'sanctions',
    start: '2014-03-17',
    title: 'US and EU announce the first sanctions over Crimea',
    notes: [note('note-new', 'Their note on the sanctions.', THEIRS_AT, 'B. Colleague')],
    createdAt: THEIRS_AT,
    updatedAt: THEIRS_AT
  }
  t.push(added)
  return { mine, theirs, ids }
}

const byTheirId = (plan: MergePlan, id: string): Comparison => {
  const found = plan.comparisons.find((c) => c.theirs.id === id)
  if (!found) throw new Error(`no comparison for ${id}`)
  return found
}

function merge(mine: TimelineDocument, plan: MergePlan, choices: MergeChoice[]) {
  const command = applyMerge(mine, plan, choices, { fileName: FILE, now: NOW })
  return { command, merged: applyCommand(mine, command) }
}

const itemOf = (doc: TimelineDocument, id: string) => doc.items.find((item) => item.id === id)!

describe('compareDocuments on the dataset and a colleague copy', () => {
  let s: ReturnType<typeof scenario>
  let plan: MergePlan
  beforeAll(() => {
    s = scenario()
    plan = compareDocuments(s.mine, s.theirs)
  })

  it('classifies every event of theirs', () => {
    const kinds = (kind: Comparison['kind']) => plan.comparisons.filter((c) => c.kind === kind).map((c) => c.theirs.id)
    const { ids } = s
    expect(plan.comparisons).toHaveLength(89)
    expect(kinds('new')).toEqual(['their-new-event'])
    expect(kinds('changed')).toEqual([ids[0], ids[2], ids[6]])
    expect(kinds('mine-changed')).toEqual([ids[7]])
    expect(kinds('conflict')).toEqual([ids[3], 'their-copy-of-5'])
    expect(kinds('identical')).toHaveLength(82)
    expect(plan.lastAgreed).toBe(DATASET_AT)
  })

  it('matches by id first, then by title and date', () => {
    const four = byTheirId(plan, 'their-copy-of-4')
    expect(four).toMatchObject({ kind: 'identical', matchedBy: 'title-and-date', mine: { id: s.ids[4] } })
    const five = byTheirId(plan, 'their-copy-of-5')
    expect(five).toMatchObject({ kind: 'conflict', matchedBy: 'title-and-date', reason: 'history-unknown' })
    expect(byTheirId(plan, s.ids[1]!)).toMatchObject({ kind: 'identical', matchedBy: 'id' })
  })

  it('lists the differing fields of changed and conflicting events', () => {
    const [m, t] = [s.mine.items, s.theirs.items]
    expect(byTheirId(plan, s.ids[2]!)).toMatchObject({
      kind: 'changed',
      fields: [
        { field: 'title', mine: m[2]!.title, theirs: 'House Republicans urge intelligence sharing with Kyiv' },
        { field: 'end', mine: undefined, theirs: '2014-03-27' },
        { field: 'kind', mine: 'point', theirs: 'range' },
        { field: 'confidence', mine: 'confirmed', theirs: 'reported' }
      ]
    })
    expect(byTheirId(plan, s.ids[3]!)).toMatchObject({
      kind: 'conflict',
      reason: 'both-edited',
      fields: [
        {
          field: 'description',
          mine: 'Brennan visits Kyiv (my rewrite).',
          theirs: 'Brennan visits Kyiv (their rewrite).'
        },
        { field: 'tags', mine: ['cia', 'brennan', 'kyiv'], theirs: ['cia', 'brennan', 'kyiv', 'visit'] }
      ]
    })
    expect(byTheirId(plan, s.ids[7]!)).toMatchObject({
      kind: 'mine-changed',
      fields: [{ field: 'title', mine: 'Kerry presents evidence on MH17', theirs: t[7]!.title }]
    })
    expect(byTheirId(plan, 'their-copy-of-5')).toMatchObject({
      fields: [
        { field: 'title', mine: m[5]!.title, theirs: 'BILD am Sonntag — CIA and FBI experts are advising Ukraine' },
        { field: 'description', mine: m[5]!.description, theirs: 'Their account of the Bild report.' }
      ]
    })
  })

  it('describes notes by id: added on both sides, and edited on both sides', () => {
    const six = byTheirId(plan, s.ids[6]!)
    if (six.kind !== 'changed') throw new Error(six.kind)
    expect(six.fields).toEqual([{ field: 'notes', mine: s.mine.items[6]!.notes, theirs: s.theirs.items[6]!.notes }])
    expect(six.notes).toEqual({ theirsOnly: s.theirs.items[6]!.notes, mineOnly: s.mine.items[6]!.notes, edited: [] })
    const zero = byTheirId(plan, s.ids[0]!)
    if (zero.kind !== 'changed') throw new Error(zero.kind)
    expect(zero.notes.edited).toEqual([{ mine: s.mine.items[0]!.notes[0], theirs: s.theirs.items[0]!.notes[0] }])
    expect(zero.notes.theirsOnly).toEqual([])
  })

  it('maps lanes by id, then by title in any case; the rest are new, ordered after mine', () => {
    expect(plan.laneMap['their-military-aid']).toBe('military-aid')
    expect(plan.laneMap['diplomacy']).toBe('diplomacy')
    expect(plan.laneMap['sanctions']).toBe('sanctions')
    expect(plan.newLanes).toEqual([
      { id: 'sanctions', title: 'Sanctions', color: '#117733', order: 8 },
      { id: 'empty', title: 'Empty', color: '#332288', order: 9 }
    ])
    // Their military-aid events are in the same lane as mine once mapped: no lane difference.
    expect(byTheirId(plan, s.ids[9]!)).toMatchObject({ kind: 'identical' })
  })
})

describe('applyMerge on the dataset and a colleague copy', () => {
  let s: ReturnType<typeof scenario>
  let plan: MergePlan
  beforeAll(() => {
    s = scenario()
    plan = compareDocuments(s.mine, s.theirs)
  })
  const provenance = (originalId: string) => ({
    importedFrom: FILE,
    importedAt: NOW.toISOString(),
    originalId,
    base: expect.stringMatching(/^[0-9a-f]{28}$/)
  })
  /** My event as the merge keeps it: my fields, with the version of theirs it was compared with recorded. */
  const keptMine = (item: TimelineItem, originalId = item.id) => ({
    ...item,
    updatedAt: expect.any(String),
    provenance: provenance(originalId)
  })

  it('by default adds the new, takes the changed, keeps mine in conflicts, and unites notes', () => {
    const { command, merged } = merge(s.mine, plan, defaultMergeChoices(plan))
    expect(command.type).toBe('batch')
    if (command.type !== 'batch') return
    // The lane first, before the event that needs it; the unused new lane is not added.
    expect(command.commands[0]).toMatchObject({ type: 'group', before: null, after: { id: 'sanctions' } })
    expect(merged.groups.map((g) => g.id)).toEqual([...s.mine.groups.map((g) => g.id), 'sanctions'])
    expect(merged.items).toHaveLength(89)
    expect(itemOf(merged, 'their-new-event')).toEqual({
      ...s.theirs.items[88],
      provenance: provenance('their-new-event')
    })
    const [m, t] = [s.mine.items, s.theirs.items]
    expect(itemOf(merged, s.ids[2]!)).toEqual({
      ...t[2],
      provenance: provenance(s.ids[2]!),
      createdAt: DATASET_AT,
      updatedAt: THEIRS_AT
    })
    expect(itemOf(merged, s.ids[3]!)).toEqual(keptMine(m[3]!))
    expect(itemOf(merged, s.ids[5]!)).toEqual(keptMine(m[5]!, 'their-copy-of-5'))
    expect(itemOf(merged, s.ids[7]!)).toEqual(keptMine(m[7]!))
    expect(itemOf(merged, s.ids[6]!).notes).toEqual([...m[6]!.notes, ...t[6]!.notes])
    const zero = itemOf(merged, s.ids[0]!).notes
    expect(zero).toHaveLength(2)
    expect(zero[0]).toEqual(m[0]!.notes[0])
    expect(zero[1]).toEqual({
      ...t[0]!.notes[0],
      id: expect.not.stringMatching(/^note-shared$/),
      body: '(their version)\n\nThe Kyiv Post piece is from 2024.'
    })
    // Untouched events are the very same objects.
    expect(itemOf(merged, s.ids[1]!)).toBe(m[1])
    expect(() => serializeDocument(merged)).not.toThrow()
  })

  it("'theirs' for all takes their fields, my id kept, for every changed or conflicting event", () => {
    const { merged } = merge(s.mine, plan, mergeChoicesForAll(plan, 'theirs'))
    const t = s.theirs.items
    expect(itemOf(merged, s.ids[3]!)).toMatchObject({
      description: t[3]!.description,
      tags: t[3]!.tags,
      provenance: provenance(s.ids[3]!)
    })
    expect(itemOf(merged, s.ids[5]!)).toMatchObject({
      description: 'Their account of the Bild report.',
      provenance: provenance('their-copy-of-5')
    })
    expect(itemOf(merged, s.ids[7]!)).toMatchObject({ title: t[7]!.title, updatedAt: DATASET_AT })
    expect(merged.items.some((item) => item.id === 'their-copy-of-5')).toBe(false)
    expect(itemOf(merged, s.ids[6]!).notes).toHaveLength(2)
    expect(merged.items).toHaveLength(89)
  })

  it("'mine' for all adds nothing, changes no field, and still unites notes", () => {
    const { merged } = merge(s.mine, plan, mergeChoicesForAll(plan, 'mine'))
    expect(merged.items).toHaveLength(88)
    expect(merged.groups).toEqual(s.mine.groups)
    const m = s.mine.items
    expect(itemOf(merged, s.ids[2]!)).toEqual(keptMine(m[2]!))
    expect(itemOf(merged, s.ids[6]!)).toEqual({
      ...keptMine(m[6]!),
      notes: [...m[6]!.notes, ...s.theirs.items[6]!.notes]
    })
    expect(itemOf(merged, s.ids[0]!).notes).toHaveLength(2)
  })

  it("'both' for all keeps mine with every note and adds theirs beside it, with provenance", () => {
    const { merged } = merge(s.mine, plan, mergeChoicesForAll(plan, 'both'))
    const copied = [0, 2, 3, 5, 6, 7].map((index) => s.theirs.items[index]!)
    expect(merged.items).toHaveLength(88 + 1 + copied.length)
    for (const theirs of copied) {
      // The copy, not my event (which records their version it was compared with, under the same id).
      const mineIds = new Set(s.mine.items.map((item) => item.id))
      const copy = merged.items.find((item) => item.provenance?.originalId === theirs.id && !mineIds.has(item.id))
      expect(copy).toEqual({
        ...theirs,
        id: copy!.id,
        groupId: plan.laneMap[theirs.groupId],
        provenance: provenance(theirs.id)
      })
      expect(s.mine.items.some((item) => item.id === copy!.id)).toBe(false)
    }
    expect(itemOf(merged, s.ids[3]!)).toEqual(keptMine(s.mine.items[3]!))
    expect(itemOf(merged, s.ids[6]!).notes).toHaveLength(2)
    expect(() => serializeDocument(merged)).not.toThrow()
  })

  it('accepts choices keyed by their event id, the default for the rest', () => {
    const choices = { [s.ids[3]!]: 'theirs', 'their-new-event': 'mine' } as const
    const command = applyMerge(s.mine, plan, choices, { fileName: FILE, now: NOW })
    const merged = applyCommand(s.mine, command)
    expect(merged.items.some((item) => item.id === 'their-new-event')).toBe(false)
    expect(itemOf(merged, s.ids[3]!).description).toBe(s.theirs.items[3]!.description)
    expect(itemOf(merged, s.ids[2]!).title).toBe(s.theirs.items[2]!.title)
    expect(itemOf(merged, s.ids[7]!)).toEqual(keptMine(s.mine.items[7]!))
  })

  it('is undone, whatever the choices, by its inverse: my document byte for byte', () => {
    const original = serializeDocument(s.mine)
    const choiceSets = [
      defaultMergeChoices(plan),
      ...(['mine', 'theirs', 'both'] as const).map((choice) => mergeChoicesForAll(plan, choice))
    ]
    for (const choices of choiceSets) {
      const { command, merged }: { command: Command; merged: TimelineDocument } = merge(s.mine, plan, choices)
      expect(serializeDocument(merged)).not.toBe(original)
      expect(serializeDocument(applyCommand(merged, invertCommand(command)))).toBe(original)
    }
  })

  it('merging the same file again changes nothing', () => {
    const { merged } = merge(s.mine, plan, defaultMergeChoices(plan))
    const again = compareDocuments(merged, s.theirs)
    expect(again.comparisons.filter((c) => c.kind !== 'identical').map((c) => c.theirs.id)).toEqual([
      s.ids[3],
      'their-copy-of-5',
      s.ids[7]
    ])
    const command = applyMerge(merged, again, defaultMergeChoices(again), { fileName: FILE, now: NOW })
    expect(command).toEqual({ type: 'batch', commands: [] })
  })
})
