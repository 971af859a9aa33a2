import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyDocument } from '@shared/model/factory'
import type { Confidence, TimelineDocument, TimelineItem } from '@shared/model/schema'
import { compileFilter } from '@shared/view/filter'
import { laneCapacity, levelOfDetail } from '@shared/view/level-of-detail'
import { itemPeriod } from '@shared/view/timeline-items'
import { TimelineModel } from '@shared/view/timeline-model'

const LANES = ['a', 'b', 'c']
const CONFIDENCES: Confidence[] = ['confirmed', 'reported', 'disputed', 'unverified']
const DAY = 86_400_000
const BASE = Date.UTC(2014, 0, 1)

function makeItem(
  i: number,
  lane: number,
  day: number,
  length: number,
  confidence: number,
  notes: boolean
): TimelineItem {
  const start = new Date(BASE + day * DAY).toISOString().slice(0, 10)
  const end = new Date(BASE + (day + length) * DAY).toISOString().slice(0, 10)
  return {
    id: `e${i}`,
    groupId: LANES[lane]!,
    kind: length ? 'range' : 'point',
    start,
    ...(length ? { end } : {}),
    title: `Event ${i}`,
    description: i % 3 ? 'satellite imagery' : 'a briefing',
    tags: [],
    confidence: CONFIDENCES[confidence]!,
    sources: [],
    notes: notes ? [{ id: `n${i}`, author: 'A', body: 'note', createdAt: '2026-01-01', updatedAt: '2026-01-01' }] : [],
    createdAt: '2026-01-01',
    updatedAt: '2026-01-01'
  } as TimelineItem
}

const documents = fc
  .array(fc.tuple(fc.nat(2), fc.nat(2000), fc.oneof(fc.constant(0), fc.nat(60)), fc.nat(3), fc.boolean()), {
    maxLength: 400,
    // Up to 400 events, not fast-check's few by default: enough for lanes to turn to density.
    size: 'max'
  })
  .map((rows): TimelineDocument => {
    const doc = emptyDocument('Property', new Date('2026-01-01T00:00:00Z'))
    doc.groups = LANES.map((id, order) => ({ id, title: id, color: '#888888', order }))
    doc.items = rows.map(([lane, day, length, confidence, notes], i) =>
      makeItem(i, lane, day, length, confidence, notes)
    )
    return doc
  })

const windows = fc
  .tuple(fc.integer({ min: -100, max: 2100 }), fc.integer({ min: 1, max: 2500 }))
  .map(([day, days]) => ({ start: BASE + day * DAY, end: BASE + (day + days) * DAY }))

const filters = fc.subarray(CONFIDENCES, { minLength: 1 })
const widths = fc.integer({ min: 200, max: 2000 })

function overlapping(
  doc: TimelineDocument,
  lane: string,
  w: { start: number; end: number },
  pass: (i: TimelineItem) => boolean
) {
  return doc.items.filter((item) => {
    const p = itemPeriod(item)!
    return item.groupId === lane && pass(item) && p.start < w.end && p.end > w.start
  })
}

