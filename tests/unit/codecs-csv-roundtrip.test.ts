/**
 * Chronotes' own CSV: one row per event with every field, notes and sources in their own columns,
 * read back without a mapping step into the same events (their provenance aside).
 */
import { readFileSync } from 'node:fs'
import { precisionOf } from '../../src/shared/model/dates'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportDocument, importFile } from '../../src/shared/codecs'
import { EXPORT_COLUMNS } from '../../src/shared/codecs/csv-columns'
import { readDocument } from '../../src/shared/model/document'
import { newId } from '../../src/shared/model/ids'
import type { TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { makeDocument, makeNote } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'

/** The bundled dataset, with notes of the awkward kinds: Markdown, several lines, quotes, edits, scripts. */
function datasetWithNotes(): TimelineDocument {
  const read = readDocument(readFileSync(DATASET, 'utf8'))
  if (!read.ok) throw new Error('dataset did not validate')
  const doc = read.document
  doc.items.forEach((item, index) => {
    if (index % 3 === 0) item.notes.push(makeNote(`Checked against **${item.sources[0]?.outlet ?? 'the source'}**.`))
    if (index % 7 === 0) {
      const note = makeNote('Two lines,\r\nwith "quotes", a tab\tand a comma; | and a pipe.', 'Олена Коваль')
      note.updatedAt = '2025-04-01T10:20:30.000Z'
      item.notes.push(note)
    }
    if (index % 11 === 0) item.notes.push(makeNote('=cmd|"/C calc"!A0 <script>alert(1)</script>', '@attacker'))
  })
  return doc
}

function roundTrip(doc: TimelineDocument): TimelineDocument {
  const text = exportDocument(doc, 'csv').text
  const result = importFile(new TextEncoder().encode(text), 'export.csv', { now: NOW })
  if (result.status !== 'ok') throw new Error(JSON.stringify(result).slice(0, 2000))
  expect(result.problems).toEqual([])
  return result.document
}

const withoutProvenance = ({ provenance: _, ...item }: TimelineItem) => item
const usedLanes = (doc: TimelineDocument) => doc.groups.filter((g) => doc.items.some((i) => i.groupId === g.id))

describe('the CSV export', () => {
  it('is UTF-8 with a BOM, RFC 4180 lines ending in CRLF, and the documented columns', () => {
    const text = exportDocument(makeDocument(), 'csv').text
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.slice(1).split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','))
    expect(text.endsWith('\r\n')).toBe(true)
  })

  it('keeps every field and note of the dataset, with notes added', () => {
    const doc = datasetWithNotes()
    expect(doc.items.reduce((n, i) => n + i.notes.length, 0)).toBeGreaterThan(40)
    const back = roundTrip(doc)
    expect(back.items.map(withoutProvenance)).toEqual(doc.items)
    expect(back.groups).toEqual(usedLanes(doc))
    for (const item of back.items)
      expect(item.provenance).toEqual({
        importedFrom: 'export.csv',
        importedAt: NOW.toISOString(),
        originalId: item.id
      })
  })

  it('keeps tags that the plain "a; b" form could not hold', () => {
    const doc = makeDocument({ items: 2 })
    doc.items[0]!.tags = ['semi;colon', ' padded ', '[bracket']
    doc.items[1]!.tags = ['[first']
    expect(roundTrip(doc).items.map((i) => i.tags)).toEqual([['semi;colon', ' padded ', '[bracket'], ['[first']])
  })

  it('writes only the chosen events', () => {
    const doc = makeDocument({ items: 5 })
    const text = exportDocument(doc, 'csv', { itemIds: [doc.items[3]!.id] }).text
    expect(text.trimEnd().split('\r\n')).toHaveLength(2)
    expect(roundTrip(doc).items).toHaveLength(5)
  })

  it('read through an explicit mapping still keeps notes and sources exactly', () => {
    const doc = datasetWithNotes()
    const bytes = new TextEncoder().encode(exportDocument(doc, 'csv').text)
    const mapping = {
      columns: {
        id: 'id',
        start: 'start',
        end: 'end',
        lane: 'group',
        title: 'title',
        description: 'description',
        tags: 'tags',
        confidence: 'confidence',
        notes: 'notes',
        sources: 'sourceUrl'
      } as const,
      dateOrder: {}
    }
    const result = importFile(bytes, 'export.csv', { now: NOW, mapping })
    if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems))
    expect(result.problems).toEqual([])
    expect(result.document.items.map((i) => [i.id, i.start, i.end, precisionOf(i.start), i.notes, i.sources])).toEqual(
      doc.items.map((i) => [i.id, i.start, i.end, precisionOf(i.start), i.notes, i.sources])
    )
  })

  it('round-trips any text in any field (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 })
    fc.assert(
      fc.property(
        fc.record({
          title: text.filter((t) => t.length > 0),
          description: text,
          lane: text.filter((t) => t.trim().length > 0),
          note: text,
          author: text,
          tags: fc.array(
            text.filter((t) => t.length > 0),
            { maxLength: 3 }
          )
        }),
        ({ title, description, lane, note, author, tags }) => {
          const doc = makeDocument({ items: 1, notesPerItem: 0 })
          doc.groups[0]!.title = lane
          Object.assign(doc.items[0]!, { groupId: doc.groups[0]!.id, title, description, tags })
          doc.items[0]!.notes.push({ ...makeNote(note, author), id: newId() })
          const back = roundTrip(doc)
          expect(back.items.map(withoutProvenance)).toEqual(doc.items)
          expect(back.groups[0]!.title).toBe(lane)
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe('a Chronotes CSV from an earlier export (fixture)', () => {
  it('is read without a mapping step into its events, notes and lanes', () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/import/chronotes-export.csv'))
    const result = importFile(bytes, 'chronotes-export.csv', { now: NOW })
    if (result.status !== 'ok') throw new Error(JSON.stringify(result))
    expect(result.problems).toEqual([])
    const doc = result.document
    expect(doc.groups.map((g) => [g.id, g.title, g.color, g.order])).toEqual([
      ['intelligence-sharing', 'Intelligence sharing', '#0072b2', 0],
      ['covert-cooperation', 'Covert cooperation', '#cc79a7', 1]
    ])
    expect(doc.items.map((i) => [i.id, i.start, i.end ?? null, precisionOf(i.start), i.kind, i.title])).toEqual([
      [
        '280dda7a-c9fe-4f59-82a8-90d479194c3b',
        '2014-02',
        null,
        'month',
        'point',
        "Ukraine's new SBU head reaches out to the CIA and MI6"
      ],
      ['pause-2025', '2025-03-05', '2025-03-12', 'day', 'range', 'U.S. pauses intelligence sharing with Ukraine']
    ])
    expect(doc.items[0]!.notes).toEqual([
      {
        id: 'c3d4f0a2-7d0e-4a53-9a8e-2f6f3f0b9a11',
        author: 'A. Researcher',
        body: 'Nalyvaichenko gives "within hours" in two interviews.\nCheck the Kyiv Post one.',
        createdAt: '2025-11-02T09:15:00.000Z',
        updatedAt: '2025-11-03T16:40:00.000Z'
      }
    ])
    expect(doc.items[1]!.sources).toEqual([
      {
        title: 'U.S. pauses intelligence sharing',
        outlet: 'Reuters',
        url: 'https://www.reuters.com/world/us-pauses-2025-03-05/',
        published: '2025-03-05'
      },
      { title: null, outlet: 'Fox Business', url: null, published: null }
    ])
    expect(doc.items[1]!.tags).toEqual(['pause', 'intelligence sharing'])
  })
})
