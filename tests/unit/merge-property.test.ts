import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyMerge, compareDocuments, defaultMergeChoices } from '../../src/shared/merge'
import { diffFields } from '../../src/shared/merge/compare'
import type { MergeChoice } from '../../src/shared/merge/types'
import { applyCommand, invertCommand } from '../../src/shared/model/commands'
import { serializeDocument } from '../../src/shared/model/document'
import { CONFIDENCES, DocumentSchema, type Note, type TimelineDocument } from '../../src/shared/model/schema'
import { STAMP, makeDocument } from './helpers/documents'

// Two copies of one document, each edited at random, merged with random choices: no note of
// either side is ever lost, and the result is always a valid document.

type Op =
  | {
      type: 'field'
      item: number
      field: 'title' | 'description' | 'confidence' | 'tags' | 'start' | 'lane'
      value: number
      text: string
    }
  | { type: 'addNote'; item: number; text: string }
  | { type: 'removeNote'; item: number; note: number }
  | { type: 'editNote'; item: number; note: number; text: string }
  | { type: 'addEvent'; sameAs: number | null; text: string }
  | { type: 'removeEvent'; item: number }
  | { type: 'addLane'; title: string }

const text = fc.string({ minLength: 1, maxLength: 12 })
const index = fc.nat({ max: 20 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('field' as const),
    item: index,
    field: fc.constantFrom('title', 'description', 'confidence', 'tags', 'start', 'lane'),
    value: fc.nat(),
    text
  }),
  fc.record({ type: fc.constant('addNote' as const), item: index, text }),
  fc.record({ type: fc.constant('removeNote' as const), item: index, note: index }),
  fc.record({ type: fc.constant('editNote' as const), item: index, note: index, text }),
  fc.record({ type: fc.constant('addEvent' as const), sameAs: fc.option(index), text }),
  fc.record({ type: fc.constant('removeEvent' as const), item: index }),
  fc.record({ type: fc.constant('addLane' as const), title: fc.constantFrom('Second LANE', 'Extra', 'events') })
)
const choice = fc.constantFrom<MergeChoice | undefined>('mine', 'theirs', 'both', undefined)

const BASE = makeDocument({ items: 5, notesPerItem: 2 })

/**
 * One side's edits, in order, each a minute after the one before on that side's clock. The two
 * clocks never stamp the same millisecond (side 1 and 2 seconds past the minute), as two people's
 * computers in practice never do.
 */
function edited(side: 'mine' | 'theirs', ops: Op[]): TimelineDocument {
  const doc = structuredClone(BASE)
  let minute = 0
  let count = 0
  const now = () => new Date(Date.parse(STAMP) + ++minute * 60_000 + (side === 'mine' ? 1000 : 2000)).toISOString()
  const newNote = (body: string): Note => {
    const at = now()
    return { id: `${side}-note-${++count}`, author: side, body, createdAt: at, updatedAt: at }
  }
  for (const step of ops) {
    const item = doc.items.length && 'item' in step ? doc.items[step.item % doc.items.length]! : undefined
    if (step.type === 'field' && item) {
      const patch = {
        title: { title: step.text },
        description: { description: step.text },
        confidence: { confidence: CONFIDENCES[step.value % CONFIDENCES.length]! },
        tags: { tags: [`tag-${step.value % 4}`] },
        start: { start: `2014-01-${String((step.value % 28) + 1).padStart(2, '0')}` },
        lane: { groupId: doc.groups[step.value % doc.groups.length]!.id }
      }[step.field]
      Object.assign(item, patch, { updatedAt: now() })
    } else if (step.type === 'addNote' && item) item.notes.push(newNote(step.text))
    else if (step.type === 'removeNote' && item && item.notes.length)
      item.notes.splice(step.note % item.notes.length, 1)
    else if (step.type === 'editNote' && item && item.notes.length) {
      const note = item.notes[step.note % item.notes.length]!
      Object.assign(note, { body: `${note.body} ${step.text}`, updatedAt: now() })
    } else if (step.type === 'removeEvent' && item) doc.items.splice(doc.items.indexOf(item), 1)
    else if (step.type === 'addEvent') {
      // Sometimes the same title and date as an event of this side: found again by title on the other.
      const like = step.sameAs !== null && doc.items.length ? doc.items[step.sameAs % doc.items.length]! : undefined
      const at = now()
      doc.items.push({
        ...(like ?? BASE.items[0]!),
        id: `${side}-event-${++count}`,
        ...(like ? {} : { title: step.text }),
        notes: [newNote(step.text)],
        createdAt: at,
        updatedAt: at
      })
    } else if (step.type === 'addLane')
      doc.groups.push({ id: `${side}-lane-${++count}`, title: step.title, color: '#123456', order: doc.groups.length })
  }
  return doc
}

