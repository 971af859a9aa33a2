import type { TimelineItem } from '../model/schema'
import { eventText, searchTerms, type TextMatcher } from './filter'
import { KeySet } from './key-set'
import { findWord, type BuiltWords } from './search-build'

/**
 * The words of every event, indexed once, so that a keystroke in the search box costs what it
 * finds, not a pass over the document. A search term matches an event when it occurs inside one
 * of the event's whitespace-separated words — exactly what looking for it in the event's
 * normalized text finds, since a term has no whitespace (compileFilter's rule).
 *
 * - A term finds its words among the distinct words of the document; a term that extends one
 *   searched a moment ago ("sat" after "sa") looks only among that term's words.
 * - An answer is a set of event keys as bits (KeySet): a word found in many events keeps its
 *   events as bits too, so a term found everywhere costs one OR per word, not one step per event.
 * - A one-character term (every search's first keystroke) is found in nearly every word of a
 *   large document: its events are kept as bits per character, made once while idle and kept
 *   per edit, rather than gathered from the events of tens of thousands of words on the keystroke.
 * - Events are indexed under slots: an edited event gets a new slot and its old one goes stale,
 *   so an edit costs the event's own words.
 * - A whole document is built elsewhere (`takeQueue`, then `adopt` what search-build.ts made in
 *   a worker) or here in slices (`indexSome`).
 */
/** Up to this many queued events are indexed when a search asks, rather than answering later. */
const SMALL_BACKLOG = 256
/** Terms whose words are remembered, for narrowing the next keystroke's term. */
const REMEMBERED_TERMS = 64

/** What the index says about a search: the events (by key) holding every word of it. */
export interface SearchAnswer {
  /** How many events match. */
  readonly count: number
  /** The matching events' keys. */
  readonly keys: KeySet
  matchesKey: (key: number) => boolean
  /** The same for an event object (looked up by id); an event not in the index does not match. */
  matches: TextMatcher
}

export class SearchIndex {
  private words: string[] = []
  /** Word → id, for the words not in an adopted build's table. */
  private wordIds = new Map<string, number>()
  /** An adopted build's words by hash (findWord): a map of them all took 60 ms to make on an edit. */
  private baseTable: Int32Array | null = null
  /** Postings of an adopted build: word w's slots are baseSlots[baseStarts[w] .. baseStarts[w + 1]). */
  private baseStarts: Int32Array = new Int32Array(1)
  private baseSlots: Int32Array = new Int32Array(0)
  private baseWords = 0
  /** Per word: the slots posted here, after any adopted ones (stale slots included: see liveSlot). */
  private postings: (number[] | undefined)[] = []
  /** Per word, for words in many events: their live keys as bits, built on demand. */
  private wordKeys: (KeySet | null | undefined)[] = []
  /** The words that have bits in wordKeys. */
  private withKeys = new Set<number>()
  /** Per character: the live events with a word holding it; made by prepareSome, as of `charsUpTo` words. */
  private charKeys = new Map<string, KeySet>()
  private charsUpTo = 0
  /** Whether charKeys has been made for every word once (edits then keep it whole). */
  private charsMade = false
  /** Per word: the last slot it was posted under, so that a word occurring twice is posted once. */
  private lastSlot: number[] = []
  private slotKey: number[] = []
  private liveSlot: number[] = []
  private queue: number[] = []
  private queued = new Set<number>()
  /** Events taken for a build elsewhere: until it is adopted, nothing is indexed here. */
  private building = false
  /** Term → the words holding it, as of `upTo` words (later words are looked at on the next use). */
  private termWords = new Map<string, { ids: number[]; upTo: number }>()
  private answers = new Map<string, SearchAnswer>()

  constructor(
    private readonly itemOf: (key: number) => TimelineItem | undefined,
    private readonly keyOf: (id: string) => number | undefined
  ) {}

  /** Whether every queued event has been indexed. */
  get ready(): boolean {
    return this.queue.length === 0 && !this.building
  }

  get pendingCount(): number {
    return this.queue.length
  }

  /** Whether nothing has been indexed yet (a build elsewhere can be adopted). */
  get empty(): boolean {
    return this.slotKey.length === 0 && !this.building
  }

  /** Events (by key) added, changed or removed since the last call: they are (re)indexed next. */
  enqueue(keys: Iterable<number>): void {
    for (const key of keys)
      if (!this.queued.has(key)) {
        this.queued.add(key)
        this.queue.push(key)
      }
    this.answers.clear()
  }

