/**
 * Small timelines (issue 10: the bundled dataset at "fit all" stacked three lanes past the window
 * and ran titles off its right edge): every event is drawn, titled where its title has room in the
 * lane's share of rows and before the right edge, else as a bare marker titled on hover. Where
 * even the markers need more rows (a laptop's window), a lane takes the rows its markers need.
 */
import { expect, it } from 'vitest'
import dataset from '../../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '../../../src/shared/model/document'
import { KeySet } from '../../../src/shared/view/key-set'
import { levelOfDetail } from '../../../src/shared/view/level-of-detail'
import type { TimelineViewItem } from '../../../src/shared/view/timeline-items'
import { TimelineModel } from '../../../src/shared/view/timeline-model'

it('draws all 88 events of the bundled dataset at fit all, no lane dense, titles only where they fit', () => {
  const read = readDocument(JSON.stringify(dataset))
  if (!read.ok) throw new Error('the bundled dataset does not validate')
  const doc = read.document
  const model = new TimelineModel(doc)
  const { start, end } = model.extent()!
  const window = { start: start - (end - start) * 0.02, end: end + (end - start) * 0.18 }
  const lanes = doc.groups.map((g) => g.id)
  // The timeline's width and rows per lane at 1440×900 (1400, 3), at 1280×720 (975, 2) and
  // narrower: where the markers do not fit the rows, before this the lanes stacked every title.
  for (const [widthPx, rowsPerLane] of [
    [1400, 3],
    [975, 3],
    [975, 2],
    [760, 2]
  ] as const) {
    const detail = levelOfDetail(model, { window, widthPx, lanes, rowsPerLane, capacity: Infinity, compact: true })
    expect(detail.items.map((item) => item.id).sort()).toEqual(doc.items.map((item) => item.id).sort())
    expect([...detail.lanes.values()].every((lane) => !lane.dense)).toBe(true)
    expect(detail.bins).toEqual([])
    expect(detail.items.some((item) => item.compact)).toBe(true)
    const pxPerMs = widthPx / (window.end - window.start)
    const x = (time: number) => (time - window.start) * pxPerMs
    const title = (item: TimelineViewItem) =>
      Math.min(item.type === 'point' ? 282 : Infinity, 22 + 7 * item.text.length)
    // A titled point's title ends before the right edge (7 px a character, cut at 260 px).
    for (const item of detail.items.filter((i) => i.type === 'point' && !i.compact))
      expect(x(item.start) + title(item)).toBeLessThanOrEqual(widthPx)
    // Rows as vis-timeline stacks the drawn events (first fit in date order): the lanes keep to
    // their share where the markers fit it, else each takes no more rows than its markers need.
    const bar = (item: TimelineViewItem) => (item.end === undefined ? 0 : x(item.end) - x(item.start))
    const drawn = (item: TimelineViewItem) => ({
      from: x(item.start) - (item.compact ? 7 : 0),
      to: x(item.start) + (item.compact ? Math.max(7, bar(item)) : Math.max(bar(item), title(item)))
    })
    const marker = (item: TimelineViewItem) => ({ from: x(item.start) - 7, to: x(item.start) + Math.max(7, bar(item)) })
    const rowsOf = (items: TimelineViewItem[], footprint: typeof drawn) => {
      const ends: number[] = []
      for (const item of [...items].sort((a, b) => a.start - b.start)) {
        const { from, to } = footprint(item)
        const row = ends.findIndex((end) => end <= from)
        if (row < 0) ends.push(to)
        else ends[row] = to
      }
      return Math.max(1, ends.length)
    }
    const perLane = lanes.map((id) => detail.items.filter((item) => item.group === id))
    const drawnRows = perLane.map((items) => rowsOf(items, drawn))
    const markerRows = perLane.map((items) => rowsOf(items, marker))
    const budget = rowsPerLane * lanes.length
    if (sum(markerRows) <= budget) expect(sum(drawnRows)).toBeLessThanOrEqual(budget)
    else drawnRows.forEach((rows, lane) => expect(rows).toBeLessThanOrEqual(markerRows[lane]!))
  }
})

const sum = (values: number[]) => values.reduce((total, n) => total + n, 0)

it('a selected or matching event keeps its title where a marker would do for others', () => {
  const read = readDocument(JSON.stringify(dataset))
  if (!read.ok) throw new Error('the bundled dataset does not validate')
  const model = new TimelineModel(read.document)
  const { start, end } = model.extent()!
  const window = { start: start - (end - start) * 0.02, end: end + (end - start) * 0.18 }
  const lanes = read.document.groups.map((g) => g.id)
  const compact = { window, widthPx: 760, lanes, rowsPerLane: 2, capacity: Infinity, compact: true }
  const isCompact = (detail: ReturnType<typeof levelOfDetail>, id: string) =>
    detail.items.find((item) => item.id === id)!.compact === true
  // Markers whose titles would end before the right edge: some could have had their title.
  const pxPerMs = 760 / (window.end - window.start)
  const markers = levelOfDetail(model, compact).items.filter(
    (item) =>
      item.compact &&
      item.type === 'point' &&
      (item.start - window.start) * pxPerMs + Math.min(282, 22 + 7 * item.text.length) <= 760
  )
  expect(markers.length).toBeGreaterThan(5)
  const titledOnceSelected = markers.filter(
    (marker) => !isCompact(levelOfDetail(model, { ...compact, selectedIds: new Set([marker.id]) }), marker.id)
  )
  // Not every one: a title may need a row that the lane's other markers need. (Before, none.)
  expect(titledOnceSelected.length).toBeGreaterThan(3)
  for (const marker of titledOnceSelected) {
    const key = model.keyOf(marker.id)!
    const matching = new KeySet()
    matching.add(key)
    const searched = levelOfDetail(model, { ...compact, matching })
    expect(isCompact(searched, marker.id)).toBe(false)
  }
})