const textOf = (note: Note) => `${note.author}\u0000${note.body}`
/** Their note as it is, or as its "their version" copy (marked in the body, or on the author). */
const keeps = (notes: Note[], theirs: Note) =>
  notes.some(
    (note) =>
      (note.id === theirs.id && textOf(note) === textOf(theirs)) ||
      textOf(note) === textOf({ ...theirs, body: `(their version)\n\n${theirs.body}` }) ||
      textOf(note) === textOf({ ...theirs, author: `${theirs.author} (their version)` })
  )

describe('merging two randomly edited copies', () => {
  it('never loses a note, always gives a valid document, and is undone exactly', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 12 }),
        fc.array(op, { maxLength: 12 }),
        fc.array(choice, { maxLength: 16 }),
        (mineOps, theirOps, choices) => {
          const mine = edited('mine', mineOps)
          const theirs = edited('theirs', theirOps)
          const plan = compareDocuments(mine, theirs)
          const command = applyMerge(mine, plan, choices, { fileName: 'theirs.chronotes.json', now: new Date() })
          const result = applyCommand(mine, command)
          expect(DocumentSchema.safeParse(result).success).toBe(true)
          expect(serializeDocument(applyCommand(result, invertCommand(command)))).toBe(serializeDocument(mine))

          const byId = new Map(result.items.map((item) => [item.id, item]))
          for (const item of mine.items) {
            const notes = byId.get(item.id)?.notes ?? []
            for (const note of item.notes) expect(notes).toContainEqual(note)
          }
          plan.comparisons.forEach((comparison, at) => {
            if (comparison.kind === 'new') {
              if ((choices[at] ?? 'theirs') !== 'mine')
                expect(byId.get(comparison.theirs.id)?.notes).toEqual(comparison.theirs.notes)
              return
            }
            // A likely duplicate kept beside mine is added as their event, with its notes.
            if (comparison.kind === 'duplicate' && (choices[at] ?? 'both') === 'both') {
              expect(byId.get(comparison.theirs.id)?.notes).toEqual(comparison.theirs.notes)
              return
            }
            const notes = byId.get(comparison.mine.id)!.notes
            for (const note of comparison.theirs.notes) expect(keeps(notes, note), note.id).toBe(true)
          })
        }
      ),
      { numRuns: 200 }
    )
  })

  it('never replaces an edit of mine unless told to: the default choices keep every event I changed', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.array(op, { maxLength: 12 }), (mineOps, theirOps) => {
        const mine = edited('mine', mineOps)
        const theirs = edited('theirs', theirOps)
        const plan = compareDocuments(mine, theirs)
        const command = applyMerge(mine, plan, defaultMergeChoices(plan), { fileName: 'x', now: new Date() })
        const result = new Map(applyCommand(mine, command).items.map((item) => [item.id, item]))
        const base = new Map(BASE.items.map((item) => [item.id, item]))
        for (const item of mine.items) {
          const before = base.get(item.id)
          // An edit of mine: an event I added, or one whose fields are no longer as they were.
          if (before && !diffFields(before, item, {}).length) continue
          expect(diffFields(item, result.get(item.id)!, {})).toEqual([])
        }
      }),
      { numRuns: 200 }
    )
  })
})
