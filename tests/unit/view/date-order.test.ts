/**
 * The results' date order kept per edit (and adopted from the worker's sort) is always the order
 * a full sort gives: by start as drawn, then as written, then by key; events without a date last.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { TimelineItem } from '@shared/model/schema'
import { DateOrder, sortByDate } from '@shared/view/date-order'
import { KeySet } from '@shared/view/key-set'
import { itemPeriod } from '@shared/view/timeline-items'

const STARTS = ['2014', '2014-01', '2014-01-01', '2014-03-02', '2016~', '2022-02-24T04:00:00Z', '2022-33', 'not a date']
const item = (start: string) => ({ id: start, start }) as TimelineItem
const startOf = (events: (TimelineItem | undefined)[]) => (key: number) => {
  const event = events[key]
  return (event && itemPeriod(event)?.start) ?? NaN
}

/** The order by a plain comparison sort. */
function sorted(events: (TimelineItem | undefined)[]): number[] {
  const start = startOf(events)
  const rank = (key: number) => (Number.isNaN(start(key)) ? Infinity : start(key))
  return [...events.keys()]
    .filter((key) => events[key])
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)]
      if (x !== y) return x < y ? -1 : 1
      const [p, q] = [events[a]!.start, events[b]!.start]
      return p < q ? -1 : p > q ? 1 : a - b
    })
}

it('stays in the order of a full sort through edits, removals and additions, read at any time', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...STARTS), { maxLength: 60 }),
      fc.boolean(),
      fc.array(fc.tuple(fc.nat(), fc.option(fc.constantFrom(...STARTS)), fc.boolean()), { maxLength: 30 }),
      (starts, adopted, edits) => {
        const events: (TimelineItem | undefined)[] = starts.map(item)
        const order = new DateOrder((key) => events[key], startOf(events))
        if (adopted)
          order.adopt(
            sortByDate([...events.keys()], startOf(events), (key) => events[key]!.start),
            []
          )
        else order.update(events.keys())
        for (const [at, start, read] of edits) {
          // Edit (or add, past the end) an event, or remove it (no start).
          const key = events.length ? at % (events.length + 1) : 0
          events[key] = start === null ? undefined : item(start)
          order.update([key])
          if (read) expect(order.keys()).toEqual(sorted(events))
        }
        expect(order.keys()).toEqual(sorted(events))
        const odd = (key: number) => key % 2 === 1
        expect(order.first(3, odd)).toEqual(sorted(events).filter(odd).slice(0, 3))
      }
    ),
    { numRuns: 300 }
  )
})

it('KeySet holds, counts, intersects and lists what a Set of the same keys does', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(300)), fc.array(fc.nat(300)), fc.array(fc.nat(300)), (a, b, removed) => {
      const [x, y] = [new KeySet(10), new KeySet(200)]
      a.forEach((key) => x.add(key))
      b.forEach((key) => y.add(key))
      removed.forEach((key) => x.delete(key))
      const plain = new Set(a.filter((key) => !removed.includes(key)))
      const both = [...plain].filter((key) => b.includes(key)).sort((p, q) => p - q)
      expect([...x]).toEqual([...plain].sort((p, q) => p - q))
      expect(x.size).toBe(plain.size)
      expect([...x.and(y)]).toEqual(both)
      expect(x.and(y).size).toBe(both.length)
      for (let key = 0; key < 320; key++) expect(x.has(key)).toBe(plain.has(key))
      const union = new KeySet(320)
      union.orWith(x)
      union.orWith(y)
      expect(union.size).toBe(new Set([...plain, ...b]).size)
      // A set made smaller than another takes all of it in, as add does.
      const small = new KeySet(1)
      small.orWith(x)
      expect([...small]).toEqual([...x])
    }),
    { numRuns: 200 }
  )
})
