/**
 * Issue 12: for each writer and its reader, a random document comes back equal in every field the
 * format can carry, and what differs is exactly the format's documented list of what it cannot
 * carry (CANNOT_CARRY in src/shared/codecs/carry.ts): with those fields masked on both sides, the
 * documents are equal; and on a document made to show every loss, each listed loss does happen.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importFile, readerFor, WRITERS } from '../../src/shared/codecs'
import { CANNOT_CARRY, type CarryLoss } from '../../src/shared/codecs/carry'
import type { FormatId } from '../../src/shared/codecs/types'
import type { Group, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'

const NOW = new Date('2026-02-01T10:00:00.000Z')
const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 40)

const WORDS = [
  'Kyiv',
  'Київ',
  'агентство',
  'Событие',
  '“quoted”',
  '"plain"',
  'a,b',
  'it’s',
  '🙂',
  '–',
  'Ü',
  'x&y',
  '<b>'
]
const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '))
const paragraph = fc.oneof(
  words(1, 8),
  words(1, 4).map((w) => `**${w}**`),
  words(1, 4).map((w) => `- ${w}`)
)
const markdown = fc.array(paragraph, { maxLength: 3 }).map((p) => p.join('\n\n'))
const stamp = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000).toISOString())
const token = (prefix: string) => fc.integer({ min: 1, max: 1e9 }).map((n) => `${prefix}-${n.toString(36)}`)

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
/** The forms of EDTF date Chronotes accepts (see src/shared/model/edtf.ts), each made from the same parts. */
const FORMS = ['year', 'month', 'day', 'time', 'season', 'quarter', 'decade', 'month-unknown', 'day-unknown'] as const
type Form = (typeof FORMS)[number]
const OFFSETS = ['Z', '+02:00', '-05:30', '+00:00', '+14:00']
function dateAt(form: Form, [y, m, d, h, min, s]: number[], qualifier = '', offset = 'Z'): string {
  const year = pad(y!, 4)
  const q = qualifier
  if (form === 'year') return year + q
  if (form === 'month') return `${year}-${pad(m!)}${q}`
  if (form === 'day') return `${year}-${pad(m!)}-${pad(d!)}${q}`
  if (form === 'season') return `${year}-${21 + (m! % 4)}${q}`
  if (form === 'quarter') return `${year}-${33 + (m! % 4)}${q}`
  if (form === 'decade') return `${year.slice(0, 3)}X`
  if (form === 'month-unknown') return `${year}-XX`
  if (form === 'day-unknown') return `${year}-${pad(m!)}-XX`
  return `${year}-${pad(m!)}-${pad(d!)}T${pad(h!)}:${pad(min!)}:${pad(s!)}${offset}`
}
const parts = fc.tuple(
  fc.integer({ min: 1950, max: 2040 }),
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 0, max: 23 }),
  fc.integer({ min: 0, max: 59 }),
  fc.integer({ min: 0, max: 59 })
)

const note = fc.record({
  id: token('note'),
  author: words(1, 2),
  body: markdown.map((b) => b || 'ok'),
  createdAt: stamp,
  updatedAt: stamp
})
const source = fc.record({
  title: fc.option(words(1, 4), { nil: null }),
  outlet: fc.option(words(1, 2), { nil: null }),
  url: fc.option(
    token('page').map((p) => `https://example.org/${p}`),
    { nil: null }
  ),
  published: fc.option(
    parts.map((p) => dateAt('day', p)),
    { nil: null }
  )
})

function item(groups: Group[]): fc.Arbitrary<TimelineItem> {
  return fc
    .record({
      id: token('event'),
      group: fc.constantFrom(...groups),
      kind: fc.constantFrom('point', 'range', 'background'),
      form: fc.constantFrom(...FORMS),
      qualifier: fc.constantFrom('', '', '~', '?', '%'),
      offset: fc.constantFrom(...OFFSETS),
      displayDate: fc.option(
        fc.constantFrom('early March 2025', 'c. 2016', 'spring 2014?', 'Kyiv time', 'около 2016 г.'),
        {
          nil: undefined
        }
      ),
      start: parts,
      length: fc.integer({ min: 1, max: 400 }),
      title: words(1, 6),
      description: markdown,
      tags: fc.uniqueArray(fc.constantFrom('satellite', 'liaison', 'hur', 'sbu'), { maxLength: 3 }),
      confidence: fc.constantFrom('confirmed', 'reported', 'disputed', 'unverified'),
      sources: fc.array(source, { maxLength: 2 }),
      notes: fc.uniqueArray(note, { maxLength: 2, selector: (n) => n.id }),
      createdAt: stamp,
      updatedAt: stamp
    })
    .map((r): TimelineItem => {
      // Qualifiers go on dates only (EDTF has none for a time or for X digits).
      const qualifier = ['year', 'month', 'day', 'season', 'quarter'].includes(r.form) ? r.qualifier : ''
      const start = dateAt(r.form, r.start, qualifier, r.offset)
      const [y, m, d, h, min, sec] = r.start
      // Ends in a later decade for decades, else a later year: an end never before its start.
      const endParts = [y! + (r.form === 'decade' ? 10 : 1) + (r.length % 5), m!, d!, h!, min!, sec!]
      return {
        id: r.id,
        groupId: r.group.id,
        kind: r.kind as TimelineItem['kind'],
        start,
        ...(r.kind === 'point' ? {} : { end: dateAt(r.form, endParts, qualifier, r.offset) }),
        ...(r.displayDate ? { displayDate: r.displayDate } : {}),
        title: r.title,
        description: r.description,
        tags: r.tags,
        confidence: r.confidence as TimelineItem['confidence'],
        sources: r.sources,
        notes: r.notes,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt
      }
    })
}

