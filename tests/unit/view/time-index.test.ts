import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TimeIndex } from '@shared/view/time-index'

type Interval = { start: number; end: number }

const interval = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 300 }), fc.boolean())
  .map(([start, length, moment]): Interval => ({ start, end: moment ? start : start + length }))

function brute(intervals: Interval[], a: number, b: number): number[] {
  return intervals
    .map((iv, key) => ({ ...iv, key }))
    .filter((iv) => iv.start < b && (iv.end > a || (iv.end === iv.start && iv.start >= a)))
    .map((iv) => iv.key)
    .sort((x, y) => x - y)
}

function found(index: TimeIndex, a: number, b: number): number[] {
  const keys: number[] = []
  const starts: number[] = []
  index.query(a, b, (key, start) => {
    keys.push(key)
    starts.push(start)
  })
  // Visited in start order, as query says.
  expect(starts).toEqual([...starts].sort((x, y) => x - y))
  return keys.sort((x, y) => x - y)
}

function build(intervals: Interval[]): TimeIndex {
  return TimeIndex.build(
    intervals.map((iv) => iv.start),
    intervals.map((iv) => iv.end),
    intervals.map((_, key) => key)
  )
}

const window = fc.tuple(fc.integer({ min: -1200, max: 1200 }), fc.integer({ min: 0, max: 800 }))

describe('TimeIndex', () => {
  it('finds exactly the intervals a scan finds, for any intervals and window', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 300 }),
        fc.array(window, { minLength: 1, maxLength: 5 }),
        (ivs, ws) => {
          const index = build(ivs)
          for (const [a, length] of ws) expect(found(index, a, a + length)).toEqual(brute(ivs, a, a + length))
          // Windows over every start (the timeline at "fit all"), exactly at the edges too.
          const starts = ivs.map((iv) => iv.start)
          const [first, last] = [Math.min(...starts), Math.max(...starts)]
          for (const [a, b] of [
            [first, last + 1],
            [first - 5, last + 300],
            [first, last],
            [first + 1, last + 1]
          ])
            expect(found(index, a!, b!)).toEqual(brute(ivs, a!, b!))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('stays right after entries are removed and inserted one by one, read between the edits or not', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { minLength: 1, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), interval, fc.boolean()), { maxLength: 20 }),
        window,
        (ivs, edits, [a, length]) => {
          const current = [...ivs]
          const index = build(current)
          // The tree is made again when it is read after an edit, not by the edit.
          for (const [which, next, read] of edits) {
            const key = which % current.length
            expect(index.remove(key, current[key]!.start)).toBe(true)
            current[key] = next
            index.insert(key, next.start, next.end)
            if (read) expect(found(index, a, a + length)).toEqual(brute(current, a, a + length))
            if (read) expect(index.last).toBe(Math.max(...current.map((iv) => iv.end)))
          }
          expect(found(index, a, a + length)).toEqual(brute(current, a, a + length))
          expect(index.size).toBe(current.length)
          expect(index.first).toBe(Math.min(...current.map((iv) => iv.start)))
          expect(index.last).toBe(Math.max(...current.map((iv) => iv.end)))
        }
      ),
      { numRuns: 200 }
    )
  })

  it('answers a narrow window over 100,000 entries by visiting only what overlaps', () => {
    const n = 100_000
    const starts = Array.from({ length: n }, (_, i) => i * 10)
    const index = TimeIndex.build(
      starts,
      starts.map((s) => s + 5),
      starts.map((_, i) => i)
    )
    expect(found(index, 500_000, 500_100)).toEqual([
      50_000, 50_001, 50_002, 50_003, 50_004, 50_005, 50_006, 50_007, 50_008, 50_009
    ])
    expect(index.count(-Infinity, Infinity)).toBe(n)
  })

  it('is empty-safe', () => {
    const index = build([])
    expect(found(index, 0, 10)).toEqual([])
    expect(index.first).toBeNaN()
    expect(index.remove(1, 0)).toBe(false)
    index.insert(7, 3, 4)
    expect(found(index, 0, 10)).toEqual([7])
  })
})