describe('levelOfDetail', () => {
  it("per lane: the bins' counts add up to the events in the range that pass the filter; visible counts are right", () => {
    fc.assert(
      fc.property(documents, windows, filters, widths, (doc, window, confidences, widthPx) => {
        const model = new TimelineModel(doc)
        const pass = compileFilter({ confidences })
        const detail = levelOfDetail(model, {
          window,
          widthPx,
          lanes: LANES,
          passing: model.keysThrough({ confidences }, null)
        })
        for (const lane of LANES) {
          const info = detail.lanes.get(lane)!
          expect(info.visible).toBe(overlapping(doc, lane, window, pass).length)
          const inRange = overlapping(doc, lane, detail.range, pass)
          const binned = detail.bins.filter((b) => b.group === lane).reduce((sum, b) => sum + b.count, 0)
          if (info.dense) expect(binned).toBe(inRange.length)
          else {
            expect(binned).toBe(0)
            const drawn = detail.items
              .filter((i) => i.group === lane)
              .map((i) => i.id)
              .sort()
            expect(drawn).toEqual(inRange.map((i) => i.id).sort())
          }
          for (const bin of detail.bins) expect(bin.level).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 150 }
    )
  })

  it("zoomed in to a day (the timeline's closest), every lane shows exactly the events that pass the filter", () => {
    fc.assert(
      fc.property(
        documents,
        fc.nat(2000),
        fc.integer({ min: 1, max: 24 }),
        filters,
        widths,
        (doc, day, hours, confidences, widthPx) => {
          const model = new TimelineModel(doc)
          const pass = compileFilter({ confidences })
          const window = { start: BASE + day * DAY, end: BASE + day * DAY + hours * 3_600_000 }
          const detail = levelOfDetail(model, {
            window,
            widthPx,
            lanes: LANES,
            passing: model.keysThrough({ confidences }, null)
          })
          expect(detail.bins).toEqual([])
          const expected = LANES.flatMap((l) => overlapping(doc, l, detail.range, pass)).map((i) => i.id)
          expect(detail.items.map((i) => i.id).sort()).toEqual(expected.sort())
        }
      ),
      { numRuns: 100 }
    )
  })

  it('a lane whose titles would stack deeper than its rows shows density, with picks that fit the rows', () => {
    const doc = emptyDocument('Stacked', new Date('2026-01-01T00:00:00Z'))
    doc.groups = LANES.map((id, order) => ({ id, title: id, color: '#888888', order }))
    // Five events on five consecutive days: a month at 1,000 px puts their titles over each other.
    doc.items = Array.from({ length: 5 }, (_, i) => makeItem(i, 0, 100 + i, 0, 0, true))
    const model = new TimelineModel(doc)
    const window = { start: BASE + 90 * DAY, end: BASE + 120 * DAY }
    const crowded = levelOfDetail(model, { window, widthPx: 1000, lanes: LANES, rowsPerLane: 2 })
    expect(crowded.lanes.get('a')).toEqual({ visible: 5, dense: true })
    expect(crowded.items.length).toBeLessThanOrEqual(2)
    expect(crowded.bins.reduce((sum, b) => sum + b.count, 0)).toBe(5)
    const roomy = levelOfDetail(model, { window, widthPx: 1000, lanes: LANES, rowsPerLane: 5 })
    expect(roomy.lanes.get('a')).toEqual({ visible: 5, dense: false })
    expect(roomy.items).toHaveLength(5)
  })

  it('a selected event in the range is always drawn, and so are the search matches when they fit', () => {
    fc.assert(
      fc.property(
        documents,
        windows,
        widths,
        fc.array(fc.nat(399), { maxLength: 5 }),
        (doc, window, widthPx, picks) => {
          const model = new TimelineModel(doc)
          const found = compileFilter({ text: 'satellite' })
          const selectedIds = new Set(picks.filter((i) => i < doc.items.length).map((i) => `e${i}`))
          const detail = levelOfDetail(model, {
            window,
            widthPx,
            lanes: LANES,
            matching: model.keysThrough({ text: 'satellite' }, null),
            selectedIds
          })
          const drawn = new Set(detail.items.map((i) => i.id))
          expect(drawn.size, 'no event is drawn twice').toBe(detail.items.length)
          for (const lane of LANES) {
            const inRange = overlapping(doc, lane, detail.range, () => true)
            for (const item of inRange) if (selectedIds.has(item.id)) expect(drawn.has(item.id)).toBe(true)
            const matching = inRange.filter(found)
            const binnedMatches = detail.bins.filter((b) => b.group === lane).reduce((s, b) => s + b.matches, 0)
            if (!detail.lanes.get(lane)!.dense) expect(binnedMatches).toBe(0)
            else expect(binnedMatches).toBe(matching.length)
            if (matching.length <= laneCapacity(widthPx))
              for (const item of matching) expect(drawn.has(item.id)).toBe(true)
          }
          for (const item of detail.items) expect(item.match).toBe(found(model.byId(item.id)!))
        }
      ),
      { numRuns: 150 }
    )
  })

  it('a lane stays within its capacity plus the selected and matching events when dense', () => {
    const doc = emptyDocument('Dense', new Date('2026-01-01T00:00:00Z'))
    doc.groups = LANES.map((id, order) => ({ id, title: id, color: '#888888', order }))
    doc.items = Array.from({ length: 30_000 }, (_, i) => makeItem(i, i % 3, i % 2000, 0, i % 4, i % 5 === 0))
    const model = new TimelineModel(doc)
    const detail = levelOfDetail(model, {
      window: { start: BASE, end: BASE + 2000 * DAY },
      widthPx: 1200,
      lanes: LANES
    })
    for (const lane of LANES) expect(detail.lanes.get(lane)).toEqual({ visible: 10_000, dense: true })
    expect(detail.items.length).toBeLessThanOrEqual(3 * laneCapacity(1200))
    expect(detail.bins.length).toBeLessThan(3 * 200)
  })
})

describe('levelOfDetail while zooming', () => {
  it('keeps drawing the events it drew among equals, so a zoom step adds few new ones', () => {
    // One crowded lane of events that all matter alike (no notes, reported): any could be picked.
    const doc = emptyDocument('Crowded', new Date('2026-01-01T00:00:00Z'))
    doc.groups = [{ id: 'a', title: 'a', color: '#888888', order: 0 }]
    doc.items = Array.from({ length: 6000 }, (_, i) => makeItem(i, 0, (i * 7) % 4000, 0, 1, false))
    const model = new TimelineModel(doc)
    const request = { widthPx: 1200, lanes: ['a'], rowsPerLane: 3 }
    let window = { start: BASE + 1000 * DAY, end: BASE + 1400 * DAY }
    let drawn = new Set(levelOfDetail(model, { ...request, window }).items.map((item) => item.id))
    let kept = 0
    let keptWithout = 0
    for (let step = 0; step < 6; step++) {
      const span = window.end - window.start
      window = { start: window.start - span * 0.1, end: window.end + span * 0.1 } // a ctrl+wheel notch out
      const sticky = levelOfDetail(model, { ...request, window, shownIds: drawn }).items.map((item) => item.id)
      const fresh = levelOfDetail(model, { ...request, window }).items.map((item) => item.id)
      // The same number of events either way: stickiness only chooses among equals.
      expect(sticky.length).toBe(fresh.length)
      kept += sticky.filter((id) => drawn.has(id)).length
      keptWithout += fresh.filter((id) => drawn.has(id)).length
      drawn = new Set(sticky)
    }
    expect(kept).toBeGreaterThan(keptWithout)
  })
})

describe('TimelineModel', () => {
  it('keeps its index in step with edits by identity: replaced, appended and removed events', () => {
    fc.assert(
      fc.property(
        documents,
        fc.array(fc.tuple(fc.nat(), fc.nat(2000), fc.nat(3)), { maxLength: 10 }),
        windows,
        (doc, edits, window) => {
          const model = new TimelineModel(doc)
          let current = doc
          // Ids are unique in a document (the schema refuses repeats): each appended event gets a new one.
          let appended = 0
          for (const [which, day, op] of edits) {
            const items = current.items.slice()
            if (op === 0 || !items.length) items.push(makeItem(100_000 + appended++, which % 3, day, 0, 0, false))
            else if (op === 1) items.splice(which % items.length, 1)
            else {
              const at = which % items.length
              items[at] = { ...makeItem(0, which % 3, day, op === 3 ? 5 : 0, 1, true), id: items[at]!.id }
            }
            current = { ...current, items }
            model.update(current)
          }
          const expected = LANES.flatMap((l) => overlapping(current, l, window, () => true)).map((i) => i.id)
          const got: string[] = []
          model.index.query(window.start, window.end, (key) => got.push(model.item(key)!.id))
          expect(got.sort()).toEqual(expected.sort())
        }
      ),
      { numRuns: 150 }
    )
  })
})
