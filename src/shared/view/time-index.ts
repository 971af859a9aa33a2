/**
 * "Which events overlap [a, b)?" in O(log n + k), without a scan: intervals sorted by start in
 * typed arrays, with an implicit interval tree over that order (each node keeps the largest end
 * below it), after Heng Li's cgranges (https://github.com/lh3/cgranges). Pure and DOM-free.
 *
 * Entries carry a numeric key (the caller's handle for the event). Intervals are half-open:
 * [start, end) overlaps [a, b) when start < b and end > a; an interval with end === start is a
 * moment and overlaps [a, b) when a <= start < b.
 */
export class TimeIndex {
  private starts: Float64Array
  private ends: Float64Array
  private keys: Int32Array
  private maxEnds: Float64Array
  private levels = 0
  private latestEnd = -Infinity
  /** The entry that ended last was removed: the latest end is found again with the tree. */
  private latestGone = false
  /** Entries were inserted or removed since the tree was made: it is made again when next read. */
  private stale = false
  size = 0

  constructor(capacity = 16) {
    this.starts = new Float64Array(capacity)
    this.ends = new Float64Array(capacity)
    this.keys = new Int32Array(capacity)
    this.maxEnds = new Float64Array(capacity)
  }

  /** An index of the given intervals (parallel arrays), sorted once. */
  static build(starts: ArrayLike<number>, ends: ArrayLike<number>, keys: ArrayLike<number>): TimeIndex {
    const n = starts.length
    const order = new Int32Array(n)
    for (let i = 0; i < n; i++) order[i] = i
    const before = (a: number, b: number) => starts[a]! - starts[b]! || keys[a]! - keys[b]!
    // Given in order (a timeline's outline is written so), the sort is a check.
    let sorted = true
    for (let i = 1; i < n && sorted; i++) sorted = before(i - 1, i) < 0
    if (!sorted) order.sort(before)
    // Room to grow: the first event added after opening does not copy every array.
    const index = new TimeIndex(Math.max(16, n + (n >> 3)))
    for (let i = 0; i < n; i++) {
      const from = order[i]!
      index.starts[i] = starts[from]!
      index.ends[i] = Math.max(ends[from]!, starts[from]!)
      index.keys[i] = keys[from]!
    }
    index.size = n
    index.reindex()
    return index
  }

  /** Earliest start, or NaN when empty. */
  get first(): number {
    return this.size ? this.starts[0]! : NaN
  }

  /** Latest end, or NaN when empty. */
  get last(): number {
    // Kept by each insert, so that an added event (Ctrl+E) does not have its task make the tree.
    if (this.latestGone) this.fresh()
    return this.size ? this.latestEnd : NaN
  }

  /** Calls `visit(key, start, end)` for every entry overlapping [a, b), in start order. */
  query(a: number, b: number, visit: (key: number, start: number, end: number) => void): void {
    const { starts, ends, keys } = this
    // Every entry starting in [a, b) overlaps it: one run in start order. At "fit all" that run is
    // every event, so the loop is compiled by the time the user zooms in; the tree walk that did
    // this part ran for the first time on the first zoom-in, 15–20 ms of that frame at 100,000 events.
    const from = this.lowerBound(a)
    const to = this.lowerBound(b)
    // Before them, those that start earlier and reach into the window: the tree finds them.
    if (from > 0) {
      this.fresh()
      this.reaching(a, visit)
    }
    for (let i = from; i < to; i++) visit(keys[i]!, starts[i]!, ends[i]!)
  }

  /** Calls `visit` for every entry starting before `a` and ending after it, in start order. */
  private reaching(a: number, visit: (key: number, start: number, end: number) => void): void {
    const { starts, ends, keys, maxEnds, size: n } = this
    // A stack of (node, level, whether its left side is done), as three parallel arrays.
    const stackX: number[] = []
    const stackK: number[] = []
    const stackW: number[] = []
    const push = (x: number, k: number, w: number) => {
      stackX.push(x)
      stackK.push(k)
      stackW.push(w)
    }
    push((1 << this.levels) - 1, this.levels, 0)
    while (stackX.length) {
      const x = stackX.pop()!
      const k = stackK.pop()!
      const w = stackW.pop()!
      if (k <= 3) {
        // A small subtree: scan it in order, stopping at the first start at or past a.
        const i0 = (x >> k) << k
        const i1 = Math.min(n, i0 + (1 << (k + 1)) - 1)
        for (let i = i0; i < i1 && starts[i]! < a; i++) if (ends[i]! > a) visit(keys[i]!, starts[i]!, ends[i]!)
      } else if (w === 0) {
        push(x, k, 1)
        const left = x - (1 << (k - 1))
        // The left subtree only if something in it ends after a (or it is partly past the end).
        if (left >= n || maxEnds[left]! > a) push(left, k - 1, 0)
      } else if (x < n && starts[x]! < a) {
        if (ends[x]! > a) visit(keys[x]!, starts[x]!, ends[x]!)
        push(x + (1 << (k - 1)), k - 1, 0)
      }
    }
  }

