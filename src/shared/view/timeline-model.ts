import type { TimelineDocument, TimelineItem } from '../model/schema'
import { TimeIndex } from './time-index'
import { itemPeriod, type TimeWindow } from './timeline-items'

/**
 * The open document as the timeline needs it: each event under a small numeric key, its period
 * read once, and a time index over those periods. Kept in step with the document by identity
 * (items are replaced, never mutated): an edit costs a pointer comparison per event and an
 * O(n) typed-array shift per changed event, never a re-parse or a re-sort of the whole document.
 */
export class TimelineModel {
  index = new TimeIndex()
  private keys = new Map<string, number>()
  private itemByKey: (TimelineItem | undefined)[] = []
  private startByKey: number[] = []
  private endByKey: number[] = []
  private items: TimelineItem[] = []
  /** Bumped on every change, so callers can tell a stale answer from a fresh one. */
  version = 0

  constructor(doc?: TimelineDocument) {
    if (doc) this.update(doc)
  }

  get size(): number {
    return this.index.size
  }

  /** The span from the earliest start to the latest end; null for a timeline without dates. */
  extent(): TimeWindow | null {
    return this.index.size ? { start: this.index.first, end: this.index.last } : null
  }

  keyOf(id: string): number | undefined {
    return this.keys.get(id)
  }

  item(key: number): TimelineItem | undefined {
    return this.itemByKey[key]
  }

  byId(id: string): TimelineItem | undefined {
    const key = this.keys.get(id)
    return key === undefined ? undefined : this.itemByKey[key]
  }

  /** The event's period as drawn ([start, end) in UTC ms); undefined if it has no readable date. */
  period(key: number): { start: number; end: number } | undefined {
    const start = this.startByKey[key]
    return start === undefined || Number.isNaN(start) ? undefined : { start, end: this.endByKey[key]! }
  }

  /** Brings the model in step with `doc`; returns the keys of events added, changed or removed. */
  update(doc: TimelineDocument): number[] {
    const next = doc.items
    if (next === this.items) return []
    const changed = this.changedPositions(this.items, next)
    const touched: number[] = []
    if (changed === null || changed.length > next.length / 8) {
      this.rebuild(next)
      touched.push(...this.itemByKey.keys())
    } else {
      for (const position of changed) touched.push(...this.apply(position, next))
      this.index.reindex()
    }
    this.items = next
    this.version++
    return touched
  }

  /**
   * Positions where `next` differs from `previous` in a way an edit makes: the same list with a
   * few entries replaced, or with entries appended. Null when the change is anything else.
   */
  private changedPositions(previous: TimelineItem[], next: TimelineItem[]): number[] | null {
    if (!previous.length || next.length < previous.length) return null
    const changed: number[] = []
    for (let i = 0; i < previous.length; i++) {
      if (previous[i] === next[i]) continue
      if (previous[i]!.id !== next[i]!.id) return null
      changed.push(i)
    }
    for (let i = previous.length; i < next.length; i++) changed.push(i)
    return changed
  }

  private apply(position: number, next: TimelineItem[]): number[] {
    const item = next[position]!
    let key = this.keys.get(item.id)
    if (key !== undefined) {
      const start = this.startByKey[key]!
      if (!Number.isNaN(start)) this.index.remove(key, start)
    } else {
      key = this.itemByKey.length
      this.keys.set(item.id, key)
    }
    this.put(key, item)
    const start = this.startByKey[key]!
    if (!Number.isNaN(start)) this.index.insert(key, start, this.endByKey[key]!)
    return [key]
  }

  private put(key: number, item: TimelineItem): void {
    const period = itemPeriod(item)
    this.itemByKey[key] = item
    this.startByKey[key] = period ? period.start : NaN
    this.endByKey[key] = period ? period.end : NaN
  }

  private rebuild(items: TimelineItem[]): void {
    const alive = new Set<number>()
    for (const item of items) {
      let key = this.keys.get(item.id)
      if (key === undefined) {
        key = this.itemByKey.length
        this.keys.set(item.id, key)
      }
      alive.add(key)
      this.put(key, item)
    }
    // Removed events keep their key (keys are never reused) but leave the maps and the index.
    for (const [id, key] of this.keys)
      if (!alive.has(key)) {
        this.keys.delete(id)
        this.itemByKey[key] = undefined
        this.startByKey[key] = this.endByKey[key] = NaN
      }
    const starts: number[] = []
    const ends: number[] = []
    const keys: number[] = []
    for (const key of alive) {
      const start = this.startByKey[key]!
      if (Number.isNaN(start)) continue
      starts.push(start)
      ends.push(this.endByKey[key]!)
      keys.push(key)
    }
    this.index = TimeIndex.build(starts, ends, keys)
  }
}