  /**
   * Takes the queued events, for building elsewhere (a worker, with search-build.ts): until
   * `adopt` or `abandon`, the index answers nothing. Events enqueued meanwhile wait here.
   */
  takeQueue(): number[] {
    if (!this.empty) throw new Error('Only an empty search index is built elsewhere')
    const keys = this.queue
    this.queue = []
    this.queued.clear()
    this.building = true
    return keys
  }

  /** The build of the events `takeQueue` gave, in that order (slot i is keys[i]). */
  adopt(keys: readonly number[], built: BuiltWords): void {
    this.building = false
    this.words = built.words
    this.wordIds = new Map()
    this.baseTable = built.table
    this.warmed = 0
    this.baseWords = built.words.length
    this.baseStarts = built.starts
    this.baseSlots = built.slots
    this.slotKey = [...keys]
    this.postings = []
    this.wordKeys = []
    this.withKeys.clear()
    this.charKeys.clear()
    this.charsUpTo = 0
    this.charsMade = false
    this.lastSlot = []
    keys.forEach((key, slot) => (this.liveSlot[key] = slot))
    this.termWords.clear()
    this.answers.clear()
  }

  /** The events waiting to be (re)indexed. */
  queuedKeys(): readonly number[] {
    return this.queue
  }

  /** The build elsewhere failed: its events are indexed here instead. */
  abandon(keys: readonly number[]): void {
    this.building = false
    this.enqueue(keys)
  }

  /** Indexes queued events until `stop()` says so (checked every 64 events); true when done. */
  indexSome(stop: () => boolean = () => false): boolean {
    if (this.building) return false
    let n = 0
    while (this.queue.length) {
      if (++n % 64 === 0 && stop()) return false
      const key = this.queue.pop()!
      this.queued.delete(key)
      this.index(key)
    }
    return true
  }

  /**
   * The events holding every word of `text`, or null until the index is ready or when there are
   * no words. The same answer object is returned until the document changes, so that callers can
   * tell an unchanged answer by identity.
   */
  search(text: string): SearchAnswer | null {
    const terms = searchTerms(text)
    // A few edited events are indexed on the spot; a whole document waits for its build.
    if (this.queue.length <= SMALL_BACKLOG) this.indexSome()
    if (!terms.length || !this.ready) return null
    const cacheKey = terms.join(' ')
    let answer = this.answers.get(cacheKey)
    if (!answer) {
      answer = this.answer(terms)
      if (this.answers.size > 32) this.answers.clear()
      this.answers.set(cacheKey, answer)
    }
    return answer
  }

  private answer(terms: string[]): SearchAnswer {
    let keys: KeySet | null = null
    for (const term of new Set(terms)) {
      const found = this.keysWith(term)
      keys = keys ? keys.and(found) : found
    }
    const found = keys!
    return {
      count: found.size,
      keys: found,
      matchesKey: (key) => found.has(key),
      matches: (item) => {
        const key = this.keyOf(item.id)
        return key !== undefined && found.has(key)
      }
    }
  }

  /** The live events holding `term` inside one of their words. */
  private keysWith(term: string): KeySet {
    if (term.length === 1 && this.charsMade) {
      // A copy: the kept bits change with the next edit, an answer given out does not.
      const kept = this.charKeys.get(term)
      return kept ? new KeySet(0, kept.bits.slice()) : new KeySet(this.liveSlot.length)
    }
    const keys = new KeySet(this.liveSlot.length)
    // A word in more events than the set has 32-bit cells is cheaper to OR as bits than to walk.
    const many = Math.max(64, keys.cells)
    for (const id of this.wordsWith(term)) {
      if (this.postingCount(id) > many) keys.orWith(this.wordKeys[id] ?? this.cacheKeysOf(id))
      else this.addLiveKeys(id, keys)
    }
    return keys
  }

  private postingCount(id: number): number {
    const base = id < this.baseWords ? this.baseStarts[id + 1]! - this.baseStarts[id]! : 0
    return base + (this.postings[id]?.length ?? 0)
  }

  private cacheKeysOf(id: number): KeySet {
    const keys = new KeySet(this.liveSlot.length)
    this.addLiveKeys(id, keys)
    this.wordKeys[id] = keys
    this.withKeys.add(id)
    return keys
  }