  /** How many entries overlap [a, b). */
  count(a: number, b: number): number {
    let count = 0
    this.query(a, b, () => count++)
    return count
  }

  /** Takes out the entry with this key and start; false when there is none. O(n) copy, no sort. */
  remove(key: number, start: number): boolean {
    let i = this.lowerBound(start)
    while (i < this.size && this.starts[i] === start && this.keys[i] !== key) i++
    if (i >= this.size || this.keys[i] !== key) return false
    if (this.ends[i] === this.latestEnd) this.latestGone = true
    this.starts.copyWithin(i, i + 1, this.size)
    this.ends.copyWithin(i, i + 1, this.size)
    this.keys.copyWithin(i, i + 1, this.size)
    this.size--
    this.stale = true
    return true
  }

  /** Puts in one entry at its place in start order. O(n) copy, no sort. */
  insert(key: number, start: number, end: number): void {
    if (this.size === this.starts.length) this.grow()
    const i = this.lowerBound(start)
    this.starts.copyWithin(i + 1, i, this.size)
    this.ends.copyWithin(i + 1, i, this.size)
    this.keys.copyWithin(i + 1, i, this.size)
    this.starts[i] = start
    this.ends[i] = Math.max(start, end)
    this.keys[i] = key
    this.latestEnd = Math.max(this.latestEnd, this.ends[i])
    this.size++
    this.stale = true
  }

  /**
   * The tree as of the last remove/insert, made when it is next read: an edit's own task (the
   * model updated for a keystroke or a drop) does not pay the O(n) pass, the next frame's query does.
   */
  private fresh(): void {
    if (this.stale) this.reindex()
  }

  /** Rebuilds the tree's largest-end values after remove/insert: O(n), no allocation. */
  private reindex(): void {
    this.stale = this.latestGone = false
    const { ends, maxEnds, size: n } = this
    if (!n) {
      this.levels = 0
      return
    }
    let latest = -Infinity
    for (let i = 0; i < n; i++) if (ends[i]! > latest) latest = ends[i]!
    this.latestEnd = latest
    let lastIndex = 0
    let last = 0
    for (let i = 0; i < n; i += 2) {
      lastIndex = i
      last = maxEnds[i] = ends[i]!
    }
    let k = 1
    for (; 1 << k <= n; k++) {
      const x = 1 << (k - 1)
      const step = x << 2
      for (let i = (x << 1) - 1; i < n; i += step) {
        const left = maxEnds[i - x]!
        const right = i + x < n ? maxEnds[i + x]! : last
        maxEnds[i] = Math.max(ends[i]!, left, right)
      }
      lastIndex = (lastIndex >> k) & 1 ? lastIndex - x : lastIndex + x
      if (lastIndex < n && maxEnds[lastIndex]! > last) last = maxEnds[lastIndex]!
    }
    this.levels = k - 1
  }

  private lowerBound(start: number): number {
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.starts[mid]! < start) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private grow(): void {
    const size = this.starts.length * 2
    const grown = (from: Float64Array) => {
      const to = new Float64Array(size)
      to.set(from)
      return to
    }
    this.starts = grown(this.starts)
    this.ends = grown(this.ends)
    this.maxEnds = new Float64Array(size)
    const keys = new Int32Array(size)
    keys.set(this.keys)
    this.keys = keys
  }
}

/** Whether [start, end) overlaps [a, b), by TimeIndex's rule: a moment (end === start) when a <= start < b. */
export function overlaps(start: number, end: number, a: number, b: number): boolean {
  return start < b && (end > a || (end === start && start >= a))
}
