import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import edtf from 'edtf'
import { formatEdtf, formatEdtfValue, parseEdtf, possibleSpan, type EdtfDate } from '../../src/shared/model/edtf'

function read(value: string): EdtfDate {
  const result = parseEdtf(value)
  if (!result.ok) throw new Error(result.message)
  return result.date
}

const utc = (y: number, m = 1, d = 1, h = 0, min = 0, s = 0) => {
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d)
  date.setUTCHours(h, min, s, 0)
  return date.getTime()
}

describe('parseEdtf', () => {
  it.each([
    ['2016', utc(2016), utc(2017), 'year'],
    ['2014-04', utc(2014, 4), utc(2014, 5), 'month'],
    ['2014-12-31', utc(2014, 12, 31), utc(2015), 'day'],
    ['0001', utc(1), utc(2), 'year'],
    ['2014-21', utc(2014, 3), utc(2014, 6), 'season'],
    ['2014-24', utc(2014, 12), utc(2015, 3), 'season'],
    ['2022-33', utc(2022), utc(2022, 4), 'quarter'],
    ['2022-36', utc(2022, 10), utc(2023), 'quarter'],
    ['201X', utc(2010), utc(2020), 'year'],
    ['20XX', utc(2000), utc(2100), 'year'],
    ['2014-XX', utc(2014), utc(2015), 'month'],
    ['2014-04-XX', utc(2014, 4), utc(2014, 5), 'day'],
    ['2024-02-29', utc(2024, 2, 29), utc(2024, 3), 'day']
  ])('reads %s as [earliest, latest) at its precision', (value, earliest, latest, precision) => {
    expect(read(value)).toMatchObject({ value, earliest, latest, precision })
  })

  it('reads a time to the second, in its offset, and keeps the offset', () => {
    expect(read('2025-03-05T14:30:15+02:00')).toMatchObject({
      earliest: utc(2025, 3, 5, 12, 30, 15),
      latest: utc(2025, 3, 5, 12, 30, 16),
      precision: 'second',
      offsetMinutes: 120
    })
    expect(read('2014-04-12T09:30:00Z')).toMatchObject({ earliest: utc(2014, 4, 12, 9, 30), offsetMinutes: 0 })
    expect(read('2014-04-12T23:30:00-05:30').offsetMinutes).toBe(-330)
  })

  it('reads the qualifiers ~ ? % on dates, seasons and quarters', () => {
    expect(read('2016~')).toMatchObject({ approximate: true, uncertain: false, earliest: utc(2016) })
    expect(read('2016?')).toMatchObject({ approximate: false, uncertain: true })
    expect(read('2016-04-12%')).toMatchObject({ approximate: true, uncertain: true, precision: 'day' })
    expect(read('2014-21?')).toMatchObject({ uncertain: true, precision: 'season', earliest: utc(2014, 3) })
    expect(read('2022-33~')).toMatchObject({ approximate: true, precision: 'quarter' })
    expect(read('201X')).toMatchObject({ unspecified: true, approximate: false })
  })

  it.each([
    ['2014-02-30', 'is not a date: February 2014 has 28 days'],
    ['2023-02-29', 'is not a date: February 2023 has 28 days'],
    ['2014-13', 'months run from 01 to 12'],
    ['2014-00', 'not a date of the calendar'],
    ['0000', 'years run from 0001'],
    ['2014-04-12T24:00:00Z', 'hours run from 00 to 23'],
    ['2014-04-12T09:30Z', 'write the seconds too, e.g. 2014-04-12T09:30:00Z'],
    ['2014-04-12T09:30:00', 'needs Z (UTC) or an offset'],
    ['2014-04-12T09:30:00.5Z', 'fractions of a second'],
    ['2014~-04', 'after the whole date'],
    ['2014-XX-12', 'only the last digits'],
    ['20X4', 'is not a date Chronotes reads'],
    ['201X?', 'cannot also carry ?'],
    ['2014-25', 'seasons from 21 to 24, quarters from 33 to 36'],
    ['2014/2015', 'is not a date Chronotes reads'],
    ['c. 2016', 'is not a date Chronotes reads'],
    ['', 'is empty']
  ])('refuses %s, saying why', (value, message) => {
    const result = parseEdtf(value)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(message)
  })
})

describe('formatEdtf', () => {
  it.each([
    ['2016', '2016'],
    ['2016~', 'c. 2016'],
    ['2016?', '2016?'],
    ['2016%', 'c. 2016?'],
    ['2014-04', 'April 2014'],
    ['2014-04-12', '12 April 2014'],
    ['0033-04-03~', 'c. 3 April 33'],
    ['2014-21?', 'spring 2014?'],
    ['2014-24', 'winter 2014'],
    ['2022-33', 'Q1 2022'],
    ['201X', '2010s'],
    ['19XX', '1900–1999'],
    ['2014-XX', '2014 (month unknown)'],
    ['2014-04-XX', 'April 2014 (day unknown)'],
    ['2025-03-05T14:30:00+02:00', '5 March 2025, 14:30 UTC+02:00'],
    ['2025-03-05T14:30:07Z', '5 March 2025, 14:30:07 UTC']
  ])('says %s as %s', (value, text) => {
    expect(formatEdtf(read(value))).toBe(text)
  })

  it('shows a value it cannot read as written', () => {
    expect(formatEdtfValue('early March')).toBe('early March')
  })
})

describe('possibleSpan', () => {
  it('widens an approximate date by one unit of its precision on each side', () => {
    expect(possibleSpan(read('2016~'))).toEqual({ earliest: utc(2015), latest: utc(2018) })
    expect(possibleSpan(read('2014-04~'))).toEqual({ earliest: utc(2014, 3), latest: utc(2014, 6) })
    expect(possibleSpan(read('2014-04-12%'))).toEqual({ earliest: utc(2014, 4, 11), latest: utc(2014, 4, 14) })
    expect(possibleSpan(read('2022-33~'))).toEqual({ earliest: utc(2021, 10), latest: utc(2022, 7) })
  })

  it('keeps the span of a date that is only uncertain or known', () => {
    expect(possibleSpan(read('2016?'))).toEqual({ earliest: utc(2016), latest: utc(2017) })
    expect(possibleSpan(read('2016'))).toEqual({ earliest: utc(2016), latest: utc(2017) })
  })
})

describe('the plain forms, read without the package parser, agree with it', () => {
  it('on random years, months, days and times with offsets', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0')
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('Z', '+02:00', '-05:30', '+14:00', '-12:00', '+00:00'),
        (y, m, d, h, min, s, zone) => {
          const forms = [
            pad(y, 4),
            `${pad(y, 4)}-${pad(m)}`,
            `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
            `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone}`
          ]
          for (const value of forms) {
            const ours = read(value)
            const theirs = edtf(value)
            const latest = value.includes('T') ? theirs.min + 1000 : theirs.max + 1
            expect([ours.earliest, ours.latest], value).toEqual([theirs.min, latest])
          }
        }
      ),
      { numRuns: 300, seed: 5 }
    )
  })

  it('refuses an offset EDTF does not have', () => {
    expect(parseEdtf('2014-04-12T09:30:00+15:00').ok).toBe(false)
    expect(parseEdtf('2014-04-12T09:30:00-00:00').ok).toBe(false)
    expect(parseEdtf('2014-04-12T09:30:60Z').ok).toBe(false)
  })
})
