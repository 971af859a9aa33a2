/**
 * Likely duplicates: one of their events that matched none of mine (by id, provenance or exact
 * title and date) but whose dates overlap one of mine, or come within a few days of it, and whose
 * title is similar (similarity.ts). Each of their events gets at most one of mine and each of mine
 * at most one of theirs, the most alike pairs first. Dates are compared as the periods they stand
 * for at their precision: "2014-04" overlaps 12 April 2014.
 */
import { parsePeriod, type Period } from '../model/dates'
import type { TimelineItem } from '../model/schema'
import { similarTitles, titleWords, type TitleWords } from './similarity'

/** Titles at least this alike, on overlapping dates, make a likely duplicate. */
export const TITLE_SIMILARITY_THRESHOLD = 0.7
/** How far apart two dates may be and still be "the same day" of an event told by two people. */
const WINDOW_MS = 2 * 24 * 3600 * 1000
/** Events up to this long are indexed by start; longer ones are checked against every event of theirs. */
const MAX_SHORT_MS = 366 * 24 * 3600 * 1000

export interface LikelyDuplicate {
  /** Index of their event in the list given. */
  theirs: number
  mine: TimelineItem
  score: number
}

function period(item: TimelineItem): Period | null {
  const start = parsePeriod(item.start)
  if (!start) return null
  const end = item.end ? parsePeriod(item.end) : null
  return { start: start.start, end: Math.max(start.end, end?.end ?? start.end) }
}

/**
 * My events by start, so that each of theirs is compared only with those that can overlap it:
 * events up to a year long are found by binary search on their start; longer ones (few) are
 * checked against every event of theirs.
 */
class StartIndex {
  private readonly short: { start: number; index: number }[] = []
  private readonly long: number[] = []
  /** The longest of the short ones: how far before p a start can be and still overlap it. */
  private longestShort = 0

  constructor(periods: (Period | null)[]) {
    periods.forEach((p, index) => {
      if (!p) return
      if (p.end - p.start > MAX_SHORT_MS) return this.long.push(index)
      this.short.push({ start: p.start, index })
      this.longestShort = Math.max(this.longestShort, p.end - p.start)
    })
    this.short.sort((a, b) => a.start - b.start)
  }

  /** My events whose start is close enough to overlap p (the caller checks the overlap). */
  *near(p: Period): Generator<number> {
    yield* this.long
    const from = p.start - WINDOW_MS - this.longestShort
    const to = p.end + WINDOW_MS
    let low = 0
    let high = this.short.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.short[mid]!.start < from) low = mid + 1
      else high = mid
    }
    for (let at = low; at < this.short.length && this.short[at]!.start < to; at++) yield this.short[at]!.index
  }
}

/** Likely duplicates between their unmatched events and mine, sorted by their index. */
export function findLikelyDuplicates(theirs: TimelineItem[], mine: TimelineItem[]): LikelyDuplicate[] {
  if (!theirs.length || !mine.length) return []
  const minePeriods = mine.map(period)
  const index = new StartIndex(minePeriods)
  // Each title normalised once, not once per pair compared.
  const mineWords: (TitleWords | undefined)[] = []
  const candidates: { theirs: number; mine: number; score: number }[] = []
  theirs.forEach((item, t) => {
    const p = period(item)
    if (!p) return
    const words = titleWords(item.title)
    for (const m of index.near(p)) {
      const q = minePeriods[m]!
      if (p.start >= q.end + WINDOW_MS || q.start >= p.end + WINDOW_MS) continue
      const score = similarTitles(words, (mineWords[m] ??= titleWords(mine[m]!.title)))
      if (score >= TITLE_SIMILARITY_THRESHOLD) candidates.push({ theirs: t, mine: m, score })
    }
  })
  // The most alike first; ties go to the earlier event of theirs, then of mine (a stable result).
  candidates.sort((a, b) => b.score - a.score || a.theirs - b.theirs || a.mine - b.mine)
  const takenTheirs = new Set<number>()
  const takenMine = new Set<number>()
  const found: LikelyDuplicate[] = []
  for (const candidate of candidates) {
    if (takenTheirs.has(candidate.theirs) || takenMine.has(candidate.mine)) continue
    takenTheirs.add(candidate.theirs)
    takenMine.add(candidate.mine)
    found.push({ theirs: candidate.theirs, mine: mine[candidate.mine]!, score: round(candidate.score) })
  }
  return found.sort((a, b) => a.theirs - b.theirs)
}

const round = (score: number) => Math.round(score * 1000) / 1000
