/**
 * A dragged event lands in whole steps of its own precision and keeps its form: a month moves by
 * months, "spring 2014?" by seasons and stays uncertain, "201X" by decades, a time by minutes in
 * its own offset.
 */
import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../../src/shared/model/dates'
import { droppedDates, shiftDate } from '../../../src/shared/view/drag'

const DAY = 86_400_000

describe('shiftDate', () => {
  it.each([
    ['2016~', 400 * DAY, '2017~'],
    ['2016', 100 * DAY, '2016'],
    ['2014-04?', 62 * DAY, '2014-06?'],
    ['2014-12', 31 * DAY, '2015-01'],
    ['2014-04-12%', 3 * DAY, '2014-04-15%'],
    ['2014-21?', 92 * DAY, '2014-22?'],
    ['2014-24', 92 * DAY, '2015-21'],
    ['2022-33~', -92 * DAY, '2021-36~'],
    ['201X', 3660 * DAY, '202X'],
    ['2014-XX', 366 * DAY, '2015-XX'],
    ['2014-04-XX', 31 * DAY, '2014-05-XX'],
    ['2025-03-05T14:30:15+02:00', 90 * 60_000 + 20_000, '2025-03-05T16:00:15+02:00'],
    ['2025-03-05T23:30:00Z', 60 * 60_000, '2025-03-06T00:30:00Z'],
    ['0001', -400 * DAY, '0001']
  ])('moves %s by its own steps', (value, delta, expected) => {
    expect(shiftDate(value, delta)).toBe(expected)
  })
})

describe('droppedDates', () => {
  it('moves a vague point from the middle of its span, and both ends of a range', () => {
    const spring = parsePeriod('2014-21?')!
    const middle = (spring.start + spring.end) / 2
    expect(droppedDates({ kind: 'point', start: '2014-21?' }, middle + 92 * DAY)).toEqual({ start: '2014-22?' })
    const from = parsePeriod('2016~')!.start
    const to = parsePeriod('2018')!.end
    expect(droppedDates({ kind: 'range', start: '2016~', end: '2018' }, from + 366 * DAY, to + 366 * DAY)).toEqual({
      start: '2017~',
      end: '2019'
    })
  })

  it('keeps an end dragged before its start after it, the event keeping its length', () => {
    const from = parsePeriod('2014-04-12')!.start
    const to = parsePeriod('2014-04-13')!.end
    expect(droppedDates({ kind: 'range', start: '2014-04-12', end: '2014-04-13' }, from, to - 10 * DAY)).toEqual({
      start: '2014-04-12',
      end: '2014-04-13'
    })
  })
})
