/**
 * The report's words: dates as precise as they are known, spans, note times in UTC, the ink on a
 * lane colour, and the text measuring that keeps the figure's labels apart.
 */
import { describe, expect, it } from 'vitest'
import { formatDay, formatEventDate, formatSpan, formatTimestamp, inkOn, shorten } from '../../src/shared/report/format'
import { ellipsize, textWidth, wrapText } from '../../src/shared/report/text-metrics'

describe('event dates by precision', () => {
  it.each([
    ['2015', undefined, 'year', '2015'],
    ['2025-03', undefined, 'month', 'March 2025'],
    ['2025-03-05', undefined, 'day', '5 March 2025'],
    ['2025-03-05T09:30:00Z', undefined, 'second', '5 March 2025, 09:30 UTC'],
    ['2016~', undefined, 'year', 'c. 2016'],
    ['2014-21?', undefined, 'season', 'spring 2014?'],
    ['2022-33', undefined, 'quarter', 'Q1 2022'],
    ['2016~', '2018', 'year', 'c. 2016 – 2018'],
    ['2022-02-24', '2025', 'day', '24 February 2022 – 2025'],
    ['2017', '2020', 'year', '2017–2020'],
    ['2022-03', '2022-06', 'month', 'March – June 2022'],
    ['2021-11', '2022-02', 'month', 'November 2021 – February 2022'],
    ['2014-04-12', '2014-04-13', 'day', '12–13 April 2014'],
    ['2019-07-18', '2019-09-12', 'day', '18 July – 12 September 2019'],
    ['2021-12-30', '2022-01-02', 'day', '30 December 2021 – 2 January 2022'],
    ['2025-03-05T09:30:00Z', '2025-03-05T17:00:00Z', 'second', '5 March 2025, 09:30 UTC – 5 March 2025, 17:00 UTC'],
    ['2025-03-05', '2025-03-05', 'day', '5 March 2025']
  ] as const)('%s to %s (%s) reads "%s"', (start, end, _precision, expected) => {
    expect(formatEventDate(start, end)).toBe(expected)
  })

  it('shows a date it cannot read as it is written, never as a wrong date', () => {
    expect(formatEventDate('2014-02-30', null)).toBe('2014-02-30')
  })
})

describe('spans and moments', () => {
  it('spans from the earliest start to the latest end, each as precise as it is known', () => {
    expect(
      formatSpan([
        { start: '2014-03-18' },
        { start: '2014-02' },
        { start: '2017', end: '2020' },
        { start: '2019-07-18', end: '2019-09-12' }
      ])
    ).toBe('February 2014 – 2020')
    expect(formatSpan([{ start: '2022-02-24' }])).toBe('24 February 2022')
    expect(formatSpan([])).toBeNull()
  })

  it('says a note time in UTC whatever offset it was written with', () => {
    expect(formatTimestamp('2025-03-05T16:00:00+02:00')).toBe('5 March 2025, 14:00 UTC')
    expect(formatTimestamp('2025-03-05T14:00:59.999Z')).toBe('5 March 2025, 14:00 UTC')
    expect(formatTimestamp('not a time')).toBe('not a time')
    expect(formatDay(new Date('2026-03-05T23:59:00Z'))).toBe('5 March 2026')
  })
})

describe('ink and shortening', () => {
  it('prints black on pale lane colours and white on dark ones', () => {
    expect(inkOn('#f0e442')).toBe('#000000')
    expect(inkOn('#56b4e9')).toBe('#000000')
    expect(inkOn('#0072b2')).toBe('#ffffff')
    expect(inkOn('#000000')).toBe('#ffffff')
    expect(inkOn('not a colour')).toBe('#000000')
  })

  it('shortens at a word with an ellipsis', () => {
    expect(shorten('short', 10)).toBe('short')
    expect(shorten('one two three four five', 12)).toBe('one two…')
    expect(shorten('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('text measuring', () => {
  it('measures digits as tabular and letters by their own widths', () => {
    expect(textWidth('88', 10)).toBeCloseTo(11.44)
    expect(textWidth('1', 10)).toBeCloseTo(textWidth('8', 10))
    expect(textWidth('MW', 10)).toBeGreaterThan(textWidth('il', 10))
    expect(textWidth('Розвідка', 10)).toBeGreaterThan(textWidth('Rozvidka', 10))
  })

  it('wraps into lines that fit, and ends a cut text with an ellipsis', () => {
    const lines = wrapText('Pauses and restrictions on intelligence sharing', 70, 7, 3)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(textWidth(line, 7)).toBeLessThanOrEqual(70)
    expect(lines.join(' ')).toBe('Pauses and restrictions on intelligence sharing')

    const cut = wrapText('one two three four five six seven eight nine ten', 30, 7, 2)
    expect(cut).toHaveLength(2)
    expect(cut[1]!.endsWith('…')).toBe(true)
    for (const line of cut) expect(textWidth(line, 7)).toBeLessThanOrEqual(30)

    const long = wrapText('Supercalifragilisticexpialidocious', 30, 7, 2)
    expect(long).toHaveLength(1)
    expect(textWidth(long[0]!, 7)).toBeLessThanOrEqual(30)
    expect(ellipsize('abcdef', 0, 7)).toBe('…')
  })
})
