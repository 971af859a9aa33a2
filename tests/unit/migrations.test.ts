import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/shared/model/document'
import { migrate, OLDEST_READABLE_VERSION } from '../../src/shared/model/migrations'
import { SCHEMA_VERSION } from '../../src/shared/model/schema'
import { STAMP } from './helpers/documents'
import { parsePeriod, precisionOf } from '../../src/shared/model/dates'

/** A document in the pre-release draft format: lanes and events, dates in date/endDate, text for description. */
function v0Document() {
  return {
    format: 'chronotes',
    schemaVersion: 0,
    id: 'doc-v0',
    title: 'Draft timeline',
    description: 'Written by a draft build',
    createdAt: STAMP,
    updatedAt: STAMP,
    lanes: [
      { id: 'lane-a', name: 'Diplomacy', color: '#4e79a7' },
      { id: 'lane-b', name: 'Intelligence', color: '#e15759' }
    ],
    events: [
      {
        id: 'ev-1',
        lane: 'lane-b',
        date: '2014-03',
        precision: 'month',
        title: 'Annexation of Crimea',
        text: 'Russia *annexes* Crimea.',
        tags: ['crimea'],
        confidence: 'confirmed',
        sources: [{ title: 'Report', outlet: 'Outlet', url: 'https://example.org/a', published: '2014-03-18' }],
        notes: [{ id: 'n-1', author: 'A. Researcher', body: 'Check dates.', createdAt: STAMP, updatedAt: STAMP }],
        createdAt: STAMP,
        updatedAt: STAMP
      },
      {
        id: 'ev-2',
        lane: 'lane-a',
        date: '2015-02-12',
        endDate: '2015-02-15',
        precision: 'day',
        title: 'Minsk II talks',
        tags: [],
        confidence: 'reported',
        sources: [],
        notes: [],
        createdAt: STAMP,
        updatedAt: STAMP
      }
    ]
  }
}

describe('migrating a version 0 document', () => {
  it('reads as a valid current document, saying it was migrated from version 0', () => {
    const result = readDocument(JSON.stringify(v0Document()))
    expect(result).toMatchObject({ ok: true, migratedFrom: 0 })
    expect(OLDEST_READABLE_VERSION).toBe(0)
    if (!result.ok) return
    const doc = result.document
    expect(doc).toMatchObject({
      format: 'chronotes',
      schemaVersion: SCHEMA_VERSION,
      id: 'doc-v0',
      title: 'Draft timeline'
    })
    expect(doc.description).toBe('Written by a draft build')
    expect(Object.keys(doc)).not.toContain('lanes')
    expect(Object.keys(doc)).not.toContain('events')
  })

  it('maps lanes to groups in order, and events to items with start, end, kind and description', () => {
    const result = readDocument(JSON.stringify(v0Document()))
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.document.groups).toEqual([
      { id: 'lane-a', title: 'Diplomacy', color: '#4e79a7', order: 0 },
      { id: 'lane-b', title: 'Intelligence', color: '#e15759', order: 1 }
    ])
    const [crimea, minsk] = result.document.items
    expect(crimea).toEqual({
      id: 'ev-1',
      groupId: 'lane-b',
      kind: 'point',
      start: '2014-03',
      title: 'Annexation of Crimea',
      description: 'Russia *annexes* Crimea.',
      tags: ['crimea'],
      confidence: 'confirmed',
      sources: [{ title: 'Report', outlet: 'Outlet', url: 'https://example.org/a', published: '2014-03-18' }],
      notes: [{ id: 'n-1', author: 'A. Researcher', body: 'Check dates.', createdAt: STAMP, updatedAt: STAMP }],
      createdAt: STAMP,
      updatedAt: STAMP
    })
    expect(crimea).not.toHaveProperty('end')
    expect(minsk).toMatchObject({
      groupId: 'lane-a',
      kind: 'range',
      start: '2015-02-12',
      end: '2015-02-15',
      description: ''
    })
    expect(minsk).not.toHaveProperty('date')
    expect(minsk).not.toHaveProperty('endDate')
  })

  it('does not change the object it migrates', () => {
    const original = v0Document()
    const copy = structuredClone(original)
    const migrated = migrate(original, 0)
    expect(original).toEqual(copy)
    expect(migrated.schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('reports a broken event as a problem naming the event and the field, without throwing', () => {
    const doc = v0Document()
    doc.events[0]!.date = '2014-02-30'
    doc.events[0]!.precision = 'day'
    doc.events[1]!.endDate = '2015-02-01'
    doc.events[1]!.lane = 'lane-z'
    const result = readDocument(JSON.stringify(doc), 'draft.chronotes.json')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toBe('INVALID_DOCUMENT')
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'draft.chronotes.json',
          where: 'event 1 ("Annexation of Crimea")',
          field: 'start'
        }),
        expect.objectContaining({ where: 'event 2 ("Minsk II talks")', field: 'end' })
      ])
    )
  })

  it('reports missing lanes and malformed events as problems, never as an empty timeline', () => {
    const { lanes: _lanes, ...withoutLanes } = v0Document()
    // Emptying them would lose the events on the next save.
    const result = readDocument(JSON.stringify({ ...withoutLanes, events: 'not a list' }))
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DOCUMENT' })
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['groups', 'items']))
  })

  // Regression: destructuring a null event or lane threw a TypeError out of readDocument.
  it('reports a null event as a problem without throwing', () => {
    const doc = { ...v0Document(), events: [null], lanes: [null] }
    const result = readDocument(JSON.stringify(doc))
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DOCUMENT' })
  })

  it('refuses a version below the oldest it can migrate', () => {
    const result = readDocument(JSON.stringify({ ...v0Document(), schemaVersion: -1 }))
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DOCUMENT', problems: [{ field: 'schemaVersion' }] })
  })
})

