/**
 * The search index answers exactly what reading every event's text answers — built here in
 * slices or built the worker's way (WordsBuilder, then adopt) with edits landing while it builds,
 * for random documents, random terms (whole words, pieces of words, accents, several words) and
 * random edits interleaved with searches.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TimelineItem } from '@shared/model/schema'
import { compileFilter } from '@shared/view/filter'
import { WordsBuilder } from '@shared/view/search-build'
import { SearchIndex } from '@shared/view/search-index'
import { eventSource } from '@shared/view/filter'

const WORDS = ['Kyïv', 'satellite', 'sat', 'imagery', 'Radosław', 'Ukraine’s', 'liaison', 'ß', 'CIA', 'x-ray', 'SATCOM']

function event(id: string, words: number[], note: boolean): TimelineItem {
  const text = (ws: number[]) => ws.map((w) => WORDS[w % WORDS.length]).join(' ')
  return {
    id,
    groupId: 'g',
    kind: 'point',
    start: '2014-01-01',
    title: text(words.slice(0, 2)),
    description: text(words.slice(2)),
    tags: words.length % 3 ? [WORDS[words.length % WORDS.length]!] : [],
    confidence: 'reported',
    sources: [{ title: null, outlet: 'Example', url: `https://example.org/${id}`, published: null }],
    notes: note ? [{ id: `${id}n`, author: 'Olena', body: text(words.slice(1)), createdAt: '', updatedAt: '' }] : [],
    createdAt: '',
    updatedAt: ''
  } as unknown as TimelineItem
}

const wordList = fc.array(fc.nat(40), { maxLength: 7 })
const term = fc.oneof(
  fc.constantFrom(...WORDS),
  // One character, as every search's first keystroke: from the words, folded ones, and one in none.
  fc.constantFrom(...new Set(WORDS.join('')), 'i', 'ss', 'q'),
  fc.constantFrom('s', 'sa', 'SAT', 'kyiv', 'radoslaw', "ukraine's", 'ss', 'e', 'example.org/e1', 'olena', 'zzz', '-'),
  fc
    .constantFrom(...WORDS)
    .chain((w) =>
      fc.tuple(fc.nat(w.length), fc.nat(w.length)).map(([a, b]) => w.slice(Math.min(a, b), Math.max(a, b) + 1))
    )
)
const query = fc.array(term, { minLength: 1, maxLength: 3 }).map((terms) => terms.join(' '))

type Step =
  | { kind: 'edit'; at: number; words: number[]; note: boolean }
  | { kind: 'remove'; at: number }
  | { kind: 'add'; words: number[] }
  | { kind: 'search'; query: string }
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), words: wordList, note: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), words: wordList }),
  fc.record({ kind: fc.constant('search' as const), query })
)

/** A document as the store keeps it: events under keys that are never reused. */
class Events {
  byKey: (TimelineItem | undefined)[] = []
  keys = new Map<string, number>()
  private next = 0

  add(words: number[], note = false, title?: string): number {
    const key = this.byKey.length
    const item = event(`e${this.next++}`, words, note)
    if (title !== undefined) item.title = title
    this.byKey.push(item)
    this.keys.set(item.id, key)
    return key
  }

  live(): number[] {
    return [...this.byKey.keys()].filter((key) => this.byKey[key])
  }

  /** A search index over these events, with every event queued for indexing. */
  index(): SearchIndex {
    const index = new SearchIndex(
      (key) => this.byKey[key],
      (id) => this.keys.get(id)
    )
    index.enqueue(this.byKey.keys())
    return index
  }

  /** Applies each step, queueing the event it touched in `index`; `searched` is called for each search. */
  replay(steps: Step[], index: SearchIndex, searched: (query: string) => void): void {
    for (const s of steps) {
      const key = this.apply(s)
      if (key !== null) index.enqueue([key])
      if (s.kind === 'search') searched(s.query)
    }
  }

  /** Applies an edit; returns the key it touched (null for a search or nothing to edit). */
  apply(s: Step): number | null {
    if (s.kind === 'add') return this.add(s.words)
    if (s.kind === 'search') return null
    const live = this.live()
    if (!live.length) return null
    const key = live[s.at % live.length]!
    const old = this.byKey[key]!
    if (s.kind === 'remove') {
      this.byKey[key] = undefined
      this.keys.delete(old.id)
    } else this.byKey[key] = event(old.id, s.words, s.note)
    return key
  }
}

