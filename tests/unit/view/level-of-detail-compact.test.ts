/**
 * Small timelines (issue 10: the bundled dataset at "fit all" stacked three lanes past the window
 * and ran titles off its right edge): every event is drawn, titled where its title has room in the
 * lane's share of rows and before the right edge, else as a bare marker titled on hover.
 */
import { expect, it } from 'vitest'
import dataset from '../../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '../../../src/shared/model/document'
import { levelOfDetail } from '../../../src/shared/view/level-of-detail'
import { TimelineModel } from '../../../src/shared/view/timeline-model'

it('draws all 88 events of the bundled dataset at fit all, no lane dense, titles only where they fit', () => {
  const read = readDocument(JSON.stringify(dataset))
  if (!read.ok) throw new Error('the bundled dataset does not validate')
  const doc = read.document
  const model = new TimelineModel(doc)
  const { start, end } = model.extent()!
  const window = { start: start - (end - start) * 0.02, end: end + (end - start) * 0.18 }
  for (const widthPx of [900, 975, 1400]) {
    const detail = levelOfDetail(model, {
      window,
      widthPx,
      lanes: doc.groups.map((g) => g.id),
      rowsPerLane: 3,
      capacity: Infinity,
      compact: true
    })
    expect(detail.items.map((item) => item.id).sort()).toEqual(doc.items.map((item) => item.id).sort())
    expect([...detail.lanes.values()].every((lane) => !lane.dense)).toBe(true)
    expect(detail.bins).toEqual([])
    // Where the lanes fit as markers (the timeline's width at 1440×900 and wider), a titled
    // point's title ends before the right edge (7 px a character, cut at 260 px); narrower, the
    // lanes stack as deep as they need, as before.
    if (widthPx < 975) continue
    expect(detail.items.some((item) => item.compact)).toBe(true)
    const pxPerMs = widthPx / (window.end - window.start)
    for (const item of detail.items.filter((i) => i.type === 'point' && !i.compact))
      expect((item.start - window.start) * pxPerMs + Math.min(282, 22 + 7 * item.text.length)).toBeLessThanOrEqual(
        widthPx
      )
  }
})
