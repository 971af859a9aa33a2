/**
 * The counts the filter bar, tag suggestions and lane manager show are kept per edit by the
 * timeline model (issue 10: they were counted over every event on each edit and each selection).
 * After any run of edits they equal a fresh count of the document.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { TimelineDocument } from '../../../src/shared/model/schema'
import { tagsInUse } from '../../../src/shared/view/filter'
import { TimelineModel } from '../../../src/shared/view/timeline-model'
import { makeDocument, makeItem, makeNote } from '../helpers/documents'

function recount(doc: TimelineDocument, of: (item: TimelineDocument['items'][number]) => [string, number][]) {
  const counts = new Map<string, number>()
  for (const item of doc.items) for (const [name, n] of of(item)) counts.set(name, (counts.get(name) ?? 0) + n)
  return new Map([...counts].filter(([, n]) => n > 0))
}

it('keeps tag, lane, confidence and note counts equal to a recount after any edits', () => {
  const edit = fc.record({ kind: fc.constantFrom('tag', 'lane', 'note', 'remove', 'add'), at: fc.nat(40) })
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
      let doc = makeDocument({ items: 8 })
      const model = new TimelineModel(doc)
      edits.forEach(({ kind, at }, n) => {
        const items = [...doc.items]
        const i = at % Math.max(1, items.length)
        const item = items[i]
        if (kind === 'tag' && item) items[i] = { ...item, tags: [...item.tags, `t${n % 3}`], confidence: 'confirmed' }
        if (kind === 'lane' && item) items[i] = { ...item, groupId: doc.groups[1]!.id }
        if (kind === 'note' && item) items[i] = { ...item, notes: [...item.notes, makeNote(`n${n}`)] }
        if (kind === 'remove' && item) items.splice(i, 1)
        if (kind === 'add') items.push(makeItem(doc.groups[0]!.id, 100 + n, { tags: ['new'] }))
        doc = { ...doc, items }
        model.update(doc)
      })
      expect(model.tags.names()).toEqual(tagsInUse(doc))
      const names = (tally: { names(): string[]; get(name: string): number }) =>
        new Map(tally.names().map((name) => [name, tally.get(name)]))
      expect(names(model.tags)).toEqual(recount(doc, (item) => item.tags.map((tag) => [tag, 1])))
      expect(names(model.lanes)).toEqual(recount(doc, (item) => [[item.groupId, 1]]))
      expect(names(model.confidences)).toEqual(recount(doc, (item) => [[item.confidence, 1]]))
      expect(names(model.laneNotes)).toEqual(recount(doc, (item) => [[item.groupId, item.notes.length]]))
    })
  )
})
