import type { TimelineItem } from '../model/schema'
import { eventText, searchTerms, type TextMatcher } from './filter'

/**
 * The words of every event, indexed once, so that a keystroke in the search box reads the
 * distinct words of the document instead of every event's text. A search term matches an event
 * when it occurs inside one of the event's whitespace-separated words — exactly what looking for
 * it in the event's normalized text finds, since a term has no whitespace (compileFilter's rule).
 *
 * Events are indexed under slots: an edited event gets a new slot and its old one goes stale, so
 * an edit costs the event's own words, never a pass over the document. Building is done in
 * slices (`indexSome`) so it never holds the main thread for long.
 */
/** Up to this many queued events are indexed when a search asks, rather than answering later. */
const SMALL_BACKLOG = 256

export class SearchIndex {
  private postings = new Map<string, number[]>()
  private slotKey: number[] = []
  private liveSlot: number[] = []
  private queue: number[] = []
  private queued = new Set<number>()
  private cache = new Map<string, Uint32Array>()
  // One matcher object per answer, so that callers can tell an unchanged answer by identity.
  private matchers = new WeakMap<Uint32Array, { matchesKey: (key: number) => boolean; matches: TextMatcher }>()

  constructor(
    private readonly itemOf: (key: number) => TimelineItem | undefined,
    private readonly keyOf: (id: string) => number | undefined
  ) {}

  /** Whether every queued event has been indexed. */
  get ready(): boolean {
    return this.queue.length === 0
  }

  get pendingCount(): number {
    return this.queue.length
  }

  /** Events (by key) added, changed or removed since the last call: they are (re)indexed next. */
  enqueue(keys: Iterable<number>): void {
    for (const key of keys)
      if (!this.queued.has(key)) {
        this.queued.add(key)
        this.queue.push(key)
      }
    this.cache.clear()
  }

  /** Indexes queued events until `stop()` says so (checked every 64 events); true when done. */
  indexSome(stop: () => boolean = () => false): boolean {
    let n = 0
    while (this.queue.length) {
      if (++n % 64 === 0 && stop()) return false
      const key = this.queue.pop()!
      this.queued.delete(key)
      this.index(key)
    }
    return true
  }

  /** A matcher for every word of `text`, or null until the index is ready or when there are no words. */
  matcher(text: string): { matchesKey: (key: number) => boolean; matches: TextMatcher } | null {
    const terms = searchTerms(text)
    // A few edited events are indexed on the spot; a whole document waits for its slices.
    if (this.queue.length <= SMALL_BACKLOG) this.indexSome()
    if (!terms.length || !this.ready) return null
    const found = this.find(terms)
    let matcher = this.matchers.get(found)
    if (!matcher) this.matchers.set(found, (matcher = this.matcherFor(found, terms.length)))
    return matcher
  }

  private matcherFor(
    found: Uint32Array,
    length: number
  ): { matchesKey: (key: number) => boolean; matches: TextMatcher } {
    const terms = { length }
    return {
      matchesKey: (key) => found[key] === terms.length,
      matches: (item) => {
        const key = this.keyOf(item.id)
        // An event newer than the index (not yet in it) is looked at directly.
        return key !== undefined && key < found.length ? found[key] === terms.length : false
      }
    }
  }

  /** Per key, how many of the terms (in order) it holds: a key holds all when it equals terms.length. */
  private find(terms: string[]): Uint32Array {
    const cacheKey = terms.join(' ')
    const cached = this.cache.get(cacheKey)
    if (cached) return cached
    const counts = new Uint32Array(this.liveSlot.length)
    terms.forEach((term, t) => {
      for (const [word, slots] of this.postings) {
        if (!word.includes(term)) continue
        for (const slot of slots) {
          const key = this.slotKey[slot]!
          if (this.liveSlot[key] === slot && counts[key] === t) counts[key] = t + 1
        }
      }
    })
    if (this.cache.size > 32) this.cache.clear()
    this.cache.set(cacheKey, counts)
    return counts
  }

  private index(key: number): void {
    const item = this.itemOf(key)
    if (!item) {
      this.liveSlot[key] = -1
      return
    }
    const slot = this.slotKey.length
    this.slotKey.push(key)
    this.liveSlot[key] = slot
    for (const word of new Set(eventText(item).split(/\s+/))) {
      if (!word) continue
      const slots = this.postings.get(word)
      if (slots) slots.push(slot)
      else this.postings.set(word, [slot])
    }
  }
}
