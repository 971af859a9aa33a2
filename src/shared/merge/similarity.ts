/**
 * How alike two titles or two lane names are, from 0 (nothing alike) to 1 (the same once case,
 * accents and punctuation are set aside). The edit distance is fastest-levenshtein's; what is
 * ours is the normalising and the way words are compared, so that "Teixeira sentenced: 15 years"
 * and "15 years for Teixeira" are close, and "Leak" is "Leaks".
 */
import { distance } from 'fastest-levenshtein'
import { normalizeText } from '../view/filter'

/** Case, accents, punctuation and spacing aside; words in order. */
export function normalizeWords(text: string): string[] {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
}

/** 1 − edit distance / length of the longer: how much of the longer string survives unchanged. */
function ratio(a: string, b: string): number {
  const longer = Math.max(a.length, b.length)
  if (!longer) return 1
  return 1 - distance(a, b) / longer
}

/** The singular of an English plural, roughly: "actions" → "action", "policies" → "policy". */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/** Two words are the same word when equal, when one abbreviates the other ("intel"), or nearly equal. */
function sameWord(p: string, q: string): boolean {
  const abbreviated = (word: string, other: string) => word.length >= 4 && other.startsWith(word)
  if (p === q || abbreviated(p, q) || abbreviated(q, p)) return true
  // The ratio cannot reach 0.8 when one word is much shorter than the other: no need to measure.
  return Math.min(p.length, q.length) >= 0.8 * Math.max(p.length, q.length) && ratio(p, q) >= 0.8
}

/** How many words of the shorter list have their own match in the longer, in any order. */
function wordsFound(x: string[], y: string[]): { found: number; shorter: number } {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x]
  const unused = long.slice()
  let found = 0
  for (const word of short) {
    const at = unused.findIndex((other) => sameWord(word, other))
    if (at >= 0) {
      found++
      unused.splice(at, 1)
    }
  }
  return { found, shorter: short.length }
}

/** Dice's coefficient over words matched as sameWord says: shared words / all words. */
function wordDice(x: string[], y: string[]): number {
  return (2 * wordsFound(x, y).found) / (x.length + y.length)
}

/** A title normalised once for many comparisons: its words, in order and sorted. */
export interface TitleWords {
  words: string[]
  inOrder: string
  sorted: string
}

export function titleWords(title: string): TitleWords {
  const words = normalizeWords(title)
  return { words, inOrder: words.join(' '), sorted: [...words].sort().join(' ') }
}

/** Two normalised titles' likeness (titleSimilarity without the normalising, for callers that cache it). */
export function similarTitles(x: TitleWords, y: TitleWords): number {
  if (!x.words.length || !y.words.length) return 0
  const inOrder = ratio(x.inOrder, y.inOrder)
  if (inOrder === 1) return 1
  return Math.max(inOrder, ratio(x.sorted, y.sorted), wordDice(x.words, y.words))
}

function similarWords(x: string[], y: string[]): number {
  return similarTitles(
    { words: x, inOrder: x.join(' '), sorted: [...x].sort().join(' ') },
    { words: y, inOrder: y.join(' '), sorted: [...y].sort().join(' ') }
  )
}

/**
 * Two titles' likeness: the best of the edit ratio over the words in order, over the words
 * sorted (a reordered title is still the same title), and the share of words in common.
 */
export function titleSimilarity(a: string, b: string): number {
  const x = normalizeWords(a)
  const y = normalizeWords(b)
  if (!x.length || !y.length) return a.trim() === b.trim() ? 1 : 0
  return similarWords(x, y)
}

const LINKING_WORDS = new Set(['and', 'or', 'of', 'the', 'a', 'an', 'in', 'on', 'for', 'to', 'with', 'by'])

/** A lane name's words that say something, singular. */
function laneWords(name: string): string[] {
  const words = normalizeWords(name)
  const telling = words.filter((word) => !LINKING_WORDS.has(word))
  return (telling.length ? telling : words).map(singular)
}

/**
 * Two lane names' likeness: as titles, with linking words left out and plurals made singular;
 * a name whose every word is in the other ("Leaks" and "Leaks and disclosures") scores at least 0.8.
 */
export function laneSimilarity(a: string, b: string): number {
  const x = laneWords(a)
  const y = laneWords(b)
  if (!x.length || !y.length) return 0
  const { found, shorter } = wordsFound(x, y)
  return Math.max(found === shorter ? 0.8 : 0, similarWords(x, y))
}