function expectScan(index: SearchIndex, events: Events, text: string): void {
  const answer = index.search(text)
  // Nothing to look for is no answer: the caller shows everything.
  if (!text.trim()) return void expect(answer).toBeNull()
  expect(answer).not.toBeNull()
  const scan = compileFilter({ text })
  const expected = events.live().filter((key) => scan(events.byKey[key]!))
  expect([...answer!.keys]).toEqual(expected)
  expect(answer!.count).toBe(expected.length)
  for (const key of events.live()) expect(answer!.matches(events.byKey[key]!)).toBe(expected.includes(key))
}

describe('SearchIndex against a plain scan', () => {
  it('built here, with edits and searches interleaved, prepared or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wordList, fc.boolean()), { maxLength: 30 }),
        fc.array(step, { maxLength: 25 }),
        query,
        fc.boolean(),
        (rows, steps, last, prepared) => {
          const events = new Events()
          rows.forEach(([words, note]) => events.add(words, note))
          const index = events.index()
          index.indexSome()
          // Prepared: a one-character term is answered from the characters' bits, kept per edit.
          if (prepared) index.prepareSome()
          events.replay(steps, index, (query) => expectScan(index, events, query))
          expectScan(index, events, last)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('built the worker’s way, with edits landing while it builds and after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wordList, fc.boolean()), { maxLength: 30 }),
        fc.array(step, { maxLength: 10 }),
        fc.array(step, { maxLength: 20 }),
        query,
        (rows, during, after, last) => {
          const events = new Events()
          rows.forEach(([words, note]) => events.add(words, note))
          const index = events.index()
          const keys = index.takeQueue()
          const builder = new WordsBuilder()
          // The page reads the texts; edits land between the read and the worker's answer.
          const items = keys.map((key) => events.byKey[key])
          builder.add({
            texts: items.map((item) => (item ? eventSource(item) : null)),
            starts: items.map(() => 0),
            startTexts: items.map((item) => item?.start ?? '')
          })
          events.replay(during, index, (query) => expect(index.search(query)).toBeNull())
          index.adopt(keys, builder.build())
          index.prepareSome()
          events.replay(after, index, (query) => expectScan(index, events, query))
          expectScan(index, events, last)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('keeps one-character answers right while edits land between the slices that make them, and after', () => {
    const events = new Events()
    // Enough distinct words for the characters' bits to be made in several slices (256 words each).
    for (let i = 0; i < 1200; i++) events.add([i % 11], false, `w${i.toString(36)} ${i % 3 ? 'kyiv' : 'x-ray'}`)
    const index = events.index()
    index.indexSome()
    const chars = [...new Set(events.live().flatMap((key) => [...events.byKey[key]!.title]))]
    let checks = 0
    let slice = 0
    // Every other check asks to stop: a slice, then an edit and one-character searches, and so on.
    while (!index.prepareSome(() => ++checks % 2 === 0)) {
      slice++
      const edit: Step =
        slice % 3 === 0
          ? { kind: 'add', words: [slice] }
          : slice % 5 === 0
            ? { kind: 'remove', at: slice * 89 }
            : { kind: 'edit', at: slice * 97, words: [slice, slice + 3], note: slice % 2 === 0 }
      events.replay([edit], index, () => {})
      for (const char of ['w', 'k', 's', '-']) expectScan(index, events, char)
    }
    expect(slice, 'made in several slices').toBeGreaterThan(6)
    events.replay([{ kind: 'add', words: [7] }], index, () => {})
    const given = index.search('k')!
    const keysGiven = [...given.keys]
    // The first live event gets "Kyïv": a "k" it did not have.
    events.replay([{ kind: 'edit', at: 0, words: [0], note: false }], index, () => {})
    for (const char of [...chars, 'ł', 'q']) expectScan(index, events, char)
    expect([...given.keys], 'an answer given out stays as it was').toEqual(keysGiven)
  })

  it('keeps a word found in many events right as those events change (its bits are kept, not rebuilt)', () => {
    const events = new Events()
    for (let i = 0; i < 3000; i++) events.add([1, i % 7])
    const index = events.index()
    index.indexSome()
    index.prepareSome()
    expectScan(index, events, 'satellite')
    const edits: Step[] = [
      { kind: 'edit', at: 5, words: [2], note: false },
      { kind: 'remove', at: 9 },
      { kind: 'add', words: [1] },
      { kind: 'edit', at: 2999, words: [3, 1], note: true }
    ]
    events.replay(edits, index, () => {})
    expectScan(index, events, 'satellite')
    expectScan(index, events, 'sat imag')
  })
})
