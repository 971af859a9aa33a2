/**
 * The density overview of a report with too many events to number each one (overview-density.ts):
 * for random documents and periods, each lane's shaded cells count exactly its events in the
 * report; every numbered marker carries its event's number in the chronology, once, clear of the
 * others; the key's shades cover every count; and a small document keeps its event-by-event figure.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/shared/model/document'
import { emptyDocument } from '../../src/shared/model/factory'
import type { Confidence, ItemKind, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { buildReportModel } from '../../src/shared/report/build-model'
import type { ReportModel } from '../../src/shared/report/model'
import type { ReportOptions } from '../../src/shared/report/options'
import { layoutOverview } from '../../src/shared/report/overview'
import { durationWords, mostNumberable, OVERVIEW_PAGES } from '../../src/shared/report/overview-density'
import { reportPage } from '../../src/shared/report/page'
import { levelOfDetail } from '../../src/shared/view/level-of-detail'
import { TimelineModel } from '../../src/shared/view/timeline-model'

const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
const EPSILON = 1e-6
const DAY = 86_400_000
const STAMP = '2026-01-01T00:00:00.000Z'

function options(selection: ReportOptions['selection'], landscape = false): ReportOptions {
  return { title: 't', selection, includeNotes: true, includeSources: true, pageSize: 'A4', landscape }
}

interface Spec {
  lanes: number
  /** Days from the first day; how long (0: a point); the precision of a point's date. */
  events: { day: number; length: number; month: boolean; lane: number; notes: boolean; confidence: Confidence }[]
}

const iso = (day: number) => new Date(Date.UTC(1990, 0, 1) + day * DAY).toISOString().slice(0, 10)

function documentFrom(spec: Spec): TimelineDocument {
  const doc = emptyDocument('random', new Date(STAMP))
  doc.groups = Array.from({ length: spec.lanes }, (_, order) => ({
    id: `lane-${order}`,
    title: `Lane ${order + 1}`,
    color: '#4e79a7',
    order
  }))
  doc.items = spec.events.map((e, index): TimelineItem => {
    const kind: ItemKind = e.length ? 'range' : 'point'
    return {
      id: `event-${index}`,
      groupId: `lane-${e.lane % spec.lanes}`,
      kind,
      start: e.month && !e.length ? iso(e.day).slice(0, 7) : iso(e.day),
      ...(e.length ? { end: iso(e.day + e.length) } : {}),
      title: `Event ${index}`,
      description: '',
      tags: [],
      confidence: e.confidence,
      sources: [],
      notes: e.notes ? [{ id: `note-${index}`, author: 'A', body: 'b', createdAt: STAMP, updatedAt: STAMP }] : [],
      createdAt: STAMP,
      updatedAt: STAMP
    }
  })
  return doc
}

/** A document of many events over `years` years, in up to five lanes. */
const dense = (years: number) =>
  fc.record({
    lanes: fc.integer({ min: 1, max: 5 }),
    events: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: Math.round(years * 365) }),
        length: fc.oneof(
          { weight: 6, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 900 }) }
        ),
        month: fc.boolean(),
        lane: fc.integer({ min: 0, max: 4 }),
        notes: fc.boolean(),
        confidence: fc.constantFrom<Confidence>('confirmed', 'reported', 'disputed', 'unverified')
      }),
      { minLength: 1_500, maxLength: 2_500 }
    )
  })

