/**
 * Records too large to parse (issue 9: memory within a small multiple of the file): one row of
 * a million cells, or one cell of megabytes, is found before papaparse builds it, skipped with a
 * notice on its row, and the rows around it are read as before. Quoted cells full of delimiters
 * and line breaks are content, never mistaken for such records.
 */
import { describe, expect, it } from 'vitest'
import { CSV_LIMITS, readCsvRows } from '../../src/shared/codecs/csv-rows'

const wide = ','.repeat(CSV_LIMITS.recordCells + 5)
const longCell = 'x'.repeat(2 * CSV_LIMITS.cellChars + 1)

describe('records too large to parse', () => {
  it.each([
    ['\n', 'LF'],
    ['\r\n', 'CRLF'],
    ['\r', 'CR']
  ])('a row of too many cells is skipped with a notice, and the rows after keep their numbers (%#: %s)', (eol) => {
    const text = ['Date,Title', '2014,first', wide, '2015,"a quoted\ncell"', '2016,last'].join(eol)
    const read = readCsvRows(text, ',')
    expect(read.refused).toBeUndefined()
    expect(read.rows.map((r) => [r.number, r.cells[1]])).toEqual([
      [2, 'first'],
      [4, 'a quoted\ncell'],
      [5, 'last']
    ])
    expect(read.notices).toEqual([
      {
        row: 3,
        kind: 'extra-cells',
        message: `was not read: it has ${(CSV_LIMITS.recordCells + 6).toLocaleString('en')} cells; Chronotes reads rows of up to 1,000 columns`
      }
    ])
  })

  it('a cell of megabytes is skipped, naming its column and size', () => {
    const read = readCsvRows(`Date,Title\n2014,"${longCell}"\n2015,next\n`, ',')
    expect(read.rows.map((r) => r.number)).toEqual([3])
    expect(read.notices[0]).toMatchObject({ row: 2, kind: 'long-cell' })
    expect(read.notices[0]!.message).toMatch(/holds 400,003 characters in column 2/)
  })

  it('a first row that large is not a table: the file is refused', () => {
    expect(readCsvRows(`${wide}\n2014,a\n`, ',').refused).toMatch(/^its first row has 10,006 cells/)
  })

  it('quoted cells full of delimiters, doubled quotes and line breaks are content', () => {
    const note = `"${'a, ""b"",\n'.repeat(CSV_LIMITS.recordCells)}"`
    const read = readCsvRows(`Date,Title,Notes\n2014,one,${note}\n2015,two,plain\n`, ',')
    expect(read.notices).toEqual([])
    expect(read.rows.map((r) => r.cells[1])).toEqual(['one', 'two'])
    expect(read.rows[0]!.cells[2]).toBe('a, "b",\n'.repeat(CSV_LIMITS.recordCells))
  })

  it('an unclosed quote runs to the end, as papaparse reads it: one long cell, not many rows', () => {
    const read = readCsvRows(`Date,Title\n2014,ok\n2015,"${'y,\n'.repeat(CSV_LIMITS.cellChars)}`, ',')
    expect(read.rows.map((r) => r.cells[1])).toEqual(['ok'])
    expect(read.notices.map((n) => n.kind)).toContain('long-cell')
  })
})
