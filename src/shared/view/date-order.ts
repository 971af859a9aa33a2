import type { TimelineItem } from '../model/schema'

/**
 * The events' keys in date order — by where each starts as drawn (the timeline model's start,
 * which the list view sorts by too), then by the start as written ("2022" before "2022-02"),
 * then by key (document order for a document as opened); events without a date last — kept per
 * edit: a results list takes its first page by walking this order and stopping once the page is
 * full, instead of sorting every match on every keystroke.
 *
 * Changed keys wait in `pending` until the order is read: a few are moved one by one (found,
 * taken out, put back by binary search); many at once are sorted again (or `adopt`ed from the
 * search worker, which sorts a whole document off the main thread).
 */
export class DateOrder {
  private order: number[] = []
  private pending = new Set<number>()

  constructor(
    private readonly itemOf: (key: number) => TimelineItem | undefined,
    /** Where the event starts (UTC ms), NaN without a readable date. */
    private readonly startOf: (key: number) => number
  ) {}

  /** Events (by key) added, changed or removed: placed again before the order is next read. */
  update(keys: Iterable<number>): void {
    for (const key of keys) this.pending.add(key)
  }

  /**
   * The order sorted elsewhere (`sortByDate` in the search worker); `changedSince` are the keys
   * added, changed or removed after it was read, placed again here.
   */
  adopt(order: ArrayLike<number>, changedSince: Iterable<number>): void {
    this.order = Array.from(order)
    this.pending = new Set(changedSince)
  }

  /** Up to `limit` keys that `accept` takes, earliest first. */
  first(limit: number, accept: (key: number) => boolean): number[] {
    this.settle()
    const out: number[] = []
    for (let i = 0; i < this.order.length && out.length < limit; i++) {
      const key = this.order[i]!
      if (accept(key)) out.push(key)
    }
    return out
  }

  /** Every key, earliest first. */
  keys(): readonly number[] {
    this.settle()
    return this.order
  }

  private settle(): void {
    if (!this.pending.size) return
    if (this.pending.size > this.order.length / 8 + 32) {
      const keys = new Set(this.order)
      for (const key of this.pending) keys.add(key)
      this.order = sortByDate(
        [...keys].filter((key) => this.itemOf(key)),
        this.startOf,
        (key) => this.itemOf(key)!.start
      )
    } else {
      // Out first, all of them: then every key left sits where its current dates put it.
      const moved = new Set(this.pending)
      this.order = this.order.filter((key) => !moved.has(key))
      for (const key of moved) if (this.itemOf(key)) this.order.splice(this.lowerBound(key), 0, key)
    }
    this.pending.clear()
  }

  private lowerBound(key: number): number {
    const { startOf } = this
    const start = this.itemOf(key)!.start
    let [low, high] = [0, this.order.length]
    while (low < high) {
      const middle = (low + high) >>> 1
      const other = this.order[middle]!
      const before = compareDates(startOf(other), this.itemOf(other)!.start, other, startOf(key), start, key) < 0
      if (before) low = middle + 1
      else high = middle
    }
    return low
  }
}

function compareDates(a: number, aText: string, aKey: number, b: number, bText: string, bKey: number): number {
  const [x, y] = [Number.isNaN(a) ? Infinity : a, Number.isNaN(b) ? Infinity : b]
  if (x !== y) return x < y ? -1 : 1
  if (aText !== bText) return aText < bText ? -1 : 1
  return aKey - bKey
}

/**
 * Keys in DateOrder's order. Events are grouped by their start as written, and only the groups
 * are sorted: a few thousand distinct days for 100,000 events.
 */
export function sortByDate(
  keys: ArrayLike<number>,
  startOf: (key: number) => number,
  startText: (key: number) => string
): number[] {
  const groups = new Map<string, number[]>()
  for (const key of Int32Array.from(keys).sort()) {
    const text = startText(key)
    const group = groups.get(text)
    if (group) group.push(key)
    else groups.set(text, [key])
  }
  // The keys of a group share their start as written, hence as drawn: the first one tells.
  const sorted = [...groups.values()].sort((a, b) => {
    const [p, q] = [a[0]!, b[0]!]
    return compareDates(startOf(p), startText(p), p, startOf(q), startText(q), q)
  })
  return sorted.flat()
}