/** The density figure's promises, checked against the report's own entries. */
function expectDensity(model: ReportModel): void {
  const figure = model.overview
  expect(figure.density, 'a density figure').toBeDefined()
  const entryById = new Map(model.entries.map((entry) => [entry.id, entry]))
  const inLane = new Map<string, number>()
  for (const entry of model.entries) inLane.set(entry.laneId, (inLane.get(entry.laneId) ?? 0) + 1)
  const counted = new Map<string, number>()
  const numbered = new Map<string, number>()
  const seen = new Set<number>()
  let fullest = 0
  for (const panel of figure.panels) {
    const lanes = new Map(panel.lanes.map((lane) => [lane.id, lane]))
    for (const bin of panel.bins ?? []) {
      counted.set(bin.laneId, (counted.get(bin.laneId) ?? 0) + bin.count)
      fullest = Math.max(fullest, bin.count)
      const strip = lanes.get(bin.laneId)!.strip!
      // Inside its lane's strip, and the strip inside the plot.
      expect(bin.x).toBeGreaterThanOrEqual(strip.x - EPSILON)
      expect(bin.x + bin.width).toBeLessThanOrEqual(strip.x + strip.width + EPSILON)
      expect(bin.width).toBeGreaterThan(0)
      expect(strip.x).toBeGreaterThanOrEqual(panel.plot.x)
      expect(strip.x + strip.width).toBeLessThanOrEqual(panel.plot.x + panel.plot.width)
    }
    const boxes: { laneId: string; x: number; y: number; w: number; h: number; n: number }[] = []
    for (const mark of panel.marks) {
      // Every numbered event is in the chronology under the same number, and numbered once.
      const entry = entryById.get(mark.itemId)!
      expect(entry, mark.itemId).toBeDefined()
      expect(mark.number).toBe(entry.number)
      expect(mark.laneId).toBe(entry.laneId)
      expect(seen.has(mark.number), `${mark.number} numbered twice`).toBe(false)
      seen.add(mark.number)
      numbered.set(mark.laneId, (numbered.get(mark.laneId) ?? 0) + 1)
      const label = mark.label!
      expect(label.text).toBe(String(entry.number))
      const lane = lanes.get(mark.laneId)!
      expect(label.y).toBeGreaterThanOrEqual(lane.y - EPSILON)
      // Above the strip, never on it.
      expect(label.y + label.height).toBeLessThanOrEqual((lane.strip?.y ?? lane.y + lane.height) + EPSILON)
      for (const other of boxes)
        if (other.laneId === mark.laneId)
          expect(
            label.x >= other.x + other.w - EPSILON ||
              other.x >= label.x + label.width - EPSILON ||
              label.y >= other.y + other.h - EPSILON ||
              other.y >= label.y + label.height - EPSILON,
            `${mark.number} overlaps ${other.n}`
          ).toBe(true)
      boxes.push({ laneId: mark.laneId, x: label.x, y: label.y, w: label.width, h: label.height, n: mark.number })
    }
    for (const lane of panel.lanes) {
      const events = inLane.get(lane.id)!
      expect(lane.countLines!.join(' ')).toContain(`${events.toLocaleString('en')} event`)
      if (!lane.strip) expect(lane.countLines!.join(' ')).toContain('all numbered')
    }
  }
  // Each lane: its cells count exactly its events in the report; a lane without cells numbers all.
  for (const lane of model.lanes) {
    if (counted.has(lane.id)) expect(counted.get(lane.id), lane.title).toBe(inLane.get(lane.id))
    else expect(numbered.get(lane.id) ?? 0, lane.title).toBe(inLane.get(lane.id))
  }
  // The key covers every count from 1 to the fullest cell, in order, without gaps.
  const shades = figure.density!.shades
  if (fullest) {
    expect(shades[0]!.from).toBe(1)
    expect(shades.at(-1)!.to).toBe(fullest)
    for (let i = 1; i < shades.length; i++) expect(shades[i]!.from).toBe(shades[i - 1]!.to + 1)
  }
  expect(figure.density!.caption).toMatch(/^Shown as density: [\d,]+ events are too many to number/)
}

/** `count` reported point events of day precision, dealt to `lanes` lanes in turn. */
function dayPoints(count: number, lanes: number, day: (i: number) => number, notes: (i: number) => boolean): Spec {
  const events = Array.from({ length: count }, (_, i) => ({
    day: day(i),
    length: 0,
    month: false,
    lane: i % lanes,
    notes: notes(i),
    confidence: 'reported' as const
  }))
  return { lanes, events }
}

