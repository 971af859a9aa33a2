/**
 * The timeline draws the filter's events from `TimelineModel.keysThrough`, which reads lanes,
 * notes and the search's answer from the model's arrays instead of every event's object (issue
 * 10: a filter toggle at 100,000 events). After any edits, for any filter, with or without the
 * search index's answer, it keeps exactly the events that filtering the document keeps.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { CONFIDENCES, type TimelineDocument } from '../../../src/shared/model/schema'
import { compileFilter, filterItems, type ItemFilter } from '../../../src/shared/view/filter'
import { KeySet } from '../../../src/shared/view/key-set'
import { TimelineModel } from '../../../src/shared/view/timeline-model'
import { makeDocument, makeItem, makeNote } from '../helpers/documents'

const edits = fc.array(fc.record({ kind: fc.constantFrom('note', 'lane', 'remove', 'add', 'c.'), at: fc.nat(40) }), {
  maxLength: 10
})
const filters: fc.Arbitrary<ItemFilter> = fc
  .record(
    {
      lanes: fc.subarray([0, 1, 2]),
      tags: fc.subarray(['tag-0', 'tag-3', 'new']),
      confidences: fc.subarray([...CONFIDENCES]),
      from: fc.constantFrom('2016', '2019-06', 'c. 2017', 'not a date'),
      to: fc.constantFrom('2020', '2022-02-24'),
      hasNotes: fc.boolean(),
      text: fc.constantFrom('event 1', 'source', 'note', 'zzz')
    },
    { requiredKeys: [] }
  )
  .map(({ lanes, ...rest }) => ({ ...rest, ...(lanes ? { groupIds: lanes.map((lane) => `lane-${lane}`) } : {}) }))

function edited(doc: TimelineDocument, model: TimelineModel, steps: { kind: string; at: number }[]): TimelineDocument {
  steps.forEach(({ kind, at }, n) => {
    const items = [...doc.items]
    const i = at % Math.max(1, items.length)
    const item = items[i]
    if (kind === 'note' && item) items[i] = { ...item, notes: [...item.notes, makeNote(`note ${n}`)] }
    if (kind === 'lane' && item) items[i] = { ...item, groupId: doc.groups[(n % 2) + 1]?.id ?? item.groupId }
    if (kind === 'remove' && item) items.splice(i, 1)
    if (kind === 'add') items.push(makeItem(doc.groups[0]!.id, 100 + n, { tags: ['new'], confidence: 'confirmed' }))
    if (kind === 'c.' && item)
      items[i] = { ...item, start: `c. ${item.start.slice(0, 4)}`, end: undefined, kind: 'point' }
    doc = { ...doc, items }
    model.update(doc)
  })
  return doc
}

it('keeps the events that filtering the document keeps, after any edits, for any filter', () => {
  fc.assert(
    fc.property(edits, filters, fc.boolean(), (steps, filter, withAnswer) => {
      const base = makeDocument({ items: 12, notesPerItem: 0 })
      // Lane ids the filters can name; the third lane has no events until an edit moves one in.
      base.groups = base.groups.map((group, n) => ({ ...group, id: `lane-${n}` }))
      base.groups.push({ id: 'lane-2', title: 'Third lane', color: '#59a14f', order: 2 })
      base.items = base.items.map((item, n) => ({ ...item, groupId: `lane-${n % 2}` }))
      const model = new TimelineModel(base)
      const doc = edited(base, model, steps)
      // The search index's answer for the text, as it would give it: the keys whose text matches.
      let answer: KeySet | null = null
      if (withAnswer && filter.text) {
        const matches = compileFilter({ text: filter.text })
        answer = new KeySet(model.keyCount)
        for (const item of doc.items) if (matches(item)) answer.add(model.keyOf(item.id)!)
      }
      const kept = [...model.keysThrough(filter, answer)].map((key) => model.item(key)!.id)
      expect(kept.sort()).toEqual(
        filterItems(doc, filter)
          .map((item) => item.id)
          .sort()
      )
    })
  )
})
