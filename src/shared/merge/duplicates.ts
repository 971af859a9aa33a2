/**
 * Likely duplicates: one of their events that matched none of mine (by id, provenance or exact
 * title and date) but whose dates overlap one of mine, or come within a few days of it, and whose
 * title is similar (similarity.ts). Each of their events gets at most one of mine and each of mine
 * at most one of theirs, the most alike pairs first. Dates are compared as the periods they stand
 * for at their precision: "2014-04" overlaps 12 April 2014.
 */
import { parsePeriod, type Period } from '../model/dates'
import type { TimelineItem } from '../model/schema'
import { titleSimilarity } from './similarity'

/** Titles at least this alike, on overlapping dates, make a likely duplicate. */
export const TITLE_SIMILARITY_THRESHOLD = 0.7
/** How far apart two dates may be and still be "the same day" of an event told by two people. */
const WINDOW_MS = 2 * 24 * 3600 * 1000
const YEAR_MS = 365.25 * 24 * 3600 * 1000
/** A range longer than this many years is checked against everything rather than indexed by year. */
const MAX_INDEXED_YEARS = 30

export interface LikelyDuplicate {
  /** Index of their event in the list given. */
  theirs: number
  mine: TimelineItem
  score: number
}

function period(item: TimelineItem): Period | null {
  const start = parsePeriod(item.start, item.precision)
  if (!start) return null
  const end = item.end ? parsePeriod(item.end, item.precision) : null
  return { start: start.start, end: Math.max(start.end, end?.end ?? start.end) }
}

const yearOf = (ms: number) => Math.floor(ms / YEAR_MS)

/** My events by the years their periods touch, so that each of theirs is compared with few of mine. */
class YearIndex {
  private readonly byYear = new Map<number, number[]>()
  private readonly long: number[] = []

  constructor(periods: (Period | null)[]) {
    periods.forEach((p, index) => {
      if (!p) return
      const [first, last] = [yearOf(p.start), yearOf(p.end)]
      if (last - first > MAX_INDEXED_YEARS) return this.long.push(index)
      for (let year = first; year <= last; year++) {
        const list = this.byYear.get(year)
        if (list) list.push(index)
        else this.byYear.set(year, [index])
      }
    })
  }

  near(p: Period): Set<number> {
    const found = new Set(this.long)
    const [first, last] = [yearOf(p.start - WINDOW_MS), yearOf(p.end + WINDOW_MS)]
    for (let year = first; year <= Math.min(last, first + MAX_INDEXED_YEARS); year++)
      for (const index of this.byYear.get(year) ?? []) found.add(index)
    return found
  }
}

/** Likely duplicates between their unmatched events and mine, sorted by their index. */
export function findLikelyDuplicates(theirs: TimelineItem[], mine: TimelineItem[]): LikelyDuplicate[] {
  if (!theirs.length || !mine.length) return []
  const minePeriods = mine.map(period)
  const index = new YearIndex(minePeriods)
  const candidates: { theirs: number; mine: number; score: number }[] = []
  theirs.forEach((item, t) => {
    const p = period(item)
    if (!p) return
    for (const m of index.near(p)) {
      const q = minePeriods[m]!
      if (p.start >= q.end + WINDOW_MS || q.start >= p.end + WINDOW_MS) continue
      const score = titleSimilarity(item.title, mine[m]!.title)
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
