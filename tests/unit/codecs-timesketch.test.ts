import Papa from 'papaparse'
import { precisionOf } from '../../src/shared/model/dates'
import { describe, expect, it } from 'vitest'
import {
  timesketchCsvReader,
  timesketchCsvWriter,
  timesketchJsonlReader,
  timesketchJsonlWriter
} from '../../src/shared/codecs/timesketch'
import { parseIsoDateTime, TIMESKETCH_COLUMNS } from '../../src/shared/codecs/timesketch-records'
import { formatProblem } from '../../src/shared/model/problems'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'
import { HOSTILE, context, datasetWithNotes, fixture, laneTitle, okDocument } from './codecs-timelinejs-helpers'

const readJsonl = (text: string, name = 'sketch.jsonl') => timesketchJsonlReader.read(text, context(name))
const readCsv = (text: string, name = 'sketch.csv') => timesketchCsvReader.read(text, context(name))

describe('reading Timesketch JSONL (as in its documentation, with extra fields)', () => {
  const result = readJsonl(fixture('timesketch.jsonl'), 'evidence.jsonl')
  const document = okDocument(result)

  it('reads message as the title and datetime as a UTC minute, whatever its zone', () => {
    expect(DocumentSchema.safeParse(document).success).toBe(true)
    expect(document.items.map((i) => [i.title, i.start, precisionOf(i.start)])).toEqual([
      ['User admin logged in from 10.0.0.5', '2015-07-24T19:01:01Z', 'second'],
      ['File C:\\Temp\\payload.exe created', '2015-07-24T19:01:02Z', 'second'],
      ['Yet more messages', '2015-07-24T19:01:03Z', 'second'],
      ['Only a timestamp', '2015-07-24T19:02:00Z', 'second']
    ])
  })

  it("keeps Timesketch's tag list as tags, and every other field as a list in the description", () => {
    const [first, , third] = document.items
    expect(first!.tags).toEqual(['suspicious', 'lateral-movement'])
    expect(first!.description).toBe(
      '- timestamp_desc: Logon time\n- extra_field_1: foo\n- data_type: windows:evtx:record'
    )
    expect(third!.description).toContain('- nested: {"pid":4242,"args":\\["-x"\\]}')
  })

  it('lists the lines it could not read, in file order, naming the field', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      'evidence.jsonl, line 5: is not valid JSON (Unterminated string in JSON at position 65)',
      'evidence.jsonl, line 6, datetime: is "yesterday", not an ISO 8601 date like 2015-07-24T19:01:01+00:00',
      'evidence.jsonl, line 7, message: is missing; Timesketch requires a message for every event',
      'evidence.jsonl, line 9: is not a JSON object; each line of a Timesketch JSONL file is one event'
    ])
  })

  it('is recognised by its first line', () => {
    expect(timesketchJsonlReader.sniff(fixture('timesketch.jsonl'), 'x.jsonl')).toBe(0.95)
    expect(timesketchJsonlReader.sniff('{"events": []}', 'x.json')).toBe(0)
  })
})

