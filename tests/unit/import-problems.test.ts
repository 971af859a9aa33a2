import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/shared/codecs'
import { countProblems, describeProblemCounts, sortProblems, type Problem } from '../../src/shared/model/problems'

// Issue 11: "2 of 2 rows will import; 1 cannot be read" when only one source link was dropped.
// Problems say whether their record was left out or read without part of it, and come in row order.

function read(csv: string) {
  const bytes = new TextEncoder().encode(csv)
  let result = importFile(bytes, 'sheet.csv', { now: new Date('2026-12-04T00:00:00Z') })
  if (result.status === 'needs-mapping')
    result = importFile(bytes, 'sheet.csv', { now: new Date('2026-12-04T00:00:00Z'), mapping: result.suggested })
  return result
}

describe('problems that say what happened', () => {
  it('tells a row read without its link from a row left out', () => {
    const result = read(
      'Date,Title,Link\n2016-05-01,A good row,https://example.org/a\n2014-03-18,Treaty,javascript:alert(1)\nnot a date,No date,\n'
    )
    expect(result.status).toBe('ok')
    const problems = sortProblems(result.problems)
    expect(problems.map((p) => [p.where, p.field, p.leftOut])).toEqual([
      ['row 3', 'Link', false],
      ['row 4', 'Date', true]
    ])
    const counts = countProblems(problems)
    expect(counts).toEqual({ leftOut: 1, readWithChanges: 1, file: 0 })
    expect(describeProblemCounts(counts, 'row')).toBe('1 row cannot be read; 1 row was read without part of it')
  })

  it('counts a row once, and as left out when any of its problems left it out', () => {
    const problems: Problem[] = [
      { where: 'row 4', field: 'Link', message: 'x', leftOut: false },
      { where: 'row 4', field: 'Date', message: 'y', leftOut: true },
      { where: 'row 2', field: 'Link', message: 'z', leftOut: false },
      { where: 'row 2', field: 'Link', message: 'w', leftOut: false },
      { message: 'about the whole file' }
    ]
    expect(countProblems(problems)).toEqual({ leftOut: 1, readWithChanges: 1, file: 1 })
  })

  it('sorts the whole file first, then by row number (not as text), keeping the order within a row', () => {
    const problems: Problem[] = [
      { where: 'row 10', message: 'a' },
      { where: 'row 9', message: 'b' },
      { message: 'file' },
      { where: 'row 9', message: 'c' },
      { where: 'event 2 ("X")', message: 'd' }
    ]
    expect(sortProblems(problems).map((p) => p.message)).toEqual(['file', 'd', 'b', 'c', 'a'])
  })
})
