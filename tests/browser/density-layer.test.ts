/**
 * The density shading of lanes too full to show every event, drawn by TimelineView in a real
 * Chromium: where each bin's shade and search bar land, read back from the page's geometry and
 * set beside the lane rows vis-timeline laid out and the window it reports.
 */
import { afterEach, expect, test } from 'vitest'
import { commands } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument } from '@shared/model/schema'
import type { DensityBin } from '@shared/view/level-of-detail'
import type { TimeWindow } from '@shared/view/timeline-items'
import TimelineView from '@renderer/components/timeline/TimelineView.vue'

/** The outlines are written to a tenth of a pixel; the hair between bins and the inset from a lane's edges are a whole one. */
const TOLERANCE = 0.5
const YEAR = 365.25 * 24 * 3600_000
const EXTENT: TimeWindow = { start: Date.UTC(2014, 0, 1), end: Date.UTC(2026, 0, 1) }
const MIDDLE = Date.UTC(2020, 0, 1)

const hosts: { host: HTMLElement; unmount(): Promise<void> }[] = []
afterEach(async () => {
  for (const { host, unmount } of hosts.splice(0)) {
    await unmount()
    host.remove()
  }
})

function lanes(): TimelineDocument['groups'] {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  return [...result.document.groups].sort((a, b) => a.order - b.order)
}

function bin(group: string, start: number, end: number, level: number, matches = 0): DensityBin {
  return { id: `bin:${group}:${start}`, group, start, end, count: 10 * level, matches, level }
}

/**
 * The first lane: full from long before the window to its middle (level 5, 3 matches), then a
 * year less so; the second lane sparse from the middle to long after the window.
 */
function binsFor([first, second]: { id: string }[]): DensityBin[] {
  return [
    bin(first!.id, EXTENT.start - 50 * YEAR, MIDDLE, 5, 3),
    bin(first!.id, MIDDLE, MIDDLE + YEAR, 2),
    bin(second!.id, MIDDLE, EXTENT.end + 50 * YEAR, 1)
  ]
}

async function mount(bins: DensityBin[], width = 1300) {
  const groups = lanes()
  const host = document.createElement('div')
  host.style.cssText = `position: relative; width: ${width}px; height: 900px;`
  document.body.appendChild(host)
  const reported: { window: TimeWindow; width: number }[] = []
  const view = await render(TimelineView, {
    container: host,
    props: {
      items: [],
      groups,
      selectedIds: [],
      extent: EXTENT,
      bins,
      laneHeightPx: 60,
      onWindow: (window: TimeWindow, drawn: number) => reported.push({ window, width: drawn })
    }
  })
  hosts.push({ host, unmount: () => view.unmount() })
  // Drawn once vis-timeline has laid the lanes out at the size it reports.
  await expect.poll(() => reported.at(-1)?.width ?? 0).toBeGreaterThan(0)
  await expect.poll(() => host.querySelectorAll('.density-layer path').length).toBeGreaterThan(0)
  return { host, groups, view, shown: () => reported.at(-1)! }
}

/** Lane id -> its row in the item area (rows come in lane order). */
function rowsOf(host: HTMLElement, groups: { id: string }[]): Map<string, DOMRect> {
  const rows = [...host.querySelectorAll<HTMLElement>('.vis-itemset .vis-foreground > .vis-group')]
  expect(rows).toHaveLength(groups.length)
  return new Map(groups.map((g, i) => [g.id, rows[i]!.getBoundingClientRect()]))
}

function pathsOf(host: HTMLElement, lane: string): SVGPathElement[] {
  return [...host.querySelectorAll<SVGPathElement>(`.density-layer g[data-lane="${lane}"] path`)]
}