describe('reading Timesketch CSV', () => {
  const result = readCsv(fixture('timesketch.csv'))
  const document = okDocument(result)

  it('reads quoted cells, tag lists written as JSON or with commas, and a bare date as a day', () => {
    expect(document.items.map((i) => [i.title, i.start, i.tags])).toEqual([
      ['A message', '2015-07-24T19:01:01Z', []],
      ['A message with a comma, and "quotes"', '2015-07-24T19:01:02Z', ['alpha', 'beta']],
      ['Tagged by commas', '2015-07-25T10:00:00Z', ['one', 'two']],
      ['A date without a time', '2015-07-26', []]
    ])
    expect(document.items[0]!.description).toBe(
      '- timestamp_desc: Write time\n- extra_field_1: foo\n- extra_field_2: bar'
    )
  })

  it('names the row and field it could not read, and warns where timestamp and datetime disagree', () => {
    // Timesketch's own sample file: its timestamps (2012) are not its datetimes (2015).
    expect(result.problems.map(formatProblem)).toEqual([
      'sketch.csv, row 2, timestamp: is 2012-03-14T04:17:38.276Z, but datetime says 2015-07-24T19:01:01+00:00; the datetime was kept',
      'sketch.csv, row 3, timestamp: is 2012-03-14T04:17:38.276Z, but datetime says 2015-07-24T19:01:02+00:00; the datetime was kept',
      'sketch.csv, row 6, datetime: is "not a date", not an ISO 8601 date like 2015-07-24T19:01:01+00:00'
    ])
  })

  it('knows its columns whatever their case', () => {
    const doc = okDocument(readCsv('Message,DateTime,Timestamp_Desc,Host\nLogin,2015-07-24T19:01:01Z,Logon,WS-1\n'))
    expect(doc.items.map((i) => [i.title, i.start, i.description])).toEqual([
      ['Login', '2015-07-24T19:01:01Z', '- timestamp_desc: Logon\n- Host: WS-1']
    ])
  })

  it('refuses a CSV without the Timesketch columns', () => {
    const failed = readCsv('date,title\n2015-07-24,x\n')
    expect(failed.status).toBe('failed')
    expect(failed.problems[0]!.message).toBe('is missing the Timesketch column(s) message, datetime, timestamp_desc')
  })

  it('is recognised by its header row', () => {
    expect(timesketchCsvReader.sniff(fixture('timesketch.csv'), 'x.csv')).toBe(0.95)
    expect(timesketchCsvReader.sniff(fixture('timelinejs-google-sheet.csv'), 'x.csv')).toBe(0)
  })
})

describe('ISO 8601 datetimes', () => {
  it.each([
    ['2015-07-24T19:01:01+00:00', '2015-07-24T19:01:01.000Z'],
    ['2015-07-24T21:01:01+02:00', '2015-07-24T19:01:01.000Z'],
    ['2015-07-24 14:01:01.123456-0500', '2015-07-24T19:01:01.000Z'],
    ['2015-07-24T19:01:00Z', '2015-07-24T19:01:00.000Z'],
    ['2015-07-24', '2015-07-24T00:00:00.000Z']
  ])('%s', (text, iso) => {
    expect(new Date(parseIsoDateTime(text)!.ms).toISOString()).toBe(iso)
  })

  it('refuses impossible dates', () => {
    for (const text of ['2015-02-30T00:00:00Z', '2015-07-24T25:00:00Z', '24/07/2015'])
      expect(parseIsoDateTime(text)).toBeNull()
  })
})

function comparable(document: TimelineDocument) {
  return document.items.map((item) => ({
    id: item.id,
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
    notes: item.notes
  }))
}

