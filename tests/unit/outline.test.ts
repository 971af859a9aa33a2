/**
 * Issue 10: a large timeline's outline, drawn while the timeline opens. The model made from it
 * must draw exactly what the document's model draws (every event's lane, period, flags, title,
 * doubt, confidence and note count, and the tallies), and anything that is not a whole outline
 * must give no outline at all.
 */
import { describe, expect, it } from 'vitest'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { outlineText, readOutline } from '../../src/shared/view/outline'
import { toViewItem } from '../../src/shared/view/timeline-items'
import { TimelineModel } from '../../src/shared/view/timeline-model'
import { makeDocument, makeItem } from './helpers/documents'

/** Events of every kind, precision and doubt, some with notes and a date as the source gave it. */
function varied(): TimelineDocument {
  const doc = makeDocument({ items: 6, notesPerItem: 2 })
  const [a, b] = doc.groups.map((group) => group.id) as [string, string]
  doc.items.push(
    { ...makeItem(a, 10), start: '2016~', title: 'Circa 2016', confidence: 'disputed', notes: [] },
    { ...makeItem(b, 11), kind: 'range', start: '2022-02-24', end: '2025?', displayDate: 'from the invasion on' },
    { ...makeItem(b, 12), kind: 'background', start: '2014-04', end: '2014-06', title: '<b>Not bold</b>' },
    { ...makeItem(a, 13), start: '2025-03-05T14:30:00+02:00', confidence: 'confirmed' },
    { ...makeItem(a, 14), start: '2019-33', confidence: 'confirmed' }
  )
  return doc
}

describe('a timeline outline', () => {
  it('draws every event exactly as its document does', () => {
    const doc = varied()
    const outline = readOutline(outlineText(doc))!
    const [drawn, fromOutline] = [new TimelineModel(doc), TimelineModel.ofOutline(outline)]
    expect(outline.groups).toEqual(doc.groups)
    expect(fromOutline.size).toBe(drawn.size)
    expect(fromOutline.extent()).toEqual(drawn.extent())
    for (const tally of ['lanes', 'confidences', 'laneNotes'] as const) {
      expect(fromOutline[tally].names()).toEqual(drawn[tally].names())
      for (const name of drawn[tally].names()) expect(fromOutline[tally].get(name)).toBe(drawn[tally].get(name))
    }
    for (const item of doc.items) {
      const key = drawn.keyOf(item.id)!
      const outlined = fromOutline.keyOf(item.id)!
      expect(fromOutline.period(outlined)).toEqual(drawn.period(key))
      expect(fromOutline.flagsOf(outlined)).toBe(drawn.flagsOf(key))
      expect(fromOutline.laneOf(outlined)).toBe(item.groupId)
      expect(fromOutline.laneNumberOf(outlined)).toBe(fromOutline.laneNumber(item.groupId))
      const period = drawn.period(key)!
      expect(toViewItem(fromOutline.byId(item.id)!, period)).toEqual(toViewItem(item, period))
      expect(fromOutline.item(outlined)!.displayDate).toBe(item.displayDate)
    }
    // The same windows find the same events.
    for (const [from, to] of [
      [Date.UTC(2014, 0), Date.UTC(2015, 0)],
      [Date.UTC(2019, 1), Date.UTC(2019, 2)]
    ] as const) {
      const ids = (model: TimelineModel) => {
        const found: string[] = []
        model.index.query(from, to, (key) => found.push(model.item(key)!.id))
        return found.sort()
      }
      expect(ids(drawn).length).toBeGreaterThan(0)
      expect(ids(fromOutline)).toEqual(ids(drawn))
    }
    expect(() => fromOutline.update(doc)).toThrow(/never updated/)
  })

  it('finds its events by id, those already drawn and the others', () => {
    const doc = varied()
    const model = TimelineModel.ofOutline(readOutline(outlineText(doc))!)
    const drawn = model.item(3)!
    expect(model.byId(drawn.id)).toBe(drawn)
    expect(model.keyOf(drawn.id)).toBe(3)
    const other = doc.items.find((item) => item.id !== drawn.id)!
    expect(model.byId(other.id)?.title).toBe(other.title)
    expect(model.item(model.keyOf(other.id)!)?.id).toBe(other.id)
    expect(model.keyOf('no-such-event')).toBeUndefined()
    expect(model.byId(drawn.id)).toBe(drawn)
  })

  it('has at hand the keys of the events it has made, and keys no others for a miss', () => {
    const doc = varied()
    const model = TimelineModel.ofOutline(readOutline(outlineText(doc))!)
    const drawn = model.item(3)!
    expect(model.keyAtHand(drawn.id)).toBe(3)
    expect(model.itemAtHand(drawn.id)).toBe(drawn)
    const [first, second] = doc.items.filter((item) => item.id !== drawn.id)
    expect(model.keyAtHand(first!.id)).toBeUndefined()
    expect(model.keyAtHand(second!.id)).toBeUndefined() // the miss before keyed nothing
    expect(model.keyAtHand('no-such-event')).toBeUndefined()
    expect(model.itemAtHand(first!.id)).toBeUndefined()
    const key = model.keyOf(first!.id)!
    expect(model.keyAtHand(first!.id)).toBe(key)
    const documentModel = new TimelineModel(doc)
    expect(documentModel.keyAtHand(second!.id)).toBe(documentModel.keyOf(second!.id))
  })

  it('holds no note text, description, tag or source', () => {
    const doc = varied()
    const text = outlineText(doc)
    const first = doc.items[0]!
    for (const secret of [first.notes[0]!.body, first.description, first.sources[0]!.url!, 'tag-a', doc.description])
      expect(text).not.toContain(secret)
    const model = TimelineModel.ofOutline(readOutline(text)!)
    const item = model.byId(first.id)!
    expect([item.description, item.sources, item.tags, item.notes.map((note) => note.body)]).toEqual([
      '',
      [],
      [],
      ['', '']
    ])
  })

  it('is no outline unless it is a whole, consistent outline of this version', () => {
    const text = outlineText(varied())
    const outline = JSON.parse(text)
    const altered = (change: (o: typeof outline) => void) => {
      const copy = structuredClone(outline)
      change(copy)
      return JSON.stringify(copy)
    }
    const damaged = {
      'cut short': text.slice(0, text.length / 2),
      'not JSON': 'outline',
      'a newer version': altered((o) => (o.version = 2)),
      'a document, not an outline': JSON.stringify(varied()),
      'a column shorter than the others': altered((o) => o.events.title.pop()),
      'a missing column': altered((o) => delete o.events.confidence),
      'a lane that does not exist': altered((o) => (o.events.lane[0] = o.groups.length)),
      'a kind that does not exist': altered((o) => (o.events.kind[0] = 7)),
      'a period that is not a time': altered((o) => (o.events.from[0] = '2014')),
      'a title that is not text': altered((o) => (o.events.title[0] = { toString: 1 })),
      'a lane colour that is not a colour': altered((o) => (o.groups[0].color = 'red; background: url(x)'))
    }
    for (const [what, bad] of Object.entries(damaged)) expect(readOutline(bad), what).toBeNull()
  })
})
