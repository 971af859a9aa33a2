import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TimelineItem } from '@shared/model/schema'
import { compileFilter } from '@shared/view/filter'
import { SearchIndex } from '@shared/view/search-index'

const WORDS = ['Kyïv', 'satellite', 'imagery', 'Radosław', 'Ukraine’s', 'liaison', 'brief', 'ß', 'CIA', 'x-ray']

function item(id: string, words: number[], notes: number[]): TimelineItem {
  const text = (ws: number[]) => ws.map((w) => WORDS[w % WORDS.length]).join(' ')
  return {
    id,
    groupId: 'g',
    kind: 'point',
    start: '2014-01-01',
    title: text(words.slice(0, 3)),
    description: text(words.slice(3)),
    tags: words.length % 2 ? ['tagged'] : [],
    confidence: 'reported',
    sources: [{ title: 'A source', outlet: 'Example', url: `https://example.org/${id}`, published: null }],
    notes: notes.length ? [{ id: `${id}n`, author: 'Olena', body: text(notes), createdAt: '', updatedAt: '' }] : [],
    createdAt: '',
    updatedAt: ''
  } as TimelineItem
}

const queries = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WORDS),
      fc.constantFrom('sat', 'KYIV', 'radoslaw', "ukraine's", 'ss', 'example.org/3', 'olena', 'zzz')
    ),
    { minLength: 1, maxLength: 3 }
  )
  .map((q) => q.join(' '))

function setup(items: TimelineItem[]) {
  const byKey = [...items]
  const keys = new Map(items.map((it, k) => [it.id, k]))
  const index = new SearchIndex(
    (k) => byKey[k],
    (id) => keys.get(id)
  )
  index.enqueue(byKey.keys())
  return { index, byKey, keys }
}

describe('SearchIndex', () => {
  it('finds exactly what reading every event finds, before and after edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat(20), { maxLength: 8 }), fc.array(fc.nat(20), { maxLength: 4 })), {
          maxLength: 40
        }),
        fc.array(fc.tuple(fc.nat(), fc.array(fc.nat(20), { maxLength: 8 })), { maxLength: 6 }),
        queries,
        (rows, edits, query) => {
          const items = rows.map(([w, n], i) => item(`e${i}`, w, n))
          const { index, byKey } = setup(items)
          index.indexSome()
          const scan = compileFilter({ text: query })
          const check = () => {
            const matcher = index.search(query)!
            for (const [key, it] of byKey.entries()) expect(matcher.matchesKey(key)).toBe(scan(it))
          }
          check()
          let edited = false
          for (const [which, words] of edits) {
            if (!byKey.length) break
            edited = true
            const key = which % byKey.length
            byKey[key] = item(byKey[key]!.id, words, [])
            index.enqueue([key])
          }
          if (edited) expect(index.pendingCount).toBeGreaterThan(0)
          index.indexSome()
          check()
        }
      ),
      { numRuns: 200 }
    )
  })

  it('builds in slices that stop when told', () => {
    const items = Array.from({ length: 1000 }, (_, i) => item(`e${i}`, [i, i + 1], []))
    const { index } = setup(items)
    let slices = 0
    while (!index.indexSome(() => true)) slices++
    expect(slices).toBeGreaterThan(10)
    expect(index.ready).toBe(true)
    expect(index.search('satellite')).not.toBeNull()
  })

  it('drops a removed event', () => {
    const items = [item('a', [1], []), item('b', [1], [])]
    const byKey: (TimelineItem | undefined)[] = [...items]
    const index = new SearchIndex(
      (k) => byKey[k],
      (id) => (id === 'a' ? 0 : 1)
    )
    index.enqueue([0, 1])
    index.indexSome()
    byKey[0] = undefined
    index.enqueue([0])
    index.indexSome()
    const matcher = index.search('satellite')!
    expect([matcher.matchesKey(0), matcher.matchesKey(1), matcher.matches(items[1]!)]).toEqual([false, true, true])
  })
})
