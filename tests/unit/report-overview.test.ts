/**
 * The overview figure's geometry: no two numbers overlap, every event is numbered exactly once,
 * marks stay inside their lane and the plot, and a period too dense for one figure is split —
 * for the bundled dataset on every paper, for dense and random synthetic timelines.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePeriod, type Precision } from '../../src/shared/model/dates'
import { readDocument } from '../../src/shared/model/document'
import type { ItemKind } from '../../src/shared/model/schema'
import { buildReportModel } from '../../src/shared/report/build-model'
import type { OverviewFigure, OverviewMark } from '../../src/shared/report/model'
import {
  DEFAULT_MAX_ROWS,
  layoutOverview,
  type OverviewEvent,
  type OverviewLaneInput
} from '../../src/shared/report/overview'
import { reportPage } from '../../src/shared/report/page'
import { textWidth } from '../../src/shared/report/text-metrics'

const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
const EPSILON = 1e-6
/** The least room between a marker or bar and the plot's edges (the lane titles, the panel's right edge). */
const MARGIN = 2

interface Box {
  x: number
  y: number
  width: number
  height: number
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - EPSILON &&
    b.x < a.x + a.width - EPSILON &&
    a.y < b.y + b.height - EPSILON &&
    b.y < a.y + a.height - EPSILON
  )
}

function footprint(mark: OverviewMark): [number, number] {
  const left = Math.min(mark.label?.x ?? Infinity, mark.bar?.x0 ?? Infinity)
  const right = Math.max(mark.label ? mark.label.x + mark.label.width : -Infinity, mark.bar?.x1 ?? -Infinity)
  return [left, right]
}

/** Every promise the figure makes, checked; returns the number of panels. */
function expectLegible(figure: OverviewFigure, events: readonly OverviewEvent[], maxHeight: number): number {
  const labelled = new Map<number, number>()
  for (const panel of figure.panels) {
    const { plot } = panel
    const labels = panel.marks.flatMap((m) => (m.label ? [m.label] : []))
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++)
        expect(overlaps(labels[i]!, labels[j]!), `${panel.caption}: ${labels[i]!.text} and ${labels[j]!.text}`).toBe(
          false
        )

    const lanes = new Map(panel.lanes.map((lane) => [lane.id, lane]))
    const rows = new Map<string, [number, number][]>()
    for (const mark of panel.marks) {
      if (mark.label) {
        labelled.set(mark.number, (labelled.get(mark.number) ?? 0) + 1)
        // Inside the plot with room to spare: no marker touches the lane titles or the panel's edge.
        expect(mark.label.x, `${panel.caption}: ${mark.number}`).toBeGreaterThanOrEqual(plot.x + MARGIN - EPSILON)
        expect(mark.label.x + mark.label.width, `${panel.caption}: ${mark.number}`).toBeLessThanOrEqual(
          plot.x + plot.width - MARGIN + EPSILON
        )
        expect(mark.label.text).toBe(String(mark.number))
        // The number fits its marker.
        expect(textWidth(mark.label.text, figure.numberSize, 600)).toBeLessThan(mark.label.width)
      }
      if (mark.bar) {
        expect(mark.bar.x0).toBeGreaterThanOrEqual(plot.x + MARGIN - EPSILON)
        expect(mark.bar.x1).toBeLessThanOrEqual(plot.x + plot.width - MARGIN + EPSILON)
        expect(mark.bar.x1).toBeGreaterThan(mark.bar.x0)
      }
      const lane = lanes.get(mark.laneId)!
      expect(lane, `${mark.number} has its lane in ${panel.caption}`).toBeDefined()
      const top = mark.label?.y ?? mark.y - 2.6
      const bottom = mark.label ? mark.label.y + mark.label.height : mark.y + 2.6
      expect(top).toBeGreaterThanOrEqual(lane.y - EPSILON)
      expect(bottom).toBeLessThanOrEqual(lane.y + lane.height + EPSILON)
      // Nothing else in the same row of the same lane: bars do not run under other numbers either.
      const key = `${mark.laneId}/${mark.row}`
      const [left, right] = footprint(mark)
      for (const [l, r] of rows.get(key) ?? [])
        expect(left >= r || right <= l, `${panel.caption} row ${key}`).toBe(true)
      rows.set(key, [...(rows.get(key) ?? []), [left, right]])
    }

    expect(plot.x).toBeGreaterThanOrEqual(figure.gutter - EPSILON)
    expect(plot.x + plot.width).toBeLessThanOrEqual(panel.width - MARGIN + EPSILON)
    for (let i = 1; i < panel.lanes.length; i++)
      expect(panel.lanes[i]!.y).toBeCloseTo(panel.lanes[i - 1]!.y + panel.lanes[i - 1]!.height)
    expect(panel.height).toBeLessThanOrEqual(maxHeight)

    // Axis labels on one line do not touch, and stay on the panel.
    const lines = new Map<number, { left: number; right: number }[]>()
    for (const label of panel.axisLabels) {
      const width = textWidth(label.text, figure.axisSize, label.strong ? 600 : 400)
      const box = { left: label.x - width / 2, right: label.x + width / 2 }
      expect(box.left).toBeGreaterThanOrEqual(-EPSILON)
      expect(box.right).toBeLessThanOrEqual(panel.width + EPSILON)
      const line = lines.get(label.y) ?? []
      for (const other of line) expect(box.left >= other.right || box.right <= other.left).toBe(true)
      lines.set(label.y, [...line, box])
    }
  }
  expect([...labelled.keys()].sort((a, b) => a - b)).toEqual(events.map((e) => e.number).sort((a, b) => a - b))
  expect([...labelled.values()].every((count) => count === 1)).toBe(true)
  return figure.panels.length
}