test('each bin is shaded across its lane, at its dates, in its lane’s colour by its level; matches get a bar', async () => {
  const { host, groups, shown } = await mount(binsFor(lanes()))
  const [first, second, third] = groups
  const rows = rowsOf(host, groups)
  const layer = host.querySelector('.density-layer')!.getBoundingClientRect()
  const { window, width } = shown()
  const xOf = (time: number) => layer.left + ((time - window.start) / (window.end - window.start)) * width
  expect(Math.abs(layer.width - width)).toBeLessThanOrEqual(TOLERANCE)

  const near = (actual: number, expected: number, what: string) =>
    expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE)
  const shade = (path: SVGPathElement) => ({
    box: path.getBoundingClientRect(),
    fill: path.getAttribute('fill'),
    opacity: Number(path.getAttribute('fill-opacity'))
  })

  // The first lane: two shades and the bar under its matches, the bar drawn over the shades.
  const firstPaths = pathsOf(host, first!.id)
  expect(firstPaths.map((p) => p.classList.value)).toEqual(['density-shade', 'density-shade', 'density-matches'])
  const [full, less] = firstPaths
    .slice(0, 2)
    .map(shade)
    .sort((a, b) => a.box.left - b.box.left)
  const row = rows.get(first!.id)!
  expect(full!.fill).toBe(first!.color)
  expect(full!.opacity).toBeCloseTo(0.46)
  expect(less!.opacity).toBeCloseTo(0.18)
  // Within the window only; a hair of space before the next bin.
  near(full!.box.left, layer.left, 'full bin, left, cut at the window')
  near(full!.box.right, xOf(MIDDLE) - 1, 'full bin, right')
  near(less!.box.left, xOf(MIDDLE), 'next bin, left')
  near(less!.box.right, xOf(MIDDLE + YEAR) - 1, 'next bin, right')
  // From a pixel below the lane's top to a pixel above its bottom.
  for (const { box } of [full!, less!]) {
    near(box.top, row.top + 1, 'shade, top')
    near(box.bottom, row.bottom - 1, 'shade, bottom')
  }
  const bar = firstPaths[2]!.getBoundingClientRect()
  expect(firstPaths[2]!.getAttribute('fill')).toBe('#f0b400')
  near(bar.left, full!.box.left, 'bar, left')
  near(bar.right, full!.box.right, 'bar, right: under the matching bin only')
  near(bar.bottom, row.bottom - 1, 'bar, bottom')
  near(bar.height, 3, 'bar, height')

  // The second lane: one faint shade, from the middle to the window's end, and no bar.
  const secondPaths = pathsOf(host, second!.id)
  expect(secondPaths).toHaveLength(1)
  const faint = shade(secondPaths[0]!)
  expect(faint.fill).toBe(second!.color)
  expect(faint.opacity).toBeCloseTo(0.1)
  near(faint.box.left, xOf(MIDDLE), 'faint bin, left')
  near(faint.box.right, layer.right - 1, 'faint bin, right, cut at the window')
  near(faint.box.top, rows.get(second!.id)!.top + 1, 'faint bin, top')

  // A lane without bins has no shading at all.
  expect(host.querySelector(`.density-layer g[data-lane="${third!.id}"]`)).toBeNull()
})

test('a narrower timeline is shaded again at its new width; bins taken away take their shading', async () => {
  const { host, groups, view, shown } = await mount(binsFor(lanes()))
  const [, second] = groups
  const before = shown().width
  host.style.width = '900px'
  await expect.poll(() => shown().width).toBeLessThan(before - 300)
  const { window, width } = shown()
  const layer = () => host.querySelector('.density-layer')!.getBoundingClientRect()
  const x = layer().left + ((MIDDLE - window.start) / (window.end - window.start)) * width
  await expect
    .poll(() => Math.abs(pathsOf(host, second!.id)[0]!.getBoundingClientRect().left - x))
    .toBeLessThanOrEqual(TOLERANCE)
  expect(
    Math.abs(pathsOf(host, second!.id)[0]!.getBoundingClientRect().right - (layer().right - 1))
  ).toBeLessThanOrEqual(TOLERANCE)

  await view.rerender({ bins: [] })
  await expect.poll(() => host.querySelectorAll('.density-layer g').length).toBe(0)
})

test('a click on a lane’s shading zooms in on that bin, a bin’s width either side, and hovering says what it holds', async () => {
  const { host, groups, shown } = await mount(binsFor(lanes()))
  const [first, , third] = groups
  const rows = rowsOf(host, groups)
  const layer = host.querySelector('.density-layer')!.getBoundingClientRect()
  const { window, width } = shown()
  const xOf = (time: number) => layer.left + ((time - window.start) / (window.end - window.start)) * width
  const middleOf = (row: DOMRect) => (row.top + row.bottom) / 2

  // A lane without shading: nothing happens.
  await commands.mouseClick({ x: xOf(MIDDLE + YEAR / 2), y: middleOf(rows.get(third!.id)!) })
  const timeline = host.querySelector<HTMLElement>('.timeline')!
  expect(timeline.title).toBe('')
  expect(shown().window).toEqual(window)

  // The first lane's second bin, from the middle, a year long: 20 events.
  await commands.mouseClick({ x: xOf(MIDDLE + YEAR / 2), y: middleOf(rows.get(first!.id)!) })
  expect(timeline.title).toMatch(/^20 events, 1 Jan 2020 – 31 Dec 2020\. Click to zoom in\.$/)
  await expect.poll(() => shown().window).toEqual({ start: MIDDLE - YEAR, end: MIDDLE + 2 * YEAR })
})
