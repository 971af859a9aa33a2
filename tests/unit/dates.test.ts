import { describe, expect, it } from 'vitest'
import { formatDate, formatDateRange, parsePeriod, precisionOf } from '../../src/shared/model/dates'

/** UTC milliseconds for a calendar date, years 1–99 included (Date.UTC would map 99 to 1999). */
function utc(year: number, month = 1, day = 1, hour = 0, minute = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, 0, 0)
  return date.getTime()
}

describe('parsePeriod', () => {
  it('reads a year as the whole year', () => {
    expect(parsePeriod('2014')).toEqual({ start: Date.UTC(2014, 0, 1), end: Date.UTC(2015, 0, 1) })
  })

  it('reads a month as the whole month, not its first day', () => {
    expect(parsePeriod('2014-04')).toEqual({ start: Date.UTC(2014, 3, 1), end: Date.UTC(2014, 4, 1) })
    expect(parsePeriod('2014-12')).toEqual({ start: Date.UTC(2014, 11, 1), end: Date.UTC(2015, 0, 1) })
  })

  it('reads a day as the whole day, across month and year ends', () => {
    expect(parsePeriod('2014-04-12')).toEqual({ start: Date.UTC(2014, 3, 12), end: Date.UTC(2014, 3, 13) })
    expect(parsePeriod('2014-04-30')).toEqual({ start: Date.UTC(2014, 3, 30), end: Date.UTC(2014, 4, 1) })
    expect(parsePeriod('2014-12-31')).toEqual({ start: Date.UTC(2014, 11, 31), end: Date.UTC(2015, 0, 1) })
  })

  it('reads a time as one second long, in its own offset', () => {
    const start = Date.UTC(2014, 3, 12, 9, 30)
    expect(parsePeriod('2014-04-12T09:30:00Z')).toEqual({ start, end: start + 1000 })
    expect(parsePeriod('2014-04-12T00:00:00Z')?.start).toBe(Date.UTC(2014, 3, 12))
    expect(parsePeriod('2014-04-12T23:59:59Z')?.end).toBe(Date.UTC(2014, 3, 13))
    expect(parsePeriod('2014-04-12T11:30:00+02:00')?.start).toBe(start)
  })

  it.each([
    ['2014-02-30', 'day'],
    ['2014-04-31', 'day'],
    ['2023-02-29', 'day'],
    ['2100-02-29', 'day'],
    ['2014-00-10', 'day'],
    ['2014-01-00', 'day'],
    ['2014-01-32', 'day'],
    ['2014-13', 'month'],
    ['2014-00', 'month'],
    ['0000', 'year'],
    ['2014-04-12T24:00:00Z', 'minute'],
    ['2014-04-12T23:60:00Z', 'minute'],
    ['2014-02-30T10:00:00Z', 'minute']
  ])('refuses the impossible date %s (%s)', (value) => {
    expect(parsePeriod(value)).toBeNull()
  })

  it('accepts 29 February in leap years only', () => {
    expect(parsePeriod('2024-02-29')).toEqual({ start: Date.UTC(2024, 1, 29), end: Date.UTC(2024, 2, 1) })
    expect(parsePeriod('2000-02-29')).not.toBeNull()
    expect(parsePeriod('2023-02-29')).toBeNull()
    expect(parsePeriod('2024-02')).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) })
  })

  it('keeps years below 100 as written instead of shifting them to the 1900s', () => {
    const year99 = parsePeriod('0099')
    expect(year99).toEqual({ start: utc(99), end: utc(100) })
    expect(new Date(year99!.start).getUTCFullYear()).toBe(99)
    expect(parsePeriod('0001-01-01')).toEqual({ start: utc(1), end: utc(1, 1, 2) })
    expect(parsePeriod('0099-12-31')?.end).toBe(utc(100))
    expect(parsePeriod('0048-02-29')).not.toBeNull() // 48 is a leap year
    expect(parsePeriod('0050-02-29')).toBeNull()
    expect(parsePeriod('0012-03-04T05:06:00Z')?.start).toBe(utc(12, 3, 4, 5, 6))
  })

  it.each([
    ['2014-4', 'month'],
    ['14', 'year'],
    ['20145', 'year'],
    [' 2014', 'year'],
    ['2014-04-12 ', 'day'],
    ['2014-04-12T09:30', 'minute'],
    ['2014-04-12T09:30Z', 'minute'],
    ['2014-04-12T09:30+02:00', 'minute'],
    ['2014/04/12', 'day'],
    ['', 'day']
  ])('refuses %j that is not an EDTF date Chronotes accepts (%s)', (value) => {
    expect(parsePeriod(value)).toBeNull()
  })
})

describe('precisionOf', () => {
  it.each([
    ['2014', 'year'],
    ['2014-04', 'month'],
    ['2014-04-12', 'day'],
    ['2014-04-12T09:30:00Z', 'second'],
    ['2014-21?', 'season'],
    ['2022-33', 'quarter'],
    ['0099-01', 'month']
  ])('says %s is written at %s precision', (value, precision) => {
    expect(precisionOf(value)).toBe(precision)
  })

  it.each(['2014-02-30', '2014-13', 'April 2014', '2014-04-12T09:30', '12/04/2014', ''])(
    'says %j is no date at all',
    (value) => {
      expect(precisionOf(value)).toBeNull()
    }
  )
})

describe('formatDate', () => {
  it('says a date as precisely as it is known', () => {
    expect(formatDate('2025')).toBe('2025')
    expect(formatDate('2025-03')).toBe('March 2025')
    expect(formatDate('2025-03-05')).toBe('5 March 2025')
    expect(formatDate('2025-12-25')).toBe('25 December 2025')
    expect(formatDate('2025-03-05T09:30:00Z')).toBe('5 March 2025, 09:30 UTC')
    expect(formatDate('2025-01-31T23:59:00Z')).toBe('31 January 2025, 23:59 UTC')
    expect(formatDate('2016~')).toBe('c. 2016')
  })

  it('shows an invalid date as written rather than a wrong one', () => {
    expect(formatDate('2025-02-30')).toBe('2025-02-30')
    expect(formatDate('2025-13')).toBe('2025-13')
  })

  it('joins a range with an en dash, and says a one-date range once', () => {
    expect(formatDateRange('2014-02', '2014-03')).toBe('February 2014 – March 2014')
    expect(formatDateRange('2014-02', '2014-02')).toBe('February 2014')
    expect(formatDateRange('2014', undefined)).toBe('2014')
  })
})
