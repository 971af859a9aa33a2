/**
 * TimelineView in a real Chromium: vis-timeline lays the bundled dataset out with real CSS and
 * real geometry, and these tests read that geometry back (bounding boxes), not vis's internals.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '@shared/model/document'
import { DocumentSchema, type Group, type Note, type TimelineDocument, type TimelineItem } from '@shared/model/schema'
import {
  documentExtent,
  itemPeriod,
  selectTimelineItems,
  type TimelineViewItem,
  type TimeWindow
} from '@shared/view/timeline-items'
import TimelineView from '@renderer/components/timeline/TimelineView.vue'
import { precisionOf } from '../../src/shared/model/dates'

declare global {
  interface Window {
    __pwned?: unknown
    __xssControl?: unknown
  }
}

/** Sub-pixel rounding of transforms and borders; positions themselves are exact floats. */
const TOLERANCE = 1

/** What afterEach needs to take a mounted timeline down again. */
interface Mounted {
  host: HTMLElement
  view: { unmount(): Promise<void> }
}
interface Props {
  document: TimelineDocument
  items: TimelineViewItem[]
  groups: Group[]
  selectedIds: string[]
  extent: TimeWindow | null
  readOnly?: boolean
  laneHeightPx?: number
}

const mounted: Mounted[] = []

afterEach(async () => {
  for (const m of mounted.splice(0)) {
    await m.view.unmount()
    m.host.remove()
  }
})

function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  return result.document
}

function propsFor(doc: TimelineDocument, extent: TimeWindow | null = documentExtent(doc)): Props {
  return { document: doc, items: selectTimelineItems(doc, {}), groups: doc.groups, selectedIds: [], extent }
}

/**
 * Mounts into a host with an explicit size. The host is tall enough that every lane of the
 * dataset is inside vis-timeline's vertical viewport: vis does not draw the items of lanes that
 * are scrolled out of view, and these tests want to see every item laid out.
 */
async function mountTimeline(props: Props, size = { width: 1300, height: 1800 }) {
  const host = document.createElement('div')
  host.style.cssText = `position: relative; width: ${size.width}px; height: ${size.height}px;`
  document.body.appendChild(host)
  const view = await render(TimelineView, { container: host, props })
  const m = { host, view }
  mounted.push(m)
  return m
}

/** The item elements vis drew (the dot inside a point also has class vis-item; it is not an item). */
function itemElements(host: HTMLElement): HTMLElement[] {
  return [
    ...host.querySelectorAll<HTMLElement>('.vis-itemset .vis-foreground .vis-item:is(.vis-point, .vis-range, .vis-box)')
  ]
}

function titleOf(el: HTMLElement): string {
  return el.querySelector('.item-title')?.textContent ?? ''
}

function elementsByTitle(host: HTMLElement): Map<string, HTMLElement> {
  return new Map(itemElements(host).map((el) => [titleOf(el), el]))
}

function elementFor(host: HTMLElement, title: string): HTMLElement {
  const el = elementsByTitle(host).get(title)
  if (!el) throw new Error(`no item element titled ${JSON.stringify(title)}`)
  return el
}

/** Where vis put an item's date on the x axis: a point's dot centre, a range's left edge. */
function xOf(el: HTMLElement): number {
  if (el.classList.contains('vis-point')) {
    const dot = el.querySelector('.vis-dot')
    if (!dot) throw new Error(`point ${titleOf(el)} has no dot`)
    const box = dot.getBoundingClientRect()
    return box.left + box.width / 2
  }
  return el.getBoundingClientRect().left
}