  /** Adds the events whose current version holds word `id`. */
  private addLiveKeys(id: number, keys: KeySet): void {
    const { slotKey, liveSlot } = this
    if (id < this.baseWords)
      for (let at = this.baseStarts[id]!, end = this.baseStarts[id + 1]!; at < end; at++) {
        const slot = this.baseSlots[at]!
        const key = slotKey[slot]!
        if (liveSlot[key] === slot) keys.add(key)
      }
    for (const slot of this.postings[id] ?? []) {
      const key = slotKey[slot]!
      if (liveSlot[key] === slot) keys.add(key)
    }
  }

  /** The ids of the words holding `term`: from a remembered term it extends when there is one. */
  private wordsWith(term: string): number[] {
    let entry = this.termWords.get(term)
    if (!entry) {
      let narrowest: { ids: number[]; upTo: number } | undefined
      for (const [known, words] of this.termWords)
        if (term.includes(known) && (!narrowest || words.ids.length < narrowest.ids.length)) narrowest = words
      const ids = narrowest ? narrowest.ids.filter((id) => this.words[id]!.includes(term)) : []
      entry = { ids, upTo: narrowest ? narrowest.upTo : 0 }
      if (this.termWords.size >= REMEMBERED_TERMS) this.termWords.clear()
      this.termWords.set(term, entry)
    }
    // Words first seen since (an edit, or the rest of the build) are looked at once.
    const { words } = this
    for (let id = entry.upTo; id < words.length; id++) if (words[id]!.includes(term)) entry.ids.push(id)
    entry.upTo = words.length
    return entry.ids
  }

  /**
   * Work that makes later answers quick, done in slices while `stop()` says no (true when done):
   * mapping adopted words to ids (which an edit needs; done at once on an edit otherwise), the
   * bits of the words found in many events (done on a first search otherwise), and the events of
   * each character (one-character searches gather them from the words until then).
   */
  prepareSome(stop: () => boolean = () => false): boolean {
    const many = Math.max(64, Math.ceil(this.liveSlot.length / 32))
    for (; this.warmed < this.words.length; this.warmed++) {
      if (this.warmed % 256 === 0 && stop()) return false
      if (!this.wordKeys[this.warmed] && this.postingCount(this.warmed) > many) this.cacheKeysOf(this.warmed)
    }
    // Words come after charsUpTo only while this is made: edits then add their events themselves (index).
    for (; this.charsUpTo < this.words.length; this.charsUpTo++) {
      if (this.charsUpTo % 256 === 0 && stop()) return false
      const id = this.charsUpTo
      for (const char of new Set(this.words[id])) {
        const keys = this.charKeysOf(char)
        const bits = this.wordKeys[id]
        if (bits) keys.orWith(bits)
        else this.addLiveKeys(id, keys)
      }
    }
    this.charsMade = true
    return true
  }

  private charKeysOf(char: string): KeySet {
    let keys = this.charKeys.get(char)
    if (!keys) this.charKeys.set(char, (keys = new KeySet(this.liveSlot.length)))
    return keys
  }
  private warmed = 0

  /** A word's id, or undefined for a word no event has had. */
  private idOf(word: string): number | undefined {
    const base = this.baseTable && findWord(this.baseTable, this.words, word)
    return base ?? this.wordIds.get(word)
  }

  private index(key: number): void {
    // The event's previous version leaves the words' and characters' bits; its words now add it back below.
    for (const id of this.withKeys) this.wordKeys[id]!.delete(key)
    for (const keys of this.charKeys.values()) keys.delete(key)
    const item = this.itemOf(key)
    if (!item) {
      this.liveSlot[key] = -1
      return
    }
    const slot = this.slotKey.length
    this.slotKey.push(key)
    this.liveSlot[key] = slot
    for (const word of eventText(item).split(/\s+/)) {
      if (!word) continue
      let id = this.idOf(word)
      if (id === undefined) {
        id = this.words.length
        this.wordIds.set(word, id)
        this.words.push(word)
      }
      if (this.lastSlot[id] === slot) continue
      this.lastSlot[id] = slot
      ;(this.postings[id] ??= []).push(slot)
      this.wordKeys[id]?.add(key)
      // The characters' bits: made for every word, or for those prepareSome has done (it does the rest).
      if (this.charsMade || id < this.charsUpTo) for (const char of word) this.charKeysOf(char).add(key)
    }
  }
}
