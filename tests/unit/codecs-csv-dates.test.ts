/**
 * Dates as typed into spreadsheets: read at the precision they are written in, and a day/month
 * column that could be either is asked about, never guessed.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/shared/codecs'
import { dateColumnOrder, parseLooseDate } from '../../src/shared/codecs/loose-dates'
import { countProblems, formatProblem } from '../../src/shared/model/problems'

const NOW = new Date('2026-01-10T09:00:00.000Z')

describe('parseLooseDate', () => {
  it.each([
    ['2025', '2025', 'year'],
    ['0800', '0800', 'year'],
    ['2025-03', '2025-03', 'month'],
    ['2025/3', '2025-03', 'month'],
    ['03/2025', '2025-03', 'month'],
    ['2025-03-05', '2025-03-05', 'day'],
    ['2025-3-5', '2025-03-05', 'day'],
    ['2025/03/05', '2025-03-05', 'day'],
    ['2025-03-05T14:30Z', '2025-03-05T14:30:00Z', 'second'],
    ['2025-03-05T14:30:59Z', '2025-03-05T14:30:59Z', 'second'],
    ['2025-03-05T14:30:59.123Z', '2025-03-05T14:30:59Z', 'second'],
    ['2025-03-05T01:30+02:00', '2025-03-05T01:30:00+02:00', 'second'],
    ['2025-03-05T22:30-0300', '2025-03-05T22:30:00-03:00', 'second'],
    ['2025-03-05 14:30:00', '2025-03-05T14:30:00Z', 'second'],
    ['2025-03-05 14:30 UTC', '2025-03-05T14:30:00Z', 'second'],
    ['March 5, 2025', '2025-03-05', 'day'],
    ['March 5th, 2025', '2025-03-05', 'day'],
    ['Wednesday, March 5, 2025', '2025-03-05', 'day'],
    ['5 March 2025', '2025-03-05', 'day'],
    ['5th of March 2025', '2025-03-05', 'day'],
    ['5 Mar 2025', '2025-03-05', 'day'],
    ['5 Mar. 2025', '2025-03-05', 'day'],
    ['5 Sept 2025', '2025-09-05', 'day'],
    ['Mar 2025', '2025-03', 'month'],
    ['MARCH 2025', '2025-03', 'month'],
    ['5 March 2025, 14:30', '2025-03-05T14:30:00Z', 'second'],
    ['March 5, 2025 2:30 PM', '2025-03-05T14:30:00Z', 'second'],
    ['March 5, 2025 12:05 am', '2025-03-05T00:05:00Z', 'second'],
    ['13/04/2025', '2025-04-13', 'day'],
    ['04/13/2025', '2025-04-13', 'day'],
    ['13.04.2025', '2025-04-13', 'day'],
    ['13-04-2025', '2025-04-13', 'day'],
    ['07/07/2025', '2025-07-07', 'day'],
    ['13/04/25', '2025-04-13', 'day'],
    ['13/04/95', '1995-04-13', 'day'],
    ['4/17/2014 13:20', '2014-04-17T13:20:00Z', 'second'],
    ['  2025-03-05  ', '2025-03-05', 'day']
  ])('%s → %s (%s)', (input, value, precision) => {
    expect(parseLooseDate(input)).toEqual({ ok: true, date: { value, precision } })
  })

  it.each([
    ['', /is empty/],
    ['sometime in 2014', /not a date/],
    ['2025-02-30', /not a real date/],
    ['31/02/2018', /not a real date/],
    ['2025-13', /not a real date/],
    ['13/13/2025', /not a real date/],
    ['March 2025 14:30', /time but no day/],
    ['5 March', /not a date/],
    ['2025-03-05 25:00', /not a real date/],
    ['March 5, 2025 13:00 pm', /time Chronotes cannot read/],
    ['2025-03-05T10:00+25:00', /time zone/],
    ['45721', /not a date/],
    ['=TODAY()', /not a date/]
  ])('%j is a problem (%s)', (input, message) => {
    const result = parseLooseDate(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })

  it('does not guess 03/04/2025, and reads it either way once the order is known', () => {
    const guess = parseLooseDate('03/04/2025')
    expect(guess).toMatchObject({ ok: false, ambiguous: true })
    if (!guess.ok) expect(guess.message).toBe('could be 3 April or March 4; choose the day/month order for this column')
    expect(parseLooseDate('03/04/2025', 'day-month')).toEqual({
      ok: true,
      date: { value: '2025-04-03', precision: 'day' }
    })
    expect(parseLooseDate('03/04/2025', 'month-day')).toEqual({
      ok: true,
      date: { value: '2025-03-04', precision: 'day' }
    })
  })

  it('refuses a value that contradicts the chosen order', () => {
    expect(parseLooseDate('13/04/2025', 'month-day')).toMatchObject({ ok: false, ambiguous: false })
    expect(parseLooseDate('04/13/2025', 'day-month')).toMatchObject({ ok: false, ambiguous: false })
  })
})

describe('dateColumnOrder', () => {
  it('is ambiguous when every numeric date reads both ways', () => {
    expect(dateColumnOrder(['03/04/2025', '05/06/2025', '', '07/07/2025'])).toEqual({ ambiguous: true })
  })
  it('is settled by one value only one order can read', () => {
    expect(dateColumnOrder(['03/04/2025', '13/04/2025'])).toEqual({ ambiguous: false, settled: 'day-month' })
    expect(dateColumnOrder(['03/04/2025', '4/17/2014 13:20'])).toEqual({ ambiguous: false, settled: 'month-day' })
  })
  it('is not ambiguous without numeric dates, or when they are the same both ways', () => {
    expect(dateColumnOrder(['2025-03-04', 'March 2025', 'Title'])).toEqual({ ambiguous: false })
    expect(dateColumnOrder(['07/07/2025', '01/01/2020'])).toEqual({ ambiguous: false })
  })
  it('a column mixing both conventions still asks about the values either could read', () => {
    expect(dateColumnOrder(['13/04/2025', '04/13/2025', '03/04/2025'])).toEqual({ ambiguous: true })
  })
})

describe('an ambiguous date column in a file', () => {
  const bytes = new Uint8Array(readFileSync('tests/fixtures/import/ambiguous-dates.csv'))
  const first = importFile(bytes, 'ambiguous-dates.csv', { now: NOW })

  it('is listed in the preview', () => {
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    expect(first.preview.ambiguousDateColumns).toEqual(['Date'])
    expect(first.suggested.dateOrder).toEqual({})
  })

  it.each([
    ['day-month', ['2025-04-03', '2025-06-05', '2025-12-11', '2025-07-07']],
    ['month-day', ['2025-03-04', '2025-05-06', '2025-11-12', '2025-07-07']]
  ] as const)('read %s gives the right dates', (order, dates) => {
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    const mapping = { ...first.suggested, dateOrder: { Date: order } }
    const result = importFile(bytes, 'ambiguous-dates.csv', { now: NOW, mapping })
    if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems))
    expect(result.problems).toEqual([])
    expect(result.document.items.map((i) => i.start)).toEqual(dates)
  })

  it('without a choice is a problem on each row it leaves out, not a guess', () => {
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    const result = importFile(bytes, 'ambiguous-dates.csv', { now: NOW, mapping: first.suggested })
    if (result.status !== 'ok') throw new Error(result.status)
    // 07/07/2025 is the same either way, so that row is read.
    expect(result.document.items.map((i) => [i.start, i.title])).toEqual([['2025-07-07', 'Same both ways']])
    expect(result.problems.map(formatProblem)).toEqual([
      'ambiguous-dates.csv, row 2, Date: "03/04/2025" could be 3 April or March 4; choose the day/month order for this column',
      'ambiguous-dates.csv, row 3, Date: "05/06/2025" could be 5 June or May 6; choose the day/month order for this column',
      'ambiguous-dates.csv, row 4, Date: "11/12/2025" could be 11 December or November 12; choose the day/month order for this column'
    ])
  })
})

describe('start and end of different precision', () => {
  it('keeps each end at its own precision (an era from a day to a year stays so), with nothing to say', () => {
    const csv = 'Start,End,Title\n5 March 2025,April 2025,A\n2014-02-03,2015,B\n2016,2016-05-01,C\n'
    const bytes = new TextEncoder().encode(csv)
    const first = importFile(bytes, 'mixed.csv', { now: NOW })
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    const result = importFile(bytes, 'mixed.csv', { now: NOW, mapping: first.suggested })
    if (result.status !== 'ok') throw new Error(result.status)
    expect(result.document.items.map((i) => [i.start, i.end ?? null, i.kind])).toEqual([
      ['2025-03-05', '2025-04', 'range'],
      ['2014-02-03', '2015', 'range'],
      ['2016', '2016-05-01', 'range']
    ])
    expect(result.problems).toEqual([])
  })
})

describe('dates with doubt, seasons, quarters and places (issue 12)', () => {
  it.each([
    ['c. 2016', '2016~', 'year'],
    ['circa 2016', '2016~', 'year'],
    ['ca. 2016', '2016~', 'year'],
    ['about 2016', '2016~', 'year'],
    ['2016?', '2016?', 'year'],
    ['c. March 2016?', '2016-03%', 'month'],
    ['Q1 2022', '2022-33', 'quarter'],
    ['2022 Q4', '2022-36', 'quarter'],
    ['spring 2014?', '2014-21?', 'season'],
    ['Winter 2014', '2014-24', 'season'],
    ['early March 2025', '2025-03', 'month'],
    ['late 2016', '2016', 'year'],
    ['2025-03-05 14:30 Kyiv time', '2025-03-05T14:30:00+02:00', 'second'],
    ['2025-07-05 14:30 Kyiv time', '2025-07-05T14:30:00+03:00', 'second'],
    ['2025-03-05 14:30 +02:00', '2025-03-05T14:30:00+02:00', 'second'],
    ['5 March 2025, 14:30:15 +02:00', '2025-03-05T14:30:15+02:00', 'second']
  ])('%s → %s (%s)', (input, value, precision) => {
    const result = parseLooseDate(input)
    if (!result.ok) throw new Error(result.message)
    expect(result.date).toMatchObject({ value, precision })
  })

  it('says what it assumed, and marks words the date cannot say', () => {
    const early = parseLooseDate('early March 2025')
    expect(early.ok && early.date.saysMore).toBe(true)
    expect(early.ok && early.date.assumed).toEqual([
      '"early …" was read as the whole period; the words are kept as the date as given'
    ])
    const spring = parseLooseDate('spring 2014?')
    expect(spring.ok && spring.date.assumed).toEqual([
      'seasons were read as northern-hemisphere seasons (spring = March to May)'
    ])
    const kyiv = parseLooseDate('2025-03-05 14:30 Kyiv time')
    expect(kyiv.ok && kyiv.date.assumed).toEqual([
      '"Kyiv time" was read as the offset Europe/Kyiv has on that day (+02:00)'
    ])
    expect(parseLooseDate('c. 2025-03-05 14:30')).toMatchObject({ ok: false })
  })

  it('reads them from a spreadsheet: the EDTF date, the words kept, each assumption said once with a count', () => {
    const csv =
      'Date,Title\nc. 2016,A\ncirca 2017,B\nspring 2014?,C\nQ1 2022,D\nearly March 2025,E\n2025-03-05 14:30 Kyiv time,F\n'
    const bytes = new TextEncoder().encode(csv)
    const first = importFile(bytes, 'doubt.csv', { now: NOW })
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    const result = importFile(bytes, 'doubt.csv', { now: NOW, mapping: first.suggested })
    if (result.status !== 'ok') throw new Error(result.status)
    expect(result.document.items.map((i) => [i.title, i.start, i.displayDate ?? null])).toEqual([
      ['A', '2016~', null],
      ['B', '2017~', null],
      ['C', '2014-21?', null],
      ['D', '2022-33', null],
      ['E', '2025-03', 'early March 2025'],
      ['F', '2025-03-05T14:30:00+02:00', '2025-03-05 14:30 Kyiv time']
    ])
    expect(result.problems.map(formatProblem)).toEqual([
      'doubt.csv, row 2: "c.", "circa", "ca." and "about" were read as approximate (EDTF ~) (2 dates)',
      'doubt.csv, row 4: seasons were read as northern-hemisphere seasons (spring = March to May) (one date)',
      'doubt.csv, row 6: "early …" was read as the whole period; the words are kept as the date as given (one date)',
      'doubt.csv, row 7: "Kyiv time" was read as the offset Europe/Kyiv has on that day (+02:00) (one date)'
    ])
    // What was assumed is a note: no row counts as read without part of it.
    expect(result.problems.every((problem) => problem.note && problem.leftOut === undefined)).toBe(true)
    expect(countProblems(result.problems)).toEqual({ leftOut: 0, readWithChanges: 0, file: 0 })
  })
})