/** The time an item should be drawn at, from the document alone: an approximate point in the middle of its period. */
function drawnTime(item: TimelineItem): number {
  const period = itemPeriod(item)
  if (!period) throw new Error(`unreadable dates on ${item.title}`)
  const approximate = precisionOf(item.start) === 'month' || precisionOf(item.start) === 'year'
  return item.kind === 'point' && approximate ? (period.start + period.end) / 2 : period.start
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

function layoutSnapshot(host: HTMLElement): string {
  const boxes = [...host.querySelectorAll('.vis-item, .vis-group, .vis-label')].map((el) => {
    const b = el.getBoundingClientRect()
    return `${b.left.toFixed(2)},${b.top.toFixed(2)},${b.width.toFixed(2)},${b.height.toFixed(2)}`
  })
  return boxes.join(';')
}

/** Waits until vis has drawn `count` items and the layout no longer moves between frames. */
/** No two of these boxes overlap (beyond sub-pixel rounding). */
function expectNoOverlaps(boxes: { title: string; box: DOMRect }[]): void {
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const overlap =
        a.box.left < b.box.right - TOLERANCE &&
        b.box.left < a.box.right - TOLERANCE &&
        a.box.top < b.box.bottom - TOLERANCE &&
        b.box.top < a.box.bottom - TOLERANCE
      expect(overlap, `"${a.title}" overlaps "${b.title}"`).toBe(false)
    }
}

async function settle(host: HTMLElement, count: number): Promise<void> {
  await expect.poll(() => itemElements(host).length).toBe(count)
  let previous = ''
  await expect
    .poll(async () => {
      await frame()
      await frame()
      const now = layoutSnapshot(host)
      const stable = now === previous
      previous = now
      return stable
    })
    .toBe(true)
}

/** Lane title -> its row in the item area, matched through the label column (same index, lane order). */
function laneRows(host: HTMLElement): Map<string, HTMLElement> {
  const labels = [...host.querySelectorAll<HTMLElement>('.vis-labelset .vis-label')]
  const rows = [...host.querySelectorAll<HTMLElement>('.vis-itemset .vis-foreground > .vis-group')]
  expect(rows.length).toBe(labels.length)
  return new Map(
    labels.map((label, index) => {
      const row = rows[index]!
      // The label and its row are drawn side by side: same top, same height.
      const l = label.getBoundingClientRect()
      const r = row.getBoundingClientRect()
      expect(Math.abs(l.top - r.top)).toBeLessThanOrEqual(TOLERANCE)
      expect(Math.abs(l.height - r.height)).toBeLessThanOrEqual(TOLERANCE)
      return [label.querySelector('.lane-title')?.textContent ?? '', row]
    })
  )
}

function withItem(doc: TimelineDocument, id: string, change: Partial<TimelineItem>): TimelineDocument {
  return DocumentSchema.parse({
    ...doc,
    items: doc.items.map((item) => (item.id === id ? { ...item, ...change } : item))
  })
}

function itemTitled(doc: TimelineDocument, prefix: string): TimelineItem {
  const item = doc.items.find((i) => i.title.startsWith(prefix))
  if (!item) throw new Error(`dataset has no event titled "${prefix}…"`)
  return item
}