describe('writing Timesketch files', () => {
  const document = datasetWithNotes()
  const ranges = document.items.filter((i) => i.end).length

  it('writes JSONL with the three required fields on every line, and an "Event end" line for each range', () => {
    const lines = timesketchJsonlWriter.write(document).trimEnd().split('\n')
    expect(lines).toHaveLength(88 + ranges)
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>
      expect(typeof record['message']).toBe('string')
      expect(record['datetime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/)
      expect(['Event date', 'Event start', 'Event end']).toContain(record['timestamp_desc'])
      // Timesketch's timestamp is microseconds since the epoch, and agrees with datetime.
      expect(record['timestamp']).toBe(Date.parse(String(record['datetime'])) * 1000)
    }
    const first = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(first).toMatchObject({
      message: document.items[0]!.title,
      datetime: '2014-02-01T00:00:00+00:00',
      timestamp_desc: 'Event date',
      tag: ['sbu', 'cia', 'mi6', 'nalyvaichenko'],
      chronotes_start: '2014-02',
      lane: 'Covert cooperation'
    })
    expect(JSON.parse(String(first['notes']))).toEqual(document.items[0]!.notes)
  })

  it('writes CSV with a header Timesketch accepts and tags as a JSON list', () => {
    const csv = timesketchCsvWriter.write(document)
    const rows = Papa.parse<string[]>(csv.trimEnd()).data
    expect(rows[0]).toEqual([...TIMESKETCH_COLUMNS])
    expect(rows).toHaveLength(1 + 88 + ranges)
    expect(rows[1]![TIMESKETCH_COLUMNS.indexOf('tag')]).toBe('["sbu","cia","mi6","nalyvaichenko"]')
  })

  it.each([
    ['JSONL', timesketchJsonlWriter, readJsonl],
    ['CSV', timesketchCsvWriter, readCsv]
  ] as const)(
    'round-trips through %s: ids, lanes, dates at precision, ranges, text, sources, notes',
    (_, writer, read) => {
      const doc = datasetWithNotes()
      Object.assign(doc.items[2]!, { kind: 'background', start: '2014-03', end: '2015-06' })
      Object.assign(doc.items[3]!, {
        kind: 'range',
        start: '2014-03-01T09:30:00Z',
        end: '2014-03-02T18:05:00Z'
      })
      doc.items[4]!.description = 'Line one\nline two, "quoted", <b>not bold</b>\n\n=1+1'
      expect(DocumentSchema.safeParse(doc).success).toBe(true)
      const result = read(writer.write(doc))
      expect(result.problems).toEqual([])
      const back = okDocument(result)
      expect(comparable(back)).toEqual(comparable(doc))
    }
  )

  it('reads a range whose start record lost its chronotes_end from its "Event end" record', () => {
    const doc = datasetWithNotes()
    const range = doc.items.find((i) => i.kind === 'range')!
    const lines = timesketchJsonlWriter
      .write(doc)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .map(({ chronotes_end: _end, ...rest }) => rest)
      .reverse()
    const back = okDocument(readJsonl(lines.map((l) => JSON.stringify(l)).join('\n')))
    expect(back.items.find((i) => i.id === range.id)).toMatchObject({ start: range.start, end: range.end })
    expect(back.items).toHaveLength(88)
  })
})

describe('hostile Timesketch files', () => {
  const payload = HOSTILE.join(' ')

  it('keeps payloads as plain text and drops javascript: source addresses', () => {
    const record = {
      message: payload,
      datetime: '2015-07-24T19:01:01+00:00',
      timestamp_desc: payload,
      lane: payload,
      description: payload,
      tag: [payload.slice(0, 90)],
      sources: JSON.stringify([{ title: payload, outlet: payload, url: 'javascript:alert(1)', published: null }]),
      notes: JSON.stringify([{ id: 'n', author: payload, body: payload, createdAt: 'x', updatedAt: 'y' }]),
      [payload.slice(0, 30)]: payload
    }
    const document = okDocument(readJsonl(JSON.stringify(record)))
    const item = document.items[0]!
    expect(item.title).toBe(payload)
    expect(laneTitle(document, item)).toBe(payload)
    expect(item.sources).toEqual([{ title: payload, outlet: payload, url: null, published: null }])
    expect(item.notes[0]).toMatchObject({ id: 'n', author: payload, body: payload })
    // The extra fields go into Markdown: escaped, so that even a Markdown renderer that allowed HTML shows them as text.
    expect(item.description).toContain('\\<script>')
  })

  it('writes formula-like text so that a spreadsheet does not run it', () => {
    const doc = datasetWithNotes()
    doc.items[0]!.title = '=cmd|"/c calc"!A1'
    expect(timesketchCsvWriter.write(doc)).toContain(`"'=cmd|""/c calc""!A1"`)
  })
})

describe('Timesketch timestamps', () => {
  const read = (timestamp: string, datetime = '') =>
    readCsv(`message,timestamp,datetime,timestamp_desc\nLogin,${timestamp},${datetime},Logon\n`)

  it.each([
    ['seconds', '1437764461'],
    ['milliseconds', '1437764461000'],
    ['microseconds', '1437764461000000'],
    ['nanoseconds', '1437764461000000000']
  ])('reads a timestamp in %s, told by its size', (_, timestamp) => {
    const result = read(timestamp)
    expect(result.problems).toEqual([])
    // To the second: Chronotes keeps seconds.
    expect(okDocument(result).items[0]!.start).toBe('2015-07-24T19:01:01Z')
  })

  it('names the timestamp, not the datetime, when only the timestamp is there and it cannot be read', () => {
    expect(read('soon').problems.map(formatProblem)).toEqual([
      'sketch.csv, row 2, timestamp: is "soon", not a number (and there is no datetime)'
    ])
  })

  it('keeps an agreeing datetime without a warning', () => {
    expect(read('1437764461000000', '2015-07-24T19:01:01+00:00').problems).toEqual([])
  })
})