const COLORS = ['#0072b2', '#cc79a7', '#112233', '#abcdef', '#e69f00']
const documents: fc.Arbitrary<TimelineDocument> = fc
  .uniqueArray(fc.record({ id: token('lane'), title: words(1, 3), color: fc.constantFrom(...COLORS) }), {
    minLength: 1,
    maxLength: 4,
    selector: (g) => g.id
  })
  .map((lanes) => lanes.map((lane, order): Group => ({ ...lane, order: order * 3 + 1 })))
  .chain((groups) =>
    fc.record({
      id: token('doc'),
      title: words(1, 6),
      description: markdown,
      createdAt: stamp,
      updatedAt: stamp,
      groups: fc.constant(groups),
      items: fc.uniqueArray(item(groups), { minLength: 1, maxLength: 6, selector: (i) => i.id })
    })
  )
  .map((doc): TimelineDocument => ({ format: 'chronotes', schemaVersion: 2, ...doc }) as TimelineDocument)

/** The document as read back, in comparable form: events by id, lanes by id, import records off. */
function comparable(doc: TimelineDocument, losses: readonly CarryLoss[]): unknown {
  const copy = structuredClone(doc)
  for (const item of copy.items) delete item.provenance
  for (const loss of losses) MASKS[loss](copy)
  const key = (value: unknown) => JSON.stringify(value)
  copy.items.sort((a, b) => a.id.localeCompare(b.id) || key(a).localeCompare(key(b)))
  copy.groups.sort((a, b) => a.id.localeCompare(b.id) || key(a).localeCompare(key(b)))
  return copy
}

/** How each documented loss is taken out of both sides before comparing. */
const MASKS: Record<CarryLoss, (doc: TimelineDocument) => void> = {
  'document id': (doc) => void (doc.id = ''),
  'document created and updated times': (doc) => {
    doc.createdAt = ''
    doc.updatedAt = ''
  },
  'document title and description': (doc) => {
    doc.title = ''
    doc.description = ''
  },
  'lanes without events': (doc) => {
    const used = new Set(doc.items.map((i) => i.groupId))
    doc.groups = doc.groups.filter((g) => used.has(g.id))
  },
  'ids of events, lanes and notes': (doc) => {
    const titles = new Map(doc.groups.map((g) => [g.id, g.title]))
    for (const group of doc.groups) group.id = group.title
    // Without ids, lanes are known by title: two lanes of the same title are one.
    doc.groups = doc.groups.filter((group, index) => doc.groups.findIndex((g) => g.id === group.id) === index)
    for (const item of doc.items) {
      item.id = ''
      item.groupId = titles.get(item.groupId) ?? ''
      for (const note of item.notes) note.id = ''
    }
  },
  'lane colours and order': (doc) => {
    for (const group of doc.groups) {
      group.color = ''
      group.order = 0
    }
  },
  'events’ created and updated times': (doc) => {
    for (const item of doc.items) item.createdAt = item.updatedAt = ''
  },
  'background events (read as ranges)': (doc) => {
    for (const item of doc.items) if (item.kind === 'background') item.kind = 'range'
  },
  'ranges that end where they start (read as points)': (doc) => {
    for (const item of doc.items)
      if (item.end === item.start) {
        item.kind = 'point'
        delete item.end
      }
  },
  'note times finer than the minute': (doc) => {
    for (const note of doc.items.flatMap((i) => i.notes)) {
      note.createdAt = note.createdAt.slice(0, 16)
      note.updatedAt = note.updatedAt.slice(0, 16)
    }
  }
}

const formats = WRITERS.filter((w) => readerFor(w.format)).map((w) => w.format)

describe.each(formats.map((f) => [f] as const))('%s: write, then read back', (format: FormatId) => {
  const losses = CANNOT_CARRY[format] ?? []
  const roundTrip = (doc: TimelineDocument) => {
    const text = WRITERS.find((w) => w.format === format)!.write(doc)
    const result = importFile(
      new TextEncoder().encode(text),
      `back${WRITERS.find((w) => w.format === format)!.extension}`,
      {
        now: NOW,
        format
      }
    )
    if (result.status !== 'ok') throw new Error(`${result.status}: ${JSON.stringify(result.problems.slice(0, 3))}`)
    return result
  }

  it('brings back every field it can carry, with no problems', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const back = roundTrip(doc)
        expect(back.problems).toEqual([])
        expect(comparable(back.document, losses)).toEqual(comparable(doc, losses))
      }),
      { numRuns: RUNS, seed: 12 }
    )
  })

  it('loses each thing on its list, so that the list says no more than the truth', () => {
    const [doc] = fc.sample(documents, { seed: 7, numRuns: 1 })
    // Every loss shows on this one: a lane with no events, and a title no reader would invent.
    doc!.groups.push({ id: 'lane-unused', title: 'Unused', color: '#112233', order: 99 })
    doc!.title = 'A title only the document has'
    doc!.description = 'And its description'
    const lane = doc!.groups[0]!
    doc!.items.push({
      ...doc!.items[0]!,
      id: 'event-background',
      groupId: lane.id,
      kind: 'background',
      start: '2001',
      end: '2003',
      notes: [
        {
          id: 'note-x',
          author: 'A',
          body: 'b',
          createdAt: '2020-01-01T10:00:30.000Z',
          updatedAt: '2020-01-01T10:00:30.000Z'
        }
      ]
    })
    doc!.items.push({
      ...doc!.items[0]!,
      id: 'event-same-day',
      groupId: lane.id,
      kind: 'range',
      start: '2002',
      end: '2002'
    })
    const back = roundTrip(doc!).document
    for (const loss of losses) {
      const others = losses.filter((l) => l !== loss)
      expect(comparable(back, others), loss).not.toEqual(comparable(doc!, others))
    }
  })
})
