/**
 * The report model: which events a report holds (all, a filter, chosen ones, a date range), their
 * order and numbers, the title block's lines, and what the options leave out.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/shared/model/document'
import { parsePeriod } from '../../src/shared/model/dates'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { buildReportModel } from '../../src/shared/report/build-model'
import { REPORT_MODEL_VERSION } from '../../src/shared/report/model'
import { ReportOptionsSchema, type ReportOptions } from '../../src/shared/report/options'
import { filterItems } from '../../src/shared/view/filter'
import { makeDocument, makeItem, makeNote } from './helpers/documents'

const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
const NOW = new Date('2026-03-05T10:00:00Z')

function loadDataset(): TimelineDocument {
  const result = readDocument(readFileSync(DATASET, 'utf8'))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  return result.document
}

function options(overrides: Partial<ReportOptions> = {}): ReportOptions {
  return ReportOptionsSchema.parse({
    title: 'Briefing',
    selection: { kind: 'all' },
    includeNotes: true,
    includeSources: true,
    pageSize: 'A4',
    landscape: false,
    ...overrides
  })
}

function startOf(item: { start: string }): number {
  return parsePeriod(item.start)!.start
}

describe('numbering and order', () => {
  it('numbers every event of the dataset 1..N in date order', () => {
    const doc = loadDataset()
    const model = buildReportModel(doc, options(), NOW)
    expect(model.version).toBe(REPORT_MODEL_VERSION)
    expect(model.entries).toHaveLength(doc.items.length)
    expect(model.entries.map((e) => e.number)).toEqual(doc.items.map((_, index) => index + 1))
    for (let i = 1; i < model.entries.length; i++)
      expect(startOf(model.entries[i]!)).toBeGreaterThanOrEqual(startOf(model.entries[i - 1]!))
    expect(new Set(model.entries.map((e) => e.id)).size).toBe(doc.items.length)
  })

  it('orders by date, not by position in the file, and breaks ties by lane order', () => {
    const doc = makeDocument({ items: 0 })
    const [first, second] = doc.groups
    // The second lane comes first in lane order.
    first!.order = 5
    second!.order = 1
    doc.items.push(
      makeItem(first!.id, 0, { kind: 'point', end: undefined, start: '2020-05-01', title: 'Later' }),
      makeItem(first!.id, 0, { kind: 'point', end: undefined, start: '2019-01-02', title: 'Tie in the later lane' }),
      makeItem(second!.id, 0, { kind: 'point', end: undefined, start: '2019-01-02', title: 'Tie in the earlier lane' }),
      makeItem(first!.id, 0, {
        kind: 'point',
        end: undefined,
        start: '2019',
        title: 'Some time in 2019'
      })
    )
    const model = buildReportModel(doc, options(), NOW)
    expect(model.entries.map((e) => [e.number, e.title])).toEqual([
      [1, 'Some time in 2019'],
      [2, 'Tie in the earlier lane'],
      [3, 'Tie in the later lane'],
      [4, 'Later']
    ])
    expect(model.lanes.map((l) => l.id)).toEqual([second!.id, first!.id])
  })

  it('gives every figure label the number of its entry, once', () => {
    const model = buildReportModel(loadDataset(), options(), NOW)
    const labels = model.overview.panels.flatMap((p) => p.marks.filter((m) => m.label))
    expect(labels.map((m) => m.number).sort((a, b) => a - b)).toEqual(model.entries.map((e) => e.number))
    const byNumber = new Map(model.entries.map((e) => [e.number, e]))
    for (const mark of labels) {
      expect(mark.itemId).toBe(byNumber.get(mark.number)!.id)
      expect(mark.label!.text).toBe(String(mark.number))
    }
  })
})

describe('selection', () => {
  it('takes all events and says so', () => {
    const model = buildReportModel(loadDataset(), options(), NOW)
    expect(model.summary).toBe('All 88 events')
  })

  it('takes the events through a filter, with the filter summary line', () => {
    const doc = loadDataset()
    const filter = { groupIds: ['diplomacy', 'policy-pause'], confidences: ['confirmed' as const] }
    const model = buildReportModel(doc, options({ selection: { kind: 'filter', filter } }), NOW)
    const expected = filterItems(doc, filter)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(doc.items.length)
    expect(new Set(model.entries.map((e) => e.id))).toEqual(new Set(expected.map((i) => i.id)))
    expect(model.entries.every((e) => e.confidence === 'confirmed')).toBe(true)
    expect(model.summary).toBe(
      `${expected.length} of 88 events; lanes: Diplomacy, Pauses and restrictions; confidence: confirmed`
    )
    expect(model.lanes.map((l) => l.id)).toEqual(
      ['diplomacy', 'policy-pause'].filter((id) => model.lanes.some((l) => l.id === id))
    )
  })

  it('an empty filter keeps every event', () => {
    const model = buildReportModel(loadDataset(), options({ selection: { kind: 'filter', filter: {} } }), NOW)
    expect(model.entries).toHaveLength(88)
    expect(model.summary).toBe('88 of 88 events')
  })

  it('takes events chosen by id, in date order whatever the order of the ids, ignoring unknown ids', () => {
    const doc = loadDataset()
    const chosen = [doc.items[40]!, doc.items[3]!, doc.items[70]!]
    const model = buildReportModel(
      doc,
      options({ selection: { kind: 'items', ids: [...chosen.map((i) => i.id), 'no-such-event'] } }),
      NOW
    )
    expect(model.entries.map((e) => e.id)).toEqual([doc.items[3]!.id, doc.items[40]!.id, doc.items[70]!.id])
    expect(model.entries.map((e) => e.number)).toEqual([1, 2, 3])
    expect(model.summary).toBe('3 of 88 events, chosen one by one')
  })

  it('takes the events that overlap a date range', () => {
    const doc = loadDataset()
    const model = buildReportModel(doc, options({ selection: { kind: 'dates', from: '2022', to: '2022-06' } }), NOW)
    expect(model.entries.length).toBeGreaterThan(0)
    const from = Date.UTC(2022, 0, 1)
    const to = Date.UTC(2022, 6, 1)
    for (const entry of model.entries) {
      const start = parsePeriod(entry.start)!.start
      const end = parsePeriod(entry.end ?? entry.start)!.end
      expect(end > from && start < to, entry.title).toBe(true)
    }
    const outside = doc.items.filter((i) => !model.entries.some((e) => e.id === i.id))
    for (const item of outside) {
      const start = startOf(item)
      const end = parsePeriod(item.end ?? item.start)!.end
      expect(end <= from || start >= to, item.title).toBe(true)
    }
    expect(model.summary).toBe(`${model.entries.length} of 88 events; from 2022 to June 2022`)
  })

  it('makes an empty report, not an error, when nothing is chosen', () => {
    const model = buildReportModel(loadDataset(), options({ selection: { kind: 'items', ids: [] } }), NOW)
    expect(model.entries).toEqual([])
    expect(model.span).toBeNull()
    expect(model.overview.panels).toEqual([])
    expect(model.summary).toBe('0 of 88 events, chosen one by one')
  })
})

describe('what an entry holds', () => {
  function annotated(): TimelineDocument {
    const doc = makeDocument({ items: 0 })
    const lane = doc.groups[0]!.id
    const item = makeItem(lane, 0, { kind: 'range', start: '2014-04-12', end: '2014-04-13', title: 'Brennan in Kyiv' })
    item.notes = [
      {
        ...makeNote('Second, edited later', 'B. Analyst'),
        id: 'n2',
        createdAt: '2025-03-06T09:00:00.000Z',
        updatedAt: '2025-03-07T10:30:00.000Z'
      },
      {
        ...makeNote('First', '  '),
        id: 'n1',
        createdAt: '2025-03-05T16:00:00+02:00',
        updatedAt: '2025-03-05T16:00:30+02:00'
      }
    ]
    item.sources = [
      { title: 'A story', outlet: 'Reuters', url: 'https://example.org/story', published: '2014-04-14' },
      { title: null, outlet: 'Leaflet', url: 'ftp://example.org/not-a-web-page', published: '2014' },
      { title: null, outlet: null, url: null, published: null }
    ]
    doc.items.push(item)
    return doc
  }

  it('carries date words, lane, confidence, description, sources and notes oldest first', () => {
    const doc = annotated()
    const [entry] = buildReportModel(doc, options(), NOW).entries
    expect(entry).toMatchObject({
      number: 1,
      date: '12–13 April 2014',
      section: '2014',
      laneTitle: doc.groups[0]!.title,
      laneColor: doc.groups[0]!.color,
      confidence: 'reported',
      confidenceLabel: 'Reported',
      description: doc.items[0]!.description
    })
    expect(entry!.sources).toEqual([
      { title: 'A story', outlet: 'Reuters', url: 'https://example.org/story', published: '14 April 2014' },
      // Only http(s) addresses are printed and linked; an empty source is left out.
      { title: null, outlet: 'Leaflet', url: null, published: '2014' }
    ])
    expect(entry!.notes).toEqual([
      { id: 'n1', author: 'Unknown author', body: 'First', created: '5 March 2025, 14:00 UTC', edited: null },
      {
        id: 'n2',
        author: 'B. Analyst',
        body: 'Second, edited later',
        created: '6 March 2025, 09:00 UTC',
        edited: '7 March 2025, 10:30 UTC'
      }
    ])
  })

  it('leaves notes and sources out when the options say so, and says so', () => {
    const doc = annotated()
    const model = buildReportModel(doc, options({ includeNotes: false, includeSources: false }), NOW)
    expect(model.entries[0]!.notes).toEqual([])
    expect(model.entries[0]!.sources).toEqual([])
    expect(model.omissions).toBe('Notes and sources are not included.')
    expect(buildReportModel(doc, options({ includeNotes: false }), NOW).omissions).toBe('Notes are not included.')
    expect(buildReportModel(doc, options({ includeSources: false }), NOW).omissions).toBe('Sources are not included.')
    expect(buildReportModel(doc, options(), NOW).omissions).toBeNull()
  })
})

describe('title block and paper', () => {
  it('has the title, subtitle, author, export date, date span and summary', () => {
    const model = buildReportModel(
      loadDataset(),
      options({ title: '  US–Ukraine  ', subtitle: ' For the briefing ', author: '' }),
      NOW
    )
    expect(model.title).toBe('US–Ukraine')
    expect(model.subtitle).toBe('For the briefing')
    expect(model.author).toBeNull()
    expect(model.exported).toBe('Exported 5 March 2026')
    expect(model.exportedAt).toBe('2026-03-05T10:00:00.000Z')
    // The last events are a month-precision one (December 2025) and 28 December: the month ends later.
    expect(model.span).toBe('February 2014 – December 2025')
  })

  it('shortens a long title for the running header', () => {
    const title = 'A very long title about many things '.repeat(6).trim()
    const model = buildReportModel(makeDocument(), options({ title }), NOW)
    expect(model.title).toBe(title)
    expect(model.runningTitle.length).toBeLessThanOrEqual(90)
    expect(model.runningTitle.endsWith('…')).toBe(true)
  })

  it('lays the page out for A4 portrait and Letter landscape', () => {
    const doc = loadDataset()
    const a4 = buildReportModel(doc, options(), NOW)
    expect(a4.page).toMatchObject({ size: 'A4', landscape: false, widthMm: 210, heightMm: 297 })
    const letter = buildReportModel(doc, options({ pageSize: 'Letter', landscape: true }), NOW)
    expect(letter.page).toMatchObject({ size: 'Letter', landscape: true, widthMm: 279.4, heightMm: 215.9 })
    expect(letter.page.contentWidthPt).toBeGreaterThan(a4.page.contentWidthPt)
    // The figure is laid out for the page it prints on.
    expect(a4.overview.width).toBe(a4.page.contentWidthPt)
    expect(letter.overview.width).toBe(letter.page.contentWidthPt)
    for (const panel of letter.overview.panels) expect(panel.height).toBeLessThanOrEqual(letter.page.contentHeightPt)
  })

  it('is plain data that survives the trip into the print page', () => {
    const doc = loadDataset()
    doc.items[0]!.notes.push(makeNote('Розвідка підтвердила'))
    const model = buildReportModel(doc, options(), NOW)
    expect(JSON.parse(JSON.stringify(model))).toEqual(model)
  })

  it('is the same for the same document, options and moment', () => {
    const doc = loadDataset()
    expect(buildReportModel(doc, options(), NOW)).toEqual(buildReportModel(doc, options(), NOW))
  })
})