describe('the density overview', () => {
  it('counts every event of each lane, and numbers events under their chronology numbers, for random documents and periods', () => {
    let densities = 0
    fc.assert(
      fc.property(
        dense(35),
        fc.integer({ min: 0, max: 30 }),
        fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 3, max: 35 })),
        fc.boolean(),
        (spec, fromYear, years, landscape) => {
          const doc = documentFrom(spec)
          const from = String(1990 + fromYear)
          const to = String(Math.min(2025, 1990 + fromYear + years))
          const model = buildReportModel(doc, options({ kind: 'dates', from, to }, landscape), new Date(STAMP))
          if (!model.entries.length) return
          if (model.overview.density) {
            expectDensity(model)
            densities++
          } else {
            // Few enough to number: the event-by-event figure, every event once.
            const numbers = model.overview.panels.flatMap((p) => p.marks.filter((m) => m.label).map((m) => m.number))
            expect(numbers.sort((a, b) => a - b)).toEqual(model.entries.map((e) => e.number))
          }
        }
      ),
      { numRuns: 12, seed: 20261205 }
    )
    // Both figures were met: short periods are numbered event by event, long ones shaded.
    expect(densities).toBeGreaterThan(2)
    expect(densities).toBeLessThan(12)
  })

  it('is what a document of many events over a few weeks or many years gets', () => {
    fc.assert(
      fc.property(dense(0.1), (spec) => {
        const model = buildReportModel(documentFrom(spec), options({ kind: 'all' }), new Date(STAMP))
        expectDensity(model)
      }),
      { numRuns: 3, seed: 7 }
    )
    fc.assert(
      fc.property(dense(35), (spec) => {
        const model = buildReportModel(documentFrom(spec), options({ kind: 'all' }), new Date(STAMP))
        expectDensity(model)
        // One panel (eight lanes or fewer fit a page), the whole period, a readable date axis.
        expect(model.overview.panels).toHaveLength(1)
        expect(model.overview.panels[0]!.axisLabels.length).toBeGreaterThan(3)
      }),
      { numRuns: 3, seed: 8 }
    )
  })

  it('numbers the events with notes first, as the screen does', () => {
    // One event in five has a note, in both lanes: one per stretch, the numbered ones are those.
    const spec = dayPoints(
      4_000,
      2,
      (i) => (i * 37) % (30 * 365),
      (i) => i % 10 < 2
    )
    const doc = documentFrom(spec)
    const model = buildReportModel(doc, options({ kind: 'all' }), new Date(STAMP))
    expectDensity(model)
    const noted = new Set(doc.items.filter((item) => item.notes.length).map((item) => item.id))
    const marks = model.overview.panels.flatMap((p) => p.marks)
    expect(marks.length).toBeGreaterThan(20)
    expect(marks.every((mark) => noted.has(mark.itemId))).toBe(true)
  })

  it('draws the same shaded cells the screen would, from the same function', () => {
    const spec = dayPoints(
      3_000,
      3,
      (i) => (i * 7919) % (20 * 365),
      () => false
    )
    const doc = documentFrom(spec)
    const model = buildReportModel(doc, options({ kind: 'all' }), new Date(STAMP))
    const panel = model.overview.panels[0]!
    const detail = levelOfDetail(new TimelineModel(doc), {
      window: { start: panel.startMs, end: panel.endMs },
      widthPx: panel.lanes[0]!.strip!.width,
      lanes: model.lanes.map((lane) => lane.id),
      rowsPerLane: 3,
      capacity: 1,
      binPx: 8
    })
    const counts = (bins: { count: number }[]) => bins.map((bin) => bin.count)
    expect(counts(panel.bins!)).toEqual(counts(detail.bins))
  })
})

describe('a small document', () => {
  const read = readDocument(readFileSync(DATASET, 'utf8'))
  if (!read.ok) throw new Error('the bundled dataset does not validate')
  const doc = read.document

  it.each([false, true])('keeps the event-by-event figure, unchanged (landscape: %s)', (landscape) => {
    const model = buildReportModel(doc, options({ kind: 'all' }, landscape), new Date(STAMP))
    expect(model.overview.density).toBeUndefined()
    const page = reportPage('A4', landscape)
    expect(model.overview).toEqual(
      layoutOverview(model.entries, model.lanes, { width: page.contentWidthPt, maxHeight: page.contentHeightPt - 40 })
    )
    expect(model.overview.panels.every((panel) => !panel.bins)).toBe(true)
  })

  it('is never tried event by event past what the pages could number', () => {
    const page = reportPage('A4', false)
    const limit = mostNumberable(page.contentWidthPt, OVERVIEW_PAGES * page.contentHeightPt)
    // The bound is generous (rows of one-digit markers edge to edge), far above the dataset.
    expect(limit).toBeGreaterThan(5_000)
    expect(limit).toBeLessThan(20_000)
  })
})

describe('durationWords', () => {
  it('says a cell’s width as a reader would', () => {
    expect(durationWords(2 ** 19 * 60_000)).toBe('364.1 days (about a year)')
    expect(durationWords(2 ** 16 * 60_000)).toBe('45.5 days (about a month)')
    expect(durationWords(2 ** 11 * 60_000)).toBe('34.1 hours')
    expect(durationWords(2 ** 13 * 60_000)).toBe('5.7 days')
  })
})
