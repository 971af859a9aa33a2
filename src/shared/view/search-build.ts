import { sortByDate } from './date-order'
import { normalizeText } from './filter'

/**
 * A search index's words built in one go, as flat arrays that cross from a worker to the page
 * without a copy: word w occurs in the events at positions slots[starts[w] .. starts[w + 1]).
 * Positions are those of the texts given (SearchIndex.adopt turns them into slots).
 */
export interface BuiltWords {
  words: string[]
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
    return { words: this.words, starts, slots, byDate }
  }
}
