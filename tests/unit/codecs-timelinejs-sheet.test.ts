import Papa from 'papaparse'
import { precisionOf } from '../../src/shared/model/dates'
import { describe, expect, it } from 'vitest'
import { SHEET_COLUMNS, timelineJsSheetReader, timelineJsSheetWriter } from '../../src/shared/codecs/timelinejs-sheet'
import { parseTimeText } from '../../src/shared/codecs/timelinejs-dates'
import { formatProblem } from '../../src/shared/model/problems'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'
import {
  HOSTILE,
  LIVE_MARKUP,
  allStrings,
  context,
  datasetWithNotes,
  fixture,
  laneTitle,
  okDocument
} from './codecs-timelinejs-helpers'

const readSheet = (text: string, name = 'sheet.csv') => timelineJsSheetReader.read(text, context(name))

describe("reading TimelineJS's spreadsheet template (a Google Sheets CSV export)", () => {
  const result = readSheet(fixture('timelinejs-google-sheet.csv'), 'Crimea - Sheet1.csv')
  const document = okDocument(result)
  const byTitle = (title: string) => document.items.find((i) => i.title === title)!

  it('reads the title row as the document title and its HTML text as the description', () => {
    expect(document.title).toBe('Crimea and After: a Sample Timeline')
    expect(document.description).toBe(
      'How intelligence sharing between Washington and Kyiv grew after 2014.\n\nBuilt from public reporting; see each slide for sources.'
    )
    expect(DocumentSchema.safeParse(document).success).toBe(true)
  })

  it('reads dates at the precision the cells give, with times (AM/PM or 24-hour) as UTC minutes', () => {
    expect(byTitle('Unmarked troops seize the Crimean parliament')).toMatchObject({
      start: '2014-02-27'
    })
    expect(byTitle('Training programme expands')).toMatchObject({
      start: '2015',
      end: '2016',
      kind: 'range'
    })
    expect(byTitle('Full-scale invasion begins')).toMatchObject({ start: '2022-02-24T04:50:00Z' })
    expect(byTitle('US pauses intelligence sharing')).toMatchObject({
      start: '2025-03-05T21:05:00Z',
      end: '2025-03-12T14:00:00Z'
    })
  })

  it('reads multi-line Text cells with HTML as Markdown, and media as a source', () => {
    const event = byTitle('Unmarked troops seize the Crimean parliament')
    expect(event.description).toBe(
      'Armed men without insignia take over the parliament building in Simferopol and raise the Russian flag.\n\n' +
        "Read more in [Wikipedia's article](<https://en.wikipedia.org/wiki/Annexation_of_Crimea_by_the_Russian_Federation>) & the press of the day."
    )
    expect(event.sources).toEqual([
      {
        title: 'Crimea parliament seized',
        outlet: 'BBC News',
        url: 'https://www.bbc.com/news/world-europe-26367786',
        published: null
      }
    ])
    expect(byTitle('Training programme expands').description).toBe(
      'Trainers rotate through Yavoriv.\nNumbers are not public.'
    )
    expect(byTitle('Full-scale invasion begins').description).toContain('> "We are here." President Zelensky')
  })

  it('makes lanes from Group and eras from "era" rows', () => {
    expect(document.groups.map((g) => g.title)).toEqual([
      'Russian actions',
      'Military aid',
      'Pauses and restrictions',
      'Diplomacy',
      'Eras'
    ])
    const eras = document.items.filter((i) => i.kind === 'background')
    expect(eras.map((e) => [e.title, e.start, e.end, laneTitle(document, e)])).toEqual([
      ['2014: the crisis year', '2014', '2014', 'Eras'],
      ['Full-scale war', '2022-02-24', '2025', 'Eras']
    ])
  })

  it('names the row and column of each broken row, and reads the others', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      "Crimea - Sheet1.csv, row 2, Media: was not imported: this is the title slide, which becomes the timeline's title and description, and a timeline has no media of its own",
      "Crimea - Sheet1.csv, row 10, End Year: is 2015, before 'Year' 2016",
      'Crimea - Sheet1.csv, row 11, Month: is 13; a month is 1 to 12',
      'Crimea - Sheet1.csv, row 12, Year: is missing',
      // (The era from 2022-02-24 to 2025 keeps each end's precision: nothing is cut, nothing to say.)
      'Crimea - Sheet1.csv, Alt Text: was not imported, in 2 rows: Chronotes has no place for it',
      'Crimea - Sheet1.csv, Background: was not imported, in 1 row: Chronotes has no place for it'
    ])
    expect(document.items).toHaveLength(8)
  })

  it('reads the older template without an Alt Text column', () => {
    const old = okDocument(readSheet(fixture('timelinejs-old-template.csv')))
    expect(old.title).toBe('Old template')
    expect(old.items.map((i) => [i.title, i.start, i.end, precisionOf(i.start)])).toEqual([
      ['Ada Lovelace', '1815-12-10', '1852-11-27', 'day'],
      ['The ENIAC programmers', '1943-07', '1946', 'month']
    ])
    expect(old.items[1]!.sources[0]).toMatchObject({
      outlet: 'Computer History Museum',
      url: 'https://www.youtube.com/watch?v=aPweFhhXFvY'
    })
  })

  it('reads a tab-separated export too', () => {
    const tsv =
      'Year\tMonth\tDay\tHeadline\tText\tGroup\n2014\t3\t18\tRussia annexes Crimea\t<p>Signed.</p>\tRussian actions\n'
    const doc = okDocument(readSheet(tsv, 'sheet.tsv'))
    expect(doc.items.map((i) => [i.title, i.start])).toEqual([['Russia annexes Crimea', '2014-03-18']])
  })

  it('says what is wrong with a time, and with end cells without an End Year', () => {
    const header = SHEET_COLUMNS.join(',')
    const csv = `${header}\n2014,3,18,25:99,,,,,,Bad time,,,,,,,,,\n2014,3,18,,,4,,,,End month only,,,,,,,,,\n`
    expect(readSheet(csv).problems.map(formatProblem)).toEqual([
      'sheet.csv, row 2, Time: is "25:99", not a time like 9:30 or 9:30 PM',
      "sheet.csv, row 3, End Year: is missing, but 'End Month' is filled in"
    ])
  })

  it('refuses a CSV that is not the template', () => {
    const result = readSheet('date,title\n2014-03-18,Annexation\n')
    expect(result.status).toBe('failed')
    expect(result.problems[0]!.message).toMatch(/'Year' and 'Headline'/)
  })

  it('is recognised by its header row', () => {
    expect(timelineJsSheetReader.sniff(fixture('timelinejs-google-sheet.csv'), 'x.csv')).toBe(0.95)
    expect(timelineJsSheetReader.sniff('date,title\n', 'x.csv')).toBe(0)
  })
})

