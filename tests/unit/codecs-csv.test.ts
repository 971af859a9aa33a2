/**
 * Spreadsheets as real tools write them (tests/fixtures/import): Excel's "Unicode Text" (UTF-16LE,
 * BOM, tabs, CRLF), a Google Sheets download (UTF-8, quoted multi-line cells), a European Excel CSV
 * (semicolons, windows-1252, dotted dates). Each goes through the mapping step and becomes events.
 */
import { readFileSync } from 'node:fs'
import { precisionOf } from '../../src/shared/model/dates'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/shared/codecs'
import type { ReadResult, TableMapping } from '../../src/shared/codecs/types'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/import/${name}`))

/** The mapping step, as a user who accepts the suggestion would go through it. */
function importWithSuggestion(name: string, dateOrder: TableMapping['dateOrder'] = {}) {
  const bytes = fixture(name)
  const first = importFile(bytes, name, { now: NOW })
  if (first.status !== 'needs-mapping') throw new Error(`${name}: expected the mapping step, got ${first.status}`)
  const second = importFile(bytes, name, { now: NOW, mapping: { ...first.suggested, dateOrder } })
  return { first, second, document: documentOf(second) }
}

function documentOf(result: ReadResult): TimelineDocument {
  if (result.status !== 'ok') throw new Error(`expected a document, got ${JSON.stringify(result)}`)
  expect(DocumentSchema.safeParse(result.document).success).toBe(true)
  return result.document
}

const laneOf = (doc: TimelineDocument, title: string) =>
  doc.groups.find((g) => g.id === doc.items.find((i) => i.title === title)?.groupId)?.title

describe('Excel "Unicode Text" (UTF-16LE with BOM, tabs, CRLF)', () => {
  it('is decoded and previewed with its tab delimiter and recognised columns', () => {
    const { first } = importWithSuggestion('excel-unicode-text.tsv')
    if (first.status !== 'needs-mapping') throw new Error('unreachable')
    expect(first.preview).toMatchObject({ delimiter: '\t', encoding: 'UTF-16LE (BOM)', rowCount: 5 })
    expect(first.preview.headers).toEqual([
      'Date',
      'End date',
      'Event',
      'Details',
      'Category',
      'Source',
      'URL',
      'Confidence',
      'Notes'
    ])
    expect(first.suggested.columns).toEqual({
      Date: 'start',
      'End date': 'end',
      Event: 'title',
      Details: 'description',
      Category: 'group',
      Source: 'sourceOutlet',
      URL: 'sourceUrl',
      Confidence: 'confidence',
      Notes: 'notes'
    })
    // 3/18/2014 can only be month/day, which settles the column: nothing to ask.
    expect(first.preview.ambiguousDateColumns).toEqual([])
  })

  it('reads every row: US dates, a time, Cyrillic and accents, quotes, a multi-line note', () => {
    const { document: doc, second } = importWithSuggestion('excel-unicode-text.tsv')
    expect(second.problems).toEqual([])
    expect(doc.items.map((i) => [i.start, i.end ?? null, precisionOf(i.start), i.title])).toEqual([
      ['2014-02-26', null, 'day', "SBU's new chief contacts the CIA"],
      ['2014-03-18', null, 'day', 'Russia annexes Crimea'],
      ['2014-04-14', '2014-06-30', 'day', 'Anti-terrorist operation in Donbas'],
      ['2014-07-17T13:20:00Z', null, 'second', 'MH17 shot down over Donbas'],
      ['2019-12-09', null, 'day', 'Normandy format summit in Paris']
    ])
    const [sbu, crimea, ato, mh17, normandy] = doc.items
    expect(sbu!.description).toBe(
      'Valentyn Nalyvaichenko, appointed after Yanukovych fled, says he called CIA and MI6 officials "within hours".'
    )
    expect(crimea!.description).toContain('Київ')
    expect(normandy!.description).toContain('Élysée')
    expect(ato!.kind).toBe('range')
    expect(sbu!.sources).toEqual([
      { title: null, outlet: 'Kyiv Post', url: 'https://www.kyivpost.com/post/28678', published: null }
    ])
    expect(mh17!.notes.map((n) => [n.author, n.body])).toEqual([
      ['Imported', 'Time is the last radar contact, in UTC.\nThe JIT report (2016) names the launch site.']
    ])
    expect(normandy!.notes.map((n) => [n.author, n.body])).toEqual([
      ['M. Dubois', "the communiqué's wording on the ceasefire was contested"]
    ])
    expect(doc.items.map((i) => i.confidence)).toEqual([
      'reported',
      'confirmed',
      'confirmed',
      'confirmed',
      'unverified'
    ])
    expect(doc.groups.map((g) => g.title)).toEqual(['Covert cooperation', 'Russian actions', 'Diplomacy'])
    expect(laneOf(doc, 'MH17 shot down over Donbas')).toBe('Russian actions')
  })

  it('records where each event came from', () => {
    const { document: doc } = importWithSuggestion('excel-unicode-text.tsv')
    for (const item of doc.items)
      expect(item.provenance).toEqual({
        importedFrom: 'excel-unicode-text.tsv',
        importedAt: NOW.toISOString(),
        originalId: ''
      })
    expect(doc.title).toBe('excel-unicode-text')
  })

  it('is recognised under the .txt name Excel gives it', () => {
    const result = importFile(fixture('excel-unicode-text.tsv'), 'Chronology.txt', { now: NOW })
    expect(result).toMatchObject({ status: 'needs-mapping', format: 'csv' })
  })
})

describe('Google Sheets CSV (UTF-8, CRLF rows, quoted multi-line cells)', () => {
  it('reads mixed date forms at the precision they are written in', () => {
    const { document: doc, second } = importWithSuggestion('google-sheets.csv')
    expect(second.problems).toEqual([])
    expect(doc.items.map((i) => [i.start, i.end ?? null, precisionOf(i.start), i.kind])).toEqual([
      ['2014-02', null, 'month', 'point'],
      ['2025-03-05', '2025-03-12', 'day', 'range'],
      ['2025-03-05', null, 'day', 'point'],
      ['2016', '2017', 'year', 'range']
    ])
  })

  it('keeps line breaks and quotes inside cells, and splits tags, links and notes', () => {
    const { document: doc } = importWithSuggestion('google-sheets.csv')
    const [sbu, pause, ratcliffe] = doc.items
    expect(sbu!.description).toBe(
      'Nalyvaichenko becomes SBU head and contacts U.S. officials.\n\nHe later said it was "within hours".'
    )
    expect(sbu!.tags).toEqual(['sbu', 'cia', 'mi6'])
    expect(pause!.tags).toEqual(['pause', 'intelligence'])
    // Two addresses on two lines of one cell: two sources, the title going with the first.
    expect(sbu!.sources).toEqual([
      {
        title: 'The Spy War: How the C.I.A. Secretly Helps Ukraine Fight Putin',
        outlet: null,
        url: 'https://www.nytimes.com/2024/02/25/world/europe/the-spy-war-how-the-cia-secretly-helps-ukraine-fight-putin.html',
        published: null
      },
      { title: null, outlet: null, url: 'https://www.kyivpost.com/post/28678', published: null }
    ])
    // Notes are separated by " | "; "Name: text" names the author, "Note: text" does not.
    expect(sbu!.notes.map((n) => [n.author, n.body])).toEqual([
      ['Anna K.', 'the NYT dates this to February'],
      ['Imported', 'Check the Kyiv Post interview']
    ])
    expect(ratcliffe!.notes.map((n) => [n.author, n.body])).toEqual([['Imported', 'Note: on Fox Business']])
    for (const note of sbu!.notes) expect(note.createdAt).toBe(NOW.toISOString())
    expect(doc.items.map((i) => i.confidence)).toEqual(['reported', 'confirmed', 'confirmed', 'disputed'])
  })
})

describe('European Excel CSV (semicolons, windows-1252, day.month.year)', () => {
  it('detects the encoding and delimiter and reads accents, euro signs and curly quotes', () => {
    const { first, document: doc, second } = importWithSuggestion('excel-semicolon-1252.csv')
    if (first.status !== 'needs-mapping') throw new Error('unreachable')
    expect(first.preview).toMatchObject({ delimiter: ';', encoding: 'windows-1252' })
    expect(second.problems).toEqual([])
    expect(doc.items.map((i) => i.title)).toEqual([
      "Réunion de crise à l'Élysée",
      'Sanctions européennes',
      'Coopération renforcée'
    ])
    expect(doc.items[0]!.description).toBe(
      'Les services français et américains échangent sur la Crimée; coût estimé 2 M€.'
    )
    expect(doc.items[0]!.notes[0]!.body).toBe('Vérifier la date – l’article dit « mercredi »')
    expect(doc.items[1]!.description).toContain('l’UE')
    expect(doc.items[0]!.sources).toEqual([
      {
        title: null,
        outlet: 'Le Figaro',
        url: 'https://www.lefigaro.fr/international/2014/03/05/crimee.php',
        published: null
      }
    ])
    expect(doc.groups.map((g) => g.title)).toEqual(['Diplomatie', 'Renseignement'])
  })

  it('settles day.month from 17.03.2014, so 05.03.2014 is 5 March and 01.09.2015 is 1 September', () => {
    const { first, document: doc } = importWithSuggestion('excel-semicolon-1252.csv')
    if (first.status !== 'needs-mapping') throw new Error('unreachable')
    expect(first.preview.ambiguousDateColumns).toEqual([])
    expect(doc.items.map((i) => [i.start, i.end ?? null])).toEqual([
      ['2014-03-05', null],
      ['2014-03-17', '2014-03-21'],
      ['2015-09-01', null]
    ])
  })
})

describe('the mapping step', () => {
  it('a generic CSV always asks first, whatever it holds', () => {
    const csv = 'id,start,title\n1,2025,Something\n'
    const result = importFile(new TextEncoder().encode(csv), 'x.csv', { now: NOW })
    expect(result.status).toBe('needs-mapping')
  })

  it('reads only the columns the user mapped, and their fields', () => {
    const bytes = fixture('google-sheets.csv')
    const mapping: TableMapping = {
      columns: { 'Start Date': 'start', Text: 'title', Group: 'ignore', Comments: 'description' },
      dateOrder: {}
    }
    const doc = documentOf(importFile(bytes, 'google-sheets.csv', { now: NOW, mapping }))
    expect(doc.items[0]!.title).toBe(
      'Nalyvaichenko becomes SBU head and contacts U.S. officials. He later said it was "within hours".'
    )
    expect(doc.items[0]!.description).toBe('Anna K.: the NYT dates this to February | Check the Kyiv Post interview')
    expect(doc.items[0]!.notes).toEqual([])
    expect(doc.items[0]!.sources).toEqual([])
    expect(doc.groups.map((g) => g.title)).toEqual(['Events'])
  })

  it('refuses a mapping without a start date column, saying what to choose', () => {
    const mapping: TableMapping = { columns: { Headline: 'title' }, dateOrder: {} }
    const result = importFile(fixture('google-sheets.csv'), 'google-sheets.csv', { now: NOW, mapping })
    expect(result.status).toBe('failed')
    expect(result.problems[0]!.message).toMatch(/no column is mapped to the start date/)
  })

  it('follows Excel’s "sep=" line and does not count it as a row', () => {
    const bytes = new TextEncoder().encode('sep=;\r\nDate;Title;Notes\r\n2025;A, B and C;x\r\nsoon;D;y\r\n')
    const first = importFile(bytes, 'x.csv', { now: NOW })
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    expect(first.preview).toMatchObject({ delimiter: ';', headers: ['Date', 'Title', 'Notes'], rowCount: 2 })
    const second = importFile(bytes, 'x.csv', { now: NOW, mapping: first.suggested })
    expect(documentOf(second).items.map((i) => i.title)).toEqual(['A, B and C'])
    expect(second.problems.map((p) => p.where)).toEqual(['row 3'])
  })

  it('a header named like an object property does not pick up an order nobody chose', () => {
    const bytes = new TextEncoder().encode('constructor,toString\n03/04/2025,A\n')
    const columns = Object.fromEntries([
      ['constructor', 'start'],
      ['toString', 'title']
    ]) as TableMapping['columns']
    const mapping: TableMapping = { columns, dateOrder: {} }
    const result = importFile(bytes, 'x.csv', { now: NOW, mapping })
    expect(result.status).toBe('failed')
    expect(result.problems[0]!.message).toMatch(/could be 3 April or March 4/)
  })

  it('recognises headers whatever their case, spacing and punctuation', () => {
    const csv =
      'START_DATE,end-date,Event Name,DESCRIPTION (EN),Lane,Keywords,Source URL,Publication,Published,Reliability,Comments,UID\n' +
      '2025-03-05,,x,y,z,a,https://example.org,Reuters,2025-03-06,confirmed,n,7\n'
    const result = importFile(new TextEncoder().encode(csv), 'x.csv', { now: NOW })
    if (result.status !== 'needs-mapping') throw new Error(result.status)
    expect(Object.values(result.suggested.columns)).toEqual([
      'start',
      'end',
      'title',
      'description',
      'group',
      'tags',
      'sourceUrl',
      'sourceOutlet',
      'sourcePublished',
      'confidence',
      'notes',
      'id'
    ])
  })

  it('takes a "Source" column of web addresses as URLs, and keeps the file’s ids', () => {
    const csv =
      'ID,Date,Title,Source\nevt-1,2025-03-05,A,https://example.org/a\nevt-2,2025-03-06,B,https://example.org/b\n'
    const bytes = new TextEncoder().encode(csv)
    const first = importFile(bytes, 'x.csv', { now: NOW })
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    expect(first.suggested.columns.Source).toBe('sourceUrl')
    const doc = documentOf(importFile(bytes, 'x.csv', { now: NOW, mapping: first.suggested }))
    expect(doc.items.map((i) => [i.id, i.provenance?.originalId, i.sources[0]?.url])).toEqual([
      ['evt-1', 'evt-1', 'https://example.org/a'],
      ['evt-2', 'evt-2', 'https://example.org/b']
    ])
  })

  it('shows at most ten sample rows with long cells cut, and counts every row', () => {
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2025-01-${String(i + 1).padStart(2, '0')},Event ${i},${'x'.repeat(1000)}`
    )
    const csv = ['Date,Title,Description', ...rows].join('\r\n')
    const result = importFile(new TextEncoder().encode(csv), 'x.csv', { now: NOW })
    if (result.status !== 'needs-mapping') throw new Error(result.status)
    expect(result.preview.rowCount).toBe(25)
    expect(result.preview.sample).toHaveLength(10)
    expect(result.preview.sample[0]![2]!.length).toBeLessThanOrEqual(300)
  })
})