/**
 * The most rows a lane takes beyond those its continued bars need (bars of events that began in
 * an earlier panel each may take a row of their own): what the splitting keeps within its limit.
 */
function rowsBeyondContinuations(figure: OverviewFigure): number {
  let most = 0
  for (const panel of figure.panels)
    for (const lane of panel.lanes) {
      const continued = panel.marks.filter((m) => m.laneId === lane.id && !m.label).length
      most = Math.max(most, lane.rows - continued)
    }
  return most
}

const LANES: OverviewLaneInput[] = [
  { id: 'a', title: 'Intelligence sharing', color: '#0072b2', ink: '#ffffff' },
  { id: 'b', title: 'Pauses and restrictions on aid', color: '#e69f00', ink: '#000000' },
  { id: 'c', title: 'Leaks', color: '#f0e442', ink: '#000000' },
  {
    id: 'd',
    title: 'A lane with a title far too long to fit in the gutter of a figure on any paper',
    color: '#999999',
    ink: '#000000'
  }
]

const PORTRAIT = reportPage('A4', false)
const LAYOUT = { width: PORTRAIT.contentWidthPt, maxHeight: PORTRAIT.contentHeightPt - 40 }

function event(
  number: number,
  laneId: string,
  start: string,
  precision: Precision = 'day',
  kind: ItemKind = 'point',
  end?: string
): OverviewEvent {
  return { number, id: `e${number}`, laneId, kind, precision, start, end: end ?? null }
}