/** A version 1 document: dates cut to a separate precision, a minute written without seconds. */
function v1Document() {
  const item = (id: string, precision: string, start: string, end?: string) => ({
    id,
    groupId: 'g',
    kind: end ? 'range' : 'point',
    start,
    ...(end ? { end } : {}),
    precision,
    title: `Event ${id}`,
    description: '',
    tags: [],
    confidence: 'reported',
    sources: [{ title: null, outlet: null, url: null, published: '2014-04' }],
    notes: [],
    createdAt: STAMP,
    updatedAt: STAMP
  })
  return {
    format: 'chronotes',
    schemaVersion: 1,
    id: 'doc-v1',
    title: 'Version 1',
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    groups: [{ id: 'g', title: 'Lane', color: '#4e79a7', order: 0 }],
    items: [
      item('y', 'year', '2014', '2016'),
      item('m', 'month', '2014-04'),
      item('d', 'day', '2014-04-12', '2014-04-13'),
      item('t', 'minute', '2014-04-12T09:30Z', '2014-04-12T23:59Z')
    ]
  }
}

describe('migrating a version 1 document to EDTF dates (version 2)', () => {
  it('keeps year, month and day dates as they are and gives a minute its seconds', () => {
    const result = readDocument(JSON.stringify(v1Document()))
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.migratedFrom).toBe(1)
    expect(result.document.schemaVersion).toBe(2)
    expect(result.document.items.map((i) => [i.start, i.end ?? null])).toEqual([
      ['2014', '2016'],
      ['2014-04', null],
      ['2014-04-12', '2014-04-13'],
      ['2014-04-12T09:30:00Z', '2014-04-12T23:59:00Z']
    ])
    // The precision is read from the date now; the stored item has no second source of truth.
    for (const item of result.document.items) expect(item).not.toHaveProperty('precision')
    expect(result.document.items.map((i) => precisionOf(i.start))).toEqual(['year', 'month', 'day', 'second'])
    expect(result.document.items[0]!.sources[0]!.published).toBe('2014-04')
  })

  it('covers the same time as before: the same first instant for every date', () => {
    const v1 = v1Document()
    const result = readDocument(JSON.stringify(v1))
    if (!result.ok) throw new Error('expected the read to succeed')
    result.document.items.forEach((item, index) => {
      const old = v1.items[index]!.start
      const first = Date.parse(old.length === 4 ? `${old}-01-01` : old.length === 7 ? `${old}-01` : old)
      expect(parsePeriod(item.start)!.start).toBe(first)
    })
  })

  it('refuses a v1 date that was already invalid, naming the event', () => {
    const doc = v1Document()
    doc.items[1]!.start = '2014-13'
    const result = readDocument(JSON.stringify(doc), 'old.chronotes.json')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]).toMatchObject({ where: 'event 2 ("Event m")', field: 'start' })
  })
})
