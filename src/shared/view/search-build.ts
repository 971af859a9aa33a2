import { sortByDate } from './date-order'
import { normalizeText } from './filter'

/**
 * A search index's words built in one go, as flat arrays that cross from a worker to the page
 * without a copy: word w occurs in the events at positions slots[starts[w] .. starts[w + 1]).
 * Positions are those of the texts given (SearchIndex.adopt turns them into slots).
 */
export interface BuiltWords {
  words: string[]
  /** The words by hash (findWord): a word's id without a map of every word made on the page. */
  table: Int32Array
  starts: Int32Array
  slots: Int32Array
  /** The positions in date order (DateOrder's order). */
  byDate: Int32Array
}

/** The next events, position by position: their text as written (null: gone) and start. */
export interface EventTexts {
  texts: (string | null)[]
  /** Where each starts as drawn (UTC ms), NaN without a date. */
  starts: number[]
  /** Each start as written. */
  startTexts: string[]
}

/** Collects the words of event texts (as written: eventSource) position by position. */
export class WordsBuilder {
  private ids = new Map<string, number>()
  private words: string[] = []
  private postings: number[][] = []
  private lastPosition: number[] = []
  private position = 0
  private dated: number[] = []
  private startOf: number[] = []
  private startText: string[] = []

  /** Adds the next events. */
  add({ texts, starts, startTexts }: EventTexts): void {
    for (const [i, text] of texts.entries()) {
      const position = this.position++
      if (text === null) continue
      this.dated.push(position)
      this.startOf[position] = starts[i]!
      this.startText[position] = startTexts[i]!
      for (const word of normalizeText(text).split(/\s+/)) {
        if (!word) continue
        let id = this.ids.get(word)
        if (id === undefined) {
          id = this.words.length
          this.ids.set(word, id)
          this.words.push(word)
          this.postings.push([])
          this.lastPosition.push(-1)
        }
        if (this.lastPosition[id] === position) continue
        this.lastPosition[id] = position
        this.postings[id]!.push(position)
      }
    }
  }

  build(): BuiltWords {
    const starts = new Int32Array(this.words.length + 1)
    let total = 0
    this.postings.forEach((positions, id) => {
      starts[id] = total
      total += positions.length
    })
    starts[this.words.length] = total
    const slots = new Int32Array(total)
    this.postings.forEach((positions, id) => slots.set(positions, starts[id]))
    const byDate = Int32Array.from(
      sortByDate(
        this.dated,
        (at) => this.startOf[at]!,
        (at) => this.startText[at]!
      )
    )
    return { words: this.words, table: wordTable(this.words), starts, slots, byDate }
  }
}

/** FNV-1a over a word's UTF-16 code units: where the word goes in a word table. */
function wordHash(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** An open-addressing table of `words` by hash, at most half full: each word's id + 1 at its place, 0 where none. */
function wordTable(words: readonly string[]): Int32Array {
  const table = new Int32Array(2 ** Math.ceil(Math.log2(2 * words.length + 2)))
  const mask = table.length - 1
  words.forEach((word, id) => {
    let at = wordHash(word) & mask
    while (table[at]) at = (at + 1) & mask
    table[at] = id + 1
  })
  return table
}

/** The id of `word` in the words a table was made of (wordTable), or undefined. */
export function findWord(table: Int32Array, words: readonly string[], word: string): number | undefined {
  const mask = table.length - 1
  for (let at = wordHash(word) & mask; table[at]; at = (at + 1) & mask)
    if (words[table[at]! - 1] === word) return table[at]! - 1
  return undefined
}