/** A deterministic pseudo-random sequence, so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function iso(time: number, precision: Precision): string {
  const text = new Date(time).toISOString()
  return precision === 'year'
    ? text.slice(0, 4)
    : precision === 'month'
      ? text.slice(0, 7)
      : precision === 'day'
        ? text.slice(0, 10)
        : `${text.slice(0, 19)}Z`
}

describe('the bundled dataset', () => {
  const result = readDocument(readFileSync(DATASET, 'utf8'))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  const doc = result.document

  it.each([
    ['A4', false],
    ['A4', true],
    ['Letter', false],
    ['Letter', true]
  ] as const)('on %s (landscape: %s) numbers every event once, with no overlaps', (pageSize, landscape) => {
    const model = buildReportModel(
      doc,
      { title: 't', selection: { kind: 'all' }, includeNotes: true, includeSources: true, pageSize, landscape },
      new Date()
    )
    const panels = expectLegible(model.overview, model.entries, model.page.contentHeightPt)
    // 88 events over twelve years, crowded in 2022 and 2025: more than one panel, but not many.
    expect(panels).toBeGreaterThan(1)
    expect(panels).toBeLessThanOrEqual(8)
    expect(rowsBeyondContinuations(model.overview)).toBeLessThanOrEqual(DEFAULT_MAX_ROWS)
    expect(model.overview.note).toContain(`${panels} parts`)
    // Panels follow each other in time and the lanes are the document's, in order.
    for (let i = 1; i < model.overview.panels.length; i++)
      expect(model.overview.panels[i]!.startMs).toBeGreaterThanOrEqual(model.overview.panels[i - 1]!.endMs)
    expect(model.overview.panels[0]!.lanes.map((l) => l.id)).toEqual(model.lanes.map((l) => l.id))
  })

  it('labels the axis with years, and months where there is room', () => {
    const model = buildReportModel(
      doc,
      {
        title: 't',
        selection: { kind: 'all' },
        includeNotes: true,
        includeSources: true,
        pageSize: 'A4',
        landscape: false
      },
      new Date()
    )
    const texts = model.overview.panels.map((p) => p.axisLabels.map((l) => l.text))
    expect(texts.flat()).toEqual(expect.arrayContaining(['2014', '2015', '2016', '2020', '2022', '2024']))
    // A panel of two years has room for the months.
    expect(texts[0]).toEqual(expect.arrayContaining(['Jan', 'Jun', 'Dec']))
  })
})

describe('a short timeline', () => {
  function axisTexts(figure: OverviewFigure): string[] {
    return figure.panels.flatMap((p) => p.axisLabels.map((l) => l.text))
  }

  it.each([
    ['one event', [event(1, 'a', '2025-03-11')], 'March 2025'],
    ['several on one day', [event(1, 'a', '2025-03-11'), event(2, 'b', '2025-03-11')], 'March 2025'],
    ['a few days', [event(1, 'a', '2025-11-21'), event(2, 'a', '2025-11-23T09:30:00Z', 'second')], 'November 2025'],
    ['across a month end', [event(1, 'a', '2025-11-28'), event(2, 'b', '2025-12-02')], 'November – December 2025']
  ])('widens %s to whole months, with days on the axis and no hours', (_, events, caption) => {
    const figure = layoutOverview(events, LANES, LAYOUT)
    expectLegible(figure, events, LAYOUT.maxHeight)
    expect(figure.panels).toHaveLength(1)
    const [panel] = figure.panels
    expect(panel!.caption).toBe(caption)
    expect(new Date(panel!.startMs).getUTCDate()).toBe(1)
    expect(new Date(panel!.endMs).getUTCDate()).toBe(1)
    expect(axisTexts(figure).some((text) => text.includes(':'))).toBe(false)
    expect(axisTexts(figure)).toEqual(expect.arrayContaining(['1', '10', '20']))
  })

  it('marks an approximate or uncertain date for a dashed ring, and no other', () => {
    const events = [
      event(1, 'a', '2016~', 'year'),
      event(2, 'a', '2016-06-01'),
      event(3, 'b', '2016-03', 'month', 'range', '2016-09?')
    ]
    const marks = layoutOverview(events, LANES, LAYOUT).panels.flatMap((p) => p.marks)
    expect(marks.map((m) => [m.number, m.doubt ?? false])).toEqual(
      expect.arrayContaining([
        [1, true],
        [2, false],
        [3, true]
      ])
    )
  })

  it('keeps a marker on the first or last day of the period clear of the plot edges', () => {
    for (const events of [
      [event(1, 'a', '2020-01-01'), event(2, 'a', '2022-12-31')],
      [event(1, 'a', '2025-03-01'), event(2, 'b', '2025-03-31')],
      [
        event(1, 'a', '2025-03-31'),
        event(2, 'a', '2025-03-31'),
        event(3, 'b', '2025-03-31', 'day', 'range', '2025-03-31')
      ]
    ]) {
      const figure = layoutOverview(events, LANES, LAYOUT)
      expectLegible(figure, events, LAYOUT.maxHeight)
      for (const panel of figure.panels)
        for (const mark of panel.marks) {
          const [left, right] = footprint(mark)
          expect(left - panel.plot.x).toBeGreaterThanOrEqual(MARGIN)
          expect(panel.width - right).toBeGreaterThanOrEqual(2 * MARGIN)
        }
    }
  })
})

describe('splitting by density', () => {
  function clustered(count: number): OverviewEvent[] {
    const events = [event(1, 'a', '2020-01-10'), event(2, 'a', '2021-06-01'), event(3, 'a', '2022-12-20')]
    for (let i = 0; i < count; i++) events.push(event(4 + i, 'b', '2021-03-15'))
    return events
  }

  it(`keeps one figure while no lane needs more than ${DEFAULT_MAX_ROWS} rows`, () => {
    const figure = layoutOverview(clustered(DEFAULT_MAX_ROWS), LANES.slice(0, 2), LAYOUT)
    expect(expectLegible(figure, clustered(DEFAULT_MAX_ROWS), LAYOUT.maxHeight)).toBe(1)
    expect(figure.note).toBeNull()
    expect(figure.panels[0]!.caption).toBe('2020–2022')
  })

  it('splits the figure as soon as a lane would need more rows', () => {
    const events = clustered(DEFAULT_MAX_ROWS + 1)
    const figure = layoutOverview(events, LANES.slice(0, 2), LAYOUT)
    expect(expectLegible(figure, events, LAYOUT.maxHeight)).toBeGreaterThan(1)
    expect(rowsBeyondContinuations(figure)).toBeLessThanOrEqual(DEFAULT_MAX_ROWS)
    // Four events on one day in one lane cannot share a figure: the day is shown in two parts.
    expect(figure.panels.map((p) => p.caption)).toEqual(
      expect.arrayContaining(['15 March 2021 (part 1 of 2)', '15 March 2021 (part 2 of 2)'])
    )
  })

  it('honours a different limit', () => {
    const events = clustered(2)
    expect(layoutOverview(events, LANES.slice(0, 2), { ...LAYOUT, maxRowsPerLane: 2 }).panels).toHaveLength(1)
    expect(layoutOverview(events, LANES.slice(0, 2), { ...LAYOUT, maxRowsPerLane: 1 }).panels.length).toBeGreaterThan(1)
  })

  it('splits a dense year by months and days, every event once, none overlapping', () => {
    const next = random(7)
    const events: OverviewEvent[] = []
    for (let n = 1; n <= 1000; n++) {
      const start = Date.UTC(2022, 0, 1) + Math.floor(next() * 365) * 86_400_000
      const lane = LANES[Math.floor(next() * LANES.length)]!.id
      const roll = next()
      if (roll < 0.6) events.push(event(n, lane, iso(start, 'day')))
      else if (roll < 0.75) events.push(event(n, lane, iso(start, 'month'), 'month'))
      else {
        const end = start + Math.floor(next() * 90) * 86_400_000
        events.push(event(n, lane, iso(start, 'day'), 'day', roll < 0.95 ? 'range' : 'background', iso(end, 'day')))
      }
    }
    const figure = layoutOverview(events, LANES, LAYOUT)
    const panels = expectLegible(figure, events, LAYOUT.maxHeight)
    expect(panels).toBeGreaterThan(4)
    expect(rowsBeyondContinuations(figure)).toBeLessThanOrEqual(DEFAULT_MAX_ROWS)
    // Bars that run past a panel's end are drawn on, unnumbered, in the next.
    const continued = figure.panels.flatMap((p) => p.marks.filter((m) => !m.label))
    expect(continued.length).toBeGreaterThan(0)
    for (const mark of continued) expect(mark.bar?.cutStart).toBe(true)
  })

  it('shows a long period in every panel it crosses, numbered in the first', () => {
    const events = [event(1, 'a', '2014', 'year', 'range', '2025')]
    for (let i = 0; i < 40; i++) events.push(event(2 + i, 'b', `2020-0${1 + (i % 9)}-1${i % 10}`))
    events.sort((x, y) => x.start.localeCompare(y.start))
    events.forEach((e, index) => (e.number = index + 1))
    const figure = layoutOverview(events, LANES.slice(0, 2), LAYOUT)
    expectLegible(figure, events, LAYOUT.maxHeight)
    const long = figure.panels.map((p) => p.marks.find((m) => m.itemId === 'e1')).filter(Boolean)
    expect(long.length).toBe(figure.panels.length)
    expect(long[0]!.label).not.toBeNull()
    expect(long.slice(1).every((m) => m!.label === null && m!.bar!.cutStart)).toBe(true)
    expect(long.slice(0, -1).every((m) => m!.bar!.cutEnd)).toBe(true)
  })

  it('cuts a panel between lanes when all lanes together are taller than the page', () => {
    const lanes: OverviewLaneInput[] = Array.from({ length: 80 }, (_, i) => ({
      id: `lane${i}`,
      title: `Lane ${i}`,
      color: '#4e79a7',
      ink: '#ffffff'
    }))
    const events = lanes.map((lane, i) => event(i + 1, lane.id, `2020-${String((i % 12) + 1).padStart(2, '0')}-01`))
    events.sort((x, y) => x.start.localeCompare(y.start) || x.number - y.number)
    events.forEach((e, index) => (e.number = index + 1))
    const figure = layoutOverview(events, lanes, LAYOUT)
    expect(expectLegible(figure, events, LAYOUT.maxHeight)).toBeGreaterThan(1)
    expect(figure.panels.every((p) => p.caption.includes('lanes'))).toBe(true)
  })
})

describe('any timeline', () => {
  const precisions: Precision[] = ['year', 'month', 'day', 'second']
  const kinds: ItemKind[] = ['point', 'range', 'background']
  const arbitraryEvent = fc.record({
    lane: fc.integer({ min: 0, max: LANES.length - 1 }),
    start: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) }),
    length: fc.integer({ min: 0, max: 3 * 365 * 86_400_000 }),
    precision: fc.constantFrom(...precisions),
    kind: fc.constantFrom(...kinds)
  })

  it('numbers every event once with no overlaps, on any paper', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryEvent, { minLength: 1, maxLength: 120 }),
        fc.constantFrom(reportPage('A4', false), reportPage('Letter', true)),
        (raw, page) => {
          const events = raw
            .map((r) => {
              const start = iso(r.start, r.precision)
              const end = r.kind === 'point' ? undefined : iso(r.start + r.length, r.precision)
              return { ...r, startIso: start, endIso: end }
            })
            .sort((a, b) => parsePeriod(a.startIso)!.start - parsePeriod(b.startIso)!.start)
            .map((r, index) => event(index + 1, LANES[r.lane]!.id, r.startIso, r.precision, r.kind, r.endIso))
          const layout = { width: page.contentWidthPt, maxHeight: page.contentHeightPt - 40 }
          const figure = layoutOverview(events, LANES, layout)
          expectLegible(figure, events, layout.maxHeight)
          expect(rowsBeyondContinuations(figure)).toBeLessThanOrEqual(DEFAULT_MAX_ROWS)
        }
      ),
      { numRuns: 150, seed: 5 }
    )
  })

  it('draws nothing for no events', () => {
    expect(layoutOverview([], LANES, LAYOUT).panels).toEqual([])
  })

  it('wraps a long lane title to the gutter and marks the cut', () => {
    const figure = layoutOverview([event(1, 'd', '2020-01-01')], LANES, LAYOUT)
    const lane = figure.panels[0]!.lanes.find((l) => l.id === 'd')!
    expect(lane.titleLines.length).toBeLessThanOrEqual(3)
    expect(lane.titleLines.at(-1)!.endsWith('…')).toBe(true)
    for (const line of lane.titleLines)
      expect(textWidth(line, figure.laneTitleSize)).toBeLessThanOrEqual(figure.gutter - 7)
    // Only lanes with events are drawn.
    expect(figure.panels[0]!.lanes.map((l) => l.id)).toEqual(['d'])
  })
})