describe('TimelineView with the bundled dataset', () => {
  test('draws every one of the 88 events, each exactly once, with its escaped title', async () => {
    const doc = loadDataset()
    expect(doc.items).toHaveLength(88)
    expect(doc.groups).toHaveLength(8)
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)

    const titles = itemElements(host).map(titleOf).sort()
    expect(titles).toEqual(doc.items.map((i) => i.title).sort())
    // Real layout: every item has a box of its own inside the timeline.
    const area = host.querySelector('.vis-panel.vis-center')!.getBoundingClientRect()
    for (const el of itemElements(host)) {
      const box = el.getBoundingClientRect()
      expect(box.height, titleOf(el)).toBeGreaterThan(0)
      expect(box.left, titleOf(el)).toBeGreaterThanOrEqual(area.left - TOLERANCE)
      expect(box.left, titleOf(el)).toBeLessThanOrEqual(area.right)
    }
    // Points are points (with a dot), ranges are bars.
    const byTitle = elementsByTitle(host)
    for (const item of doc.items) {
      const el = byTitle.get(item.title)!
      expect(el.classList.contains(item.kind === 'range' ? 'vis-range' : 'vis-point'), item.title).toBe(true)
      if (item.kind === 'point') expect(el.querySelector('.vis-dot'), item.title).not.toBeNull()
    }
  })

  test('places events in date order: x grows with the date within each lane and across all points', async () => {
    const doc = loadDataset()
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const byTitle = elementsByTitle(host)
    const placed = doc.items.map((item) => ({ item, time: drawnTime(item), x: xOf(byTitle.get(item.title)!) }))

    const assertNonDecreasing = (list: typeof placed, what: string) => {
      const sorted = [...list].sort((a, b) => a.time - b.time)
      for (let i = 1; i < sorted.length; i++) {
        const [before, after] = [sorted[i - 1]!, sorted[i]!]
        expect(
          after.x,
          `${what}: "${after.item.title}" (${after.item.start}) is drawn left of "${before.item.title}" (${before.item.start})`
        ).toBeGreaterThanOrEqual(before.x - TOLERANCE)
      }
    }
    for (const group of doc.groups) {
      const lane = placed.filter((p) => p.item.groupId === group.id)
      expect(lane.length, group.title).toBeGreaterThan(0)
      assertNonDecreasing(lane, `lane ${group.title}`)
    }
    assertNonDecreasing(
      placed.filter((p) => p.item.kind === 'point'),
      'all points'
    )
    // Not all stacked in one place: the span of a decade is spread over the width.
    const xs = placed.map((p) => p.x)
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(800)
  })

  test('puts each event inside its own lane row, the row labelled with the lane title', async () => {
    const doc = loadDataset()
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const rows = laneRows(host)
    // Lanes appear top to bottom in their order.
    const laneTitles = [...doc.groups].sort((a, b) => a.order - b.order).map((g) => g.title)
    expect([...rows.keys()]).toEqual(laneTitles)

    const byTitle = elementsByTitle(host)
    const laneOf = new Map(doc.groups.map((g) => [g.id, g.title]))
    for (const item of doc.items) {
      const el = byTitle.get(item.title)!
      const row = rows.get(laneOf.get(item.groupId)!)!
      expect(row.contains(el), `"${item.title}" is not in the row of ${laneOf.get(item.groupId)}`).toBe(true)
      const box = el.getBoundingClientRect()
      const lane = row.getBoundingClientRect()
      const centre = box.top + box.height / 2
      expect(centre, item.title).toBeGreaterThanOrEqual(lane.top)
      expect(centre, item.title).toBeLessThanOrEqual(lane.bottom)
    }
  })

  test('marks month- and year-precision points approximate and draws them in the middle of their period', async () => {
    const doc = loadDataset()
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const byTitle = elementsByTitle(host)

    // The time axis, read back from two exactly dated events far apart.
    const exact = doc.items
      .filter((i) => precisionOf(i.start) === 'day')
      .map((item) => ({ item, time: drawnTime(item), x: xOf(byTitle.get(item.title)!) }))
      .sort((a, b) => a.time - b.time)
    const [first, last] = [exact[0]!, exact.at(-1)!]
    const pxPerMs = (last.x - first.x) / (last.time - first.time)
    const xAt = (time: number) => first.x + (time - first.time) * pxPerMs
    // The axis is linear: every exactly dated event sits on it.
    for (const e of exact) expect(Math.abs(e.x - xAt(e.time)), e.item.title).toBeLessThanOrEqual(TOLERANCE)

    const approximate = doc.items.filter((i) => i.kind === 'point' && precisionOf(i.start) !== 'day')
    expect(approximate.length).toBe(16)
    for (const item of approximate) {
      const el = byTitle.get(item.title)!
      expect(el.classList.contains('approximate'), item.title).toBe(true)
      const period = itemPeriod(item)!
      const x = xOf(el)
      const middle = xAt((period.start + period.end) / 2)
      expect(
        Math.abs(x - middle),
        `${item.title} (${item.start}) is not in the middle of its period`
      ).toBeLessThanOrEqual(TOLERANCE)
      // …which is strictly inside the period, clear of its first day.
      expect(x, item.title).toBeGreaterThan(xAt(period.start) + TOLERANCE)
      expect(x, item.title).toBeLessThan(xAt(period.end) - TOLERANCE)
    }
    for (const item of doc.items.filter((i) => precisionOf(i.start) === 'day')) {
      expect(byTitle.get(item.title)!.classList.contains('approximate'), item.title).toBe(false)
    }
  })

  test('zoomed in on March 2025, "2025-03" sits between 11 and 18 March, at mid-month', async () => {
    const doc = loadDataset()
    // Two months around the event: about 18 px a day.
    const window = { start: Date.UTC(2025, 1, 20), end: Date.UTC(2025, 3, 10) }
    const { host } = await mountTimeline(propsFor(doc, window))
    await expect
      .poll(() => elementsByTitle(host).has(itemTitled(doc, 'Ukraine loses its Kursk foothold').title))
      .toBe(true)
    await settle(host, itemElements(host).length)

    const kursk = itemTitled(doc, 'Ukraine loses its Kursk foothold') // 2025-03, month precision
    const jeddah = itemTitled(doc, 'Jeddah talks end') // 2025-03-11
    const kremlin = itemTitled(doc, 'Kremlin sets end of Western intelligence') // 2025-03-18
    const pause = itemTitled(doc, 'Trump administration halts military aid') // 2025-03-03
    expect([kursk.start, precisionOf(kursk.start), jeddah.start, kremlin.start, pause.start]).toEqual([
      '2025-03',
      'month',
      '2025-03-11',
      '2025-03-18',
      '2025-03-03'
    ])
    const x = (item: TimelineItem) => xOf(elementFor(host, item.title))
    const pxPerDay = (x(kremlin) - x(jeddah)) / 7
    expect(pxPerDay).toBeGreaterThan(10)
    expect(elementFor(host, kursk.title).classList.contains('approximate')).toBe(true)
    expect(x(kursk)).toBeGreaterThan(x(jeddah))
    expect(x(kursk)).toBeLessThan(x(kremlin))
    // 16 March 12:00 UTC is the middle of March (31 days): 5.5 days after the 11th.
    expect(Math.abs(x(kursk) - (x(jeddah) + 5.5 * pxPerDay))).toBeLessThanOrEqual(TOLERANCE)
    // Not at the start of the month, where 1 March would be (2 days before the 3rd).
    expect(x(kursk) - (x(pause) - 2 * pxPerDay)).toBeGreaterThan(10 * pxPerDay)
  })
})

