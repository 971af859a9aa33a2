/**
 * A large document's timeline model is built a part at a time while the window shows its outline
 * (TimelineModel.ofDocument). Built so, it must be the model made at once, and take edits the same.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { TimelineDocument } from '../../../src/shared/model/schema'
import { TimelineModel } from '../../../src/shared/view/timeline-model'
import { makeDocument, makeItem } from '../helpers/documents'

/** Everything the views read of a model, for every event of `doc`. */
function readings(model: TimelineModel, doc: TimelineDocument) {
  const inWindow: number[] = []
  const extent = model.extent()
  if (extent) model.index.query(extent.start, extent.end, (key) => inWindow.push(key))
  const tally = (t: { names(): string[]; get(name: string): number }) => t.names().map((name) => [name, t.get(name)])
  return {
    size: model.size,
    keyCount: model.keyCount,
    extent,
    inWindow: inWindow.sort((a, b) => a - b),
    events: doc.items.map((item) => {
      const key = model.keyOf(item.id)!
      const fields = [model.laneOf(key), model.laneNumberOf(key), model.flagsOf(key), model.period(key)]
      return [key, model.item(key) === item, ...fields]
    }),
    tallies: [model.tags, model.lanes, model.confidences, model.laneNotes].map(tally)
  }
}

it('built in parts, the model of a document is the one made at once, and takes edits the same', async () => {
  const edit = fc.record({ kind: fc.constantFrom('retitle', 'undate', 'remove', 'add'), at: fc.nat(60) })
  await fc.assert(
    fc.asyncProperty(
      fc.nat(45),
      fc.integer({ min: 1, max: 12 }),
      fc.array(edit, { maxLength: 6 }),
      async (count, perPart, edits) => {
        let doc = makeDocument({ items: count })
        // Some events without a readable date: in the model, but not in its time index.
        doc = { ...doc, items: doc.items.map((item, i) => (i % 7 === 3 ? { ...item, start: 'not a date' } : item)) }
        let pauses = 0
        const parts = await TimelineModel.ofDocument(doc, async () => void pauses++, perPart)
        const whole = new TimelineModel(doc)
        expect(pauses).toBe(Math.max(0, Math.ceil(count / perPart) - 1))
        expect(readings(parts, doc)).toEqual(readings(whole, doc))
        expect(parts.update(doc), 'the document it was built from is no change').toEqual([])
        edits.forEach(({ kind, at }, n) => {
          const items = [...doc.items]
          const i = at % Math.max(1, items.length)
          const item = items[i]
          if (kind === 'retitle' && item) items[i] = { ...item, title: `Edited ${n}`, confidence: 'confirmed' }
          if (kind === 'undate' && item) items[i] = { ...item, start: 'not a date' }
          if (kind === 'remove' && item) items.splice(i, 1)
          if (kind === 'add') items.push(makeItem(doc.groups[1]!.id, 100 + n, { tags: ['new'] }))
          doc = { ...doc, items }
          expect(parts.update(doc)).toEqual(whole.update(doc))
        })
        expect(readings(parts, doc)).toEqual(readings(whole, doc))
      }
    ),
    { numRuns: 200 }
  )
})