describe('parsing Time cells as TimelineJS does', () => {
  it.each([
    ['9:30', { hour: 9, minute: 30, second: 0 }],
    ['9:30 PM', { hour: 21, minute: 30, second: 0 }],
    ['12:05 a.m.', { hour: 0, minute: 5, second: 0 }],
    ['1405', { hour: 14, minute: 5, second: 0 }],
    ['21:05:30', { hour: 21, minute: 5, second: 30 }],
    ['7', { hour: 7, minute: 0, second: 0 }],
    ['24:00', null],
    ['13:00 PM', null],
    ['noon', null]
  ])('%s', (text, expected) => {
    expect(parseTimeText(text)).toEqual(expected)
  })
})

function comparable(document: TimelineDocument) {
  return document.items.map((item) => ({
    lane: laneTitle(document, item),
    kind: item.kind,
    start: item.start,
    end: item.end,
    precision: precisionOf(item.start),
    title: item.title,
    description: item.description,
    tags: item.tags,
    confidence: item.confidence,
    sources: item.sources,
    notes: item.notes,
    id: item.id
  }))
}

describe('writing the spreadsheet template', () => {
  const document = datasetWithNotes()
  const csv = timelineJsSheetWriter.write(document)
  const rows = Papa.parse<string[]>(csv.trimEnd(), { header: false }).data

  it('writes the current template columns, a title row and one row per event', () => {
    expect(rows[0]).toEqual([...SHEET_COLUMNS])
    expect(rows[1]![SHEET_COLUMNS.indexOf('Type')]).toBe('title')
    expect(rows).toHaveLength(1 + 1 + 88)
    expect(csv).toContain('\r\n')
  })

  it('fills only the date cells the precision has', () => {
    const cells = (index: number) => Object.fromEntries(SHEET_COLUMNS.map((c, i) => [c, rows[index + 2]![i]]))
    for (const [index, item] of document.items.entries()) {
      const row = cells(index)
      expect(row['Year']).toBe(String(Number(item.start.slice(0, 4))))
      expect(row['Month'] !== '').toBe(precisionOf(item.start) !== 'year')
      expect(row['Day'] !== '').toBe(precisionOf(item.start) === 'day' || precisionOf(item.start) === 'second')
      expect(row['End Year'] !== '').toBe(item.kind !== 'point')
      expect(row['Headline']).not.toContain('<')
    }
  })

  it('keeps what the template can hold when read back, notes included', () => {
    const back = okDocument(readSheet(csv))
    expect(back.title).toBe(document.title)
    expect(back.description).toBe(document.description)
    expect(comparable(back)).toEqual(comparable(document))
  })

  it('keeps minute precision, background events (once) and formula-like text', () => {
    const doc = datasetWithNotes()
    Object.assign(doc.items[0]!, { kind: 'background', end: '2014-06', title: '=HYPERLINK("http://evil.example","x")' })
    Object.assign(doc.items[1]!, { start: '2014-03-01T09:30:00Z', title: '+1 and -2 @ noon' })
    expect(DocumentSchema.safeParse(doc).success).toBe(true)
    const text = timelineJsSheetWriter.write(doc)
    expect(text).toContain(`"'=HYPERLINK(`)
    expect(text.match(/,era,/g)).toHaveLength(1)
    expect(comparable(okDocument(readSheet(text)))).toEqual(comparable(doc))
  })
})

describe('hostile spreadsheets', () => {
  it('reads payloads in every cell as inert text', () => {
    const payload = HOSTILE.join(' ')
    const row = SHEET_COLUMNS.map((column) =>
      column === 'Media'
        ? 'javascript:alert(1)'
        : (({ Year: '2014', Month: '3', Day: '1' } as Record<string, string>)[column] ??
          (/Time|End|Type/.test(column) ? '' : payload))
    )
    const title = SHEET_COLUMNS.map((column) => (column === 'Type' ? 'title' : column === 'Year' ? '' : payload))
    const csv = Papa.unparse({ fields: [...SHEET_COLUMNS], data: [title, row] })
    const document = okDocument(readSheet(csv))
    expect(document.items).toHaveLength(1)
    for (const text of allStrings({
      ...document,
      items: document.items.map(({ id: _i, provenance: _p, ...rest }) => rest)
    })) {
      expect(text).not.toMatch(LIVE_MARKUP)
      expect(text).not.toMatch(/javascript:/i)
    }
  })
})