describe('TimelineView updates and interaction', () => {
  test('applies a changed title and a removal by id, keeping every untouched item element', async () => {
    const doc = loadDataset()
    const props = propsFor(doc)
    const { host, view } = await mountTimeline(props)
    await settle(host, 88)

    const changed = itemTitled(doc, 'Ratcliffe and Waltz confirm')
    const removed = itemTitled(doc, 'Jeddah talks end')
    const before = elementsByTitle(host)
    const untouched = before.get(itemTitled(doc, 'Kremlin sets end of Western intelligence').title)!
    const changedEl = before.get(changed.title)!
    const removedEl = before.get(removed.title)!

    const next = withItem(doc, changed.id, { title: 'Ratcliffe confirms the pause (edited)' })
    const items = selectTimelineItems({ ...next, items: next.items.filter((i) => i.id !== removed.id) }, {})
    await view.rerender({ items })
    await expect.poll(() => elementsByTitle(host).has('Ratcliffe confirms the pause (edited)')).toBe(true)
    await settle(host, 87)

    const after = elementsByTitle(host)
    expect(after.has(changed.title)).toBe(false)
    expect(after.has(removed.title)).toBe(false)
    expect(removedEl.isConnected).toBe(false)
    // A diff, not a rebuild: the untouched items are the very same DOM nodes.
    expect(untouched.isConnected).toBe(true)
    expect(after.get(untouched.querySelector('.item-title')!.textContent!)).toBe(untouched)
    for (const [title, el] of before) {
      if (title === changed.title || title === removed.title) continue
      expect(after.get(title), title).toBe(el)
    }
    // The edited item was updated in place too.
    expect(after.get('Ratcliffe confirms the pause (edited)')).toBe(changedEl)
  })

  // A search marks every drawn event, and nothing else about them changes: they are marked where
  // they are, never taken off the page to be drawn and measured again (vis-internals.ts). An event
  // whose title changes in the same step is drawn and measured again.
  test('a search marks the drawn events in place; a title changed with it is measured again', async () => {
    const doc = loadDataset()
    const all = selectTimelineItems(doc, {})
    const { host, view } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const before = elementsByTitle(host)
    const retitled = all.find((item) => item.type === 'point')!
    const retitledWidth = before.get(retitled.text)!.getBoundingClientRect().width
    const shortTitle = 'Retitled'
    const taken: Node[] = []
    const watch = new MutationObserver((records) => records.forEach((r) => taken.push(...r.removedNodes)))
    watch.observe(host.querySelector('.vis-foreground')!, { childList: true, subtree: true })

    const searched = all.map((item, i) => ({
      ...item,
      match: i % 3 === 0,
      ...(item === retitled ? { text: shortTitle } : {})
    }))
    await view.rerender({ items: searched })
    await expect.poll(() => elementsByTitle(host).has(shortTitle)).toBe(true)
    await settle(host, 88)
    watch.disconnect()

    const after = elementsByTitle(host)
    for (const [i, item] of searched.entries()) {
      const el = after.get(item.text)!
      expect(el.classList.contains(item.match ? 'match' : 'no-match'), item.text).toBe(true)
      if (item.text === shortTitle) continue
      expect(el, item.text).toBe(before.get(item.text))
      expect(taken, `${item.text} (${i}) was taken off the page`).not.toContain(el)
    }
    // Taken off and drawn again, as any change that may resize an event.
    const retitledEl = after.get(shortTitle)!
    expect(taken).toContain(retitledEl)
    expect(retitledEl.getBoundingClientRect().width).toBeLessThan(retitledWidth - 100)
    for (const lane of new Set(itemElements(host).map((el) => el.parentElement)))
      expectNoOverlaps(
        itemElements(host)
          .filter((el) => el.parentElement === lane)
          .map((el) => ({ title: titleOf(el), box: el.getBoundingClientRect() }))
      )
  })

  // What a zoom or a filter does at every size: many events come into view in one sync. Each is
  // drawn once, in its own lane row, stacked clear of the others.
  test('events added to a drawn timeline at once are each drawn in their lane row, none overlapping', async () => {
    const doc = loadDataset()
    const all = selectTimelineItems(doc, {})
    const { host, view } = await mountTimeline({ ...propsFor(doc), items: all.filter((_, i) => i % 2 === 0) })
    await settle(host, 44)
    await view.rerender({ items: all })
    await settle(host, 88)

    const rows = laneRows(host)
    const byTitle = elementsByTitle(host)
    const laneOf = new Map(doc.groups.map((g) => [g.id, g.title]))
    for (const group of doc.groups) {
      const row = rows.get(group.title)!
      const boxes = doc.items
        .filter((item) => item.groupId === group.id)
        .map((item) => {
          const el = byTitle.get(item.title)!
          expect(row.contains(el), `"${item.title}" is not in the row of ${laneOf.get(item.groupId)}`).toBe(true)
          return { title: item.title, box: el.getBoundingClientRect() }
        })
      expectNoOverlaps(boxes)
    }
  })

  // The timeline holds vis-timeline's own drawing back while it applies a change, to draw it all in
  // one pass (vis-internals.ts): that pass must still come in the frame that applies the change.
  test('a change is drawn whole in the frame that applies it: no event missing or unstacked for a frame', async () => {
    const doc = loadDataset()
    const all = selectTimelineItems(doc, {})
    const { host, view } = await mountTimeline({ ...propsFor(doc), items: all.filter((_, i) => i % 2 === 0) })
    await settle(host, 44)
    const edited = all.map((item, i) => (i === 0 ? { ...item, text: 'Edited in place' } : item))
    await view.rerender({ items: edited })
    // Asked for after the timeline asked for its own: runs just after it, before the frame is painted.
    const drawn = await new Promise<HTMLElement[]>((resolve) =>
      requestAnimationFrame(() => resolve(itemElements(host).filter((el) => el.isConnected)))
    )
    expect(drawn.length).toBe(88)
    expect(drawn.map(titleOf)).toContain('Edited in place')
    for (const lane of new Set(drawn.map((el) => el.parentElement)))
      expectNoOverlaps(
        drawn
          .filter((el) => el.parentElement === lane)
          .map((el) => ({ title: titleOf(el), box: el.getBoundingClientRect() }))
      )
  })

  // vis-timeline draws the events coming into the window lane by lane, each lane laying the page
  // out; the timeline draws them for every lane at once just before (vis-internals.ts). What ends
  // up drawn must be exactly what vis-timeline draws, where it draws it, stacked as it stacks.
  test('zooming out draws just the events coming into view, beside their dates, in their lanes, none overlapping', async () => {
    const doc = loadDataset()
    const { host, view } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const panel = host.querySelector<HTMLElement>('.vis-panel.vis-center')!
    /** Turns a mouse wheel with ctrl, a notch a frame: towards the user (1) zooms out. */
    const turn = async (direction: 1 | -1, notches: number) => {
      for (let notch = 0; notch < notches; notch++) {
        const box = panel.getBoundingClientRect()
        panel.dispatchEvent(
          new WheelEvent('wheel', {
            deltaY: 100 * direction,
            wheelDeltaY: -120 * direction,
            ctrlKey: true,
            bubbles: true,
            cancelable: true,
            // Around 2023, where the events are thickest.
            clientX: box.left + box.width * 0.75,
            clientY: box.top + 40
          } as WheelEventInit)
        )
        await frame()
      }
    }
    // In to a few months of the twelve years, then out again: events leave the window, then come back.
    await turn(-1, 16)
    await turn(1, 6)
    // Each notch takes effect at once; the events are drawn in the frame after the last.
    await frame()
    await settle(host, itemElements(host).length)
    const { start, end } = view.emitted<[TimeWindow]>('window')!.at(-1)![0]
    const years = (end - start) / (365 * 86_400_000)
    expect(years, 'zoomed out from a few months to a year or more, not to everything').toBeGreaterThan(1)
    expect(years).toBeLessThan(5)

    // vis-timeline's rule: a point within a quarter of the window beyond its edges, a range
    // overlapping the window. Events a hundredth of the window from those bounds are not judged.
    const quarter = (end - start) / 4
    const near = (t: number, bound: number) => Math.abs(t - bound) < (end - start) / 100
    const expected: string[] = []
    const unsure = new Set<string>()
    for (const item of doc.items) {
      const period = itemPeriod(item)!
      const [from, to] = item.kind === 'point' ? [start - quarter, end + quarter] : [start, end]
      const [first, last] = item.kind === 'point' ? [drawnTime(item), drawnTime(item)] : [period.start, period.end]
      if (near(first, to) || near(last, from)) unsure.add(item.title)
      else if (first <= to && last >= from) expected.push(item.title)
    }
    const drawn = itemElements(host)
    expect(
      drawn
        .map(titleOf)
        .filter((title) => !unsure.has(title))
        .sort()
    ).toEqual(expected.sort())
    expect(expected.length, 'events came into view').toBeGreaterThan(10)
    expect(expected.length, 'events stayed out of view').toBeLessThan(doc.items.length - 10)

    // Beside their dates: one scale for every point (from the first and the last), within a pixel.
    const points = doc.items.filter((item) => item.kind === 'point' && expected.includes(item.title))
    const [a, b] = [points[0]!, points.at(-1)!]
    const x = (item: TimelineItem) => xOf(elementFor(host, item.title))
    const pxPerMs = (x(b) - x(a)) / (drawnTime(b) - drawnTime(a))
    for (const item of points)
      expect(Math.abs(x(item) - (x(a) + (drawnTime(item) - drawnTime(a)) * pxPerMs)), item.title).toBeLessThanOrEqual(
        TOLERANCE
      )
    const rows = laneRows(host)
    for (const group of doc.groups) {
      const row = rows.get(group.title)!
      const own = drawn.filter((el) => row.contains(el))
      const titles = new Set(doc.items.filter((item) => item.groupId === group.id).map((item) => item.title))
      expect(
        own.every((el) => titles.has(titleOf(el))),
        group.title
      ).toBe(true)
      expectNoOverlaps(own.map((el) => ({ title: titleOf(el), box: el.getBoundingClientRect() })))
    }
  })

  // A large timeline's outline is drawn read-only while the timeline itself is read: once it has
  // arrived, every event on screen can be dragged, including those drawn before.
  test('events drawn read-only can be dragged once the timeline is editable', async () => {
    const doc = loadDataset()
    const { host, view } = await mountTimeline({ ...propsFor(doc), readOnly: true })
    await settle(host, 88)
    expect(host.querySelectorAll('.vis-item.vis-readonly').length).toBeGreaterThan(0)
    await view.rerender({ readOnly: false })
    await settle(host, 88)
    expect(host.querySelectorAll('.vis-item.vis-readonly')).toHaveLength(0)
    expect(itemElements(host).every((el) => el.classList.contains('vis-editable'))).toBe(true)
  })

  // A large timeline's lanes keep one height whatever they draw: a zoom step that stacked a lane
  // deeper or shallower made vis-timeline lay everything out twice, and the lanes below jump.
  test('with a lane height, every lane is at least that tall, and stays so when the events drawn change', async () => {
    const doc = loadDataset()
    const all = selectTimelineItems(doc, {})
    const { host, view } = await mountTimeline({ ...propsFor(doc), laneHeightPx: 400 })
    await settle(host, 88)
    const heights = () => [...laneRows(host).values()].map((row) => Math.round(row.getBoundingClientRect().height))
    expect(heights()).toEqual(doc.groups.map(() => 400))
    await view.rerender({ items: all.filter((_, i) => i % 3 === 0) })
    await settle(host, 30)
    expect(heights()).toEqual(doc.groups.map(() => 400))
  })

  // A new size is drawn a frame or two later, with the events worked out for it; the width the
  // timeline reports at once (for that work) must be the width it then draws in.
  test('a new size is drawn at the width reported with it, every event beside its date', async () => {
    const doc = loadDataset()
    const { host, view } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const panel = host.querySelector<HTMLElement>('.vis-panel.vis-center')!
    const reports = () => view.emitted<[TimeWindow, number]>('window')!
    const before = reports().length
    const wide = panel.getBoundingClientRect().width
    host.style.width = '900px'
    await expect.poll(() => panel.getBoundingClientRect().width).toBeLessThan(wide - 300)
    await settle(host, itemElements(host).length)
    // The first report after the new size, made before it was drawn.
    const [{ start, end }, widthPx] = reports()[before]!
    const box = panel.getBoundingClientRect()
    expect(Math.abs(widthPx - box.width)).toBeLessThanOrEqual(TOLERANCE)
    const points = doc.items.filter((item) => item.kind === 'point')
    const byTitle = elementsByTitle(host)
    const drawn = points.filter((item) => byTitle.has(item.title))
    expect(drawn.length).toBeGreaterThan(20)
    for (const item of drawn) {
      const expected = box.left + panel.clientLeft + ((drawnTime(item) - start) / (end - start)) * widthPx
      expect(Math.abs(xOf(byTitle.get(item.title)!) - expected), item.title).toBeLessThanOrEqual(TOLERANCE)
    }
  })

  // The browser scrolls an overflow-hidden panel to bring what is in it into view (an event
  // clicked as the timeline narrows): the events must stay beside their dates on the axis.
  test('the events panel never stays scrolled sideways: events stay beside their dates', async () => {
    const doc = loadDataset()
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)
    const panel = host.querySelector<HTMLElement>('.vis-panel.vis-center')!
    const before = itemElements(host)[0]!.getBoundingClientRect().left
    panel.scrollLeft = 80
    await expect.poll(() => panel.scrollLeft).toBe(0)
    expect(itemElements(host)[0]!.getBoundingClientRect().left).toBe(before)
  })

  test('shows the note count in a badge on the item that has notes', async () => {
    const base = loadDataset()
    const target = itemTitled(base, 'Ratcliffe and Waltz confirm')
    const note = (id: string, body: string): Note => ({
      id,
      author: 'Analyst',
      body,
      createdAt: '2025-03-06T10:00:00Z',
      updatedAt: '2025-03-06T10:00:00Z'
    })
    const doc = withItem(base, target.id, {
      notes: [note('n1', 'Check the Fox Business clip.'), note('n2', 'Compare with Waltz.')]
    })
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)

    const badges = host.querySelectorAll('.note-badge')
    expect(badges).toHaveLength(1) // no other event in the dataset has notes
    const el = elementFor(host, target.title)
    expect(el.querySelector('.note-badge')?.textContent).toBe('2')
    expect(el.contains(badges[0]!)).toBe(true)
  })

  test('clicking an item emits select and activate with its id; the selectedIds prop marks items selected', async () => {
    const doc = loadDataset()
    const { host, view } = await mountTimeline(propsFor(doc))
    await settle(host, 88)

    // An item whose title is not covered by another (stacking avoids overlaps, but check).
    const byTitle = elementsByTitle(host)
    const clickable = doc.items.find((item) => {
      const title = byTitle.get(item.title)?.querySelector<HTMLElement>('.item-title')
      if (!title) return false
      const b = title.getBoundingClientRect()
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)
      return !!hit && byTitle.get(item.title)!.contains(hit)
    })
    expect(clickable, 'some item can be clicked').toBeDefined()
    const clicked = byTitle.get(clickable!.title)!
    await userEvent.click(clicked.querySelector('.item-title')!)
    await expect.poll(() => view.emitted('select')).toEqual([[[clickable!.id]]])
    expect(view.emitted('activate')).toEqual([[clickable!.id]])
    expect(clicked.classList.contains('vis-selected')).toBe(true)

    const other = itemTitled(doc, 'Kremlin sets end of Western intelligence')
    expect(other.id).not.toBe(clickable!.id)
    await view.rerender({ selectedIds: [other.id] })
    await expect.poll(() => elementFor(host, other.title).classList.contains('vis-selected')).toBe(true)
    expect(clicked.classList.contains('vis-selected')).toBe(false)
    expect(host.querySelectorAll('.vis-item.vis-selected:is(.vis-point, .vis-range)')).toHaveLength(1)
    // Selecting through the prop is not echoed back as a user selection.
    expect(view.emitted('select')).toEqual([[[clickable!.id]]])

    await view.rerender({ selectedIds: [] })
    await expect.poll(() => host.querySelectorAll('.vis-item.vis-selected').length).toBe(0)
  })

  test('selectedIds given at mount are shown selected', async () => {
    const doc = loadDataset()
    const target = itemTitled(doc, 'Jeddah talks end')
    const { host } = await mountTimeline({ ...propsFor(doc), selectedIds: [target.id] })
    await settle(host, 88)
    expect(elementFor(host, target.title).classList.contains('vis-selected')).toBe(true)
  })

  test('hostile titles render as literal text and run nothing', async () => {
    const base = loadDataset()
    const hostile = '<img src=x onerror="window.__pwned=1">'
    const hostileLane = '<img src=y onerror="window.__pwned=2">Lane'
    const target = itemTitled(base, 'Ratcliffe and Waltz confirm')
    const withTitle = withItem(base, target.id, { title: hostile })
    const doc = DocumentSchema.parse({
      ...withTitle,
      groups: withTitle.groups.map((g) => (g.id === target.groupId ? { ...g, title: hostileLane } : g))
    })
    delete window.__pwned
    const { host } = await mountTimeline(propsFor(doc))
    await settle(host, 88)

    // Control: the same markup, really parsed, does fire its onerror; wait for that, then check.
    const control = document.createElement('div')
    control.innerHTML = '<img src=x onerror="window.__xssControl=1">'
    await expect.poll(() => window.__xssControl).toBe(1)
    delete window.__xssControl
    expect(window.__pwned).toBeUndefined()

    expect(host.querySelector('img')).toBeNull()
    const el = elementFor(host, hostile)
    expect(el.querySelector('.item-title')!.textContent).toBe(hostile)
    expect([...host.querySelectorAll('.lane-title')].map((t) => t.textContent)).toContain(hostileLane)
  })
})
