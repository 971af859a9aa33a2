import { CONFIDENCES, type TimelineDocument, type TimelineItem } from '../model/schema'
import { TimeIndex } from './time-index'
import { readDate } from '../model/dates'
import { compileFilter, isFilterActive, type ItemFilter } from './filter'
import { KeySet } from './key-set'
import { outlineItem, type Outline } from './outline'
import type { TimeWindow } from './timeline-items'

export const HAS_NOTES = 1
export const CONFIRMED = 2

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
  // Read for every event in view at "fit all": kept beside the events so that the loop there
  // touches small arrays, not 100,000 objects scattered over the heap.
  private laneByKey: string[] = []
  /** Lanes by a small number, so that hot loops compare numbers, not id strings. */
  private laneNumbers = new Map<string, number>()
  private laneNumberByKey: number[] = []
  private flagsByKey: number[] = []
  private items: TimelineItem[] = []
  /** How many events carry each tag, are in each lane, have each confidence: kept per edit, not counted per read. */
  readonly tags = new Tally()
  readonly lanes = new Tally()
  readonly confidences = new Tally()
  /** Notes per lane. */
  readonly laneNotes = new Tally()
  /** Bumped on every change, so callers can tell a stale answer from a fresh one. */
  version = 0
  /** Set for the model of an outline: its events are made from it when first read. */
  private outline: Outline | null = null

  constructor(doc?: TimelineDocument) {
    if (doc) this.update(doc)
  }

  /**
   * The model of a large timeline's outline (outline.ts), to draw while the timeline opens: built
   * from its columns, with the periods read when it was written, and never updated (the document,
   * once here, gets a model of its own). An event's object is made only when it is read.
   */
  static ofOutline(outline: Outline): TimelineModel {
    const model = new TimelineModel()
    const { events, groups } = outline
    const count = events.id.length
    model.outline = outline
    model.itemByKey = new Array(count)
    groups.forEach((group, at) => model.laneNumbers.set(group.id, at))
    const laneCounts = new Array<number>(groups.length).fill(0)
    const laneNotes = new Array<number>(groups.length).fill(0)
    const confidenceCounts = new Array<number>(CONFIDENCES.length).fill(0)
    const confirmed = CONFIDENCES.indexOf('confirmed')
    const starts = new Float64Array(count)
    const ends = new Float64Array(count)
    const keys = new Int32Array(count)
    let dated = 0
    for (let key = 0; key < count; key++) {
      const lane = events.lane[key]!
      const notes = events.notes[key]!
      const from = events.from[key] ?? NaN
      const to = events.to[key] ?? NaN
      model.laneByKey[key] = groups[lane]!.id
      model.laneNumberByKey[key] = lane
      model.flagsByKey[key] = (notes ? HAS_NOTES : 0) | (events.confidence[key] === confirmed ? CONFIRMED : 0)
      model.startByKey[key] = from
      model.endByKey[key] = to
      laneCounts[lane] = laneCounts[lane]! + 1
      laneNotes[lane] = laneNotes[lane]! + notes
      confidenceCounts[events.confidence[key]!] = confidenceCounts[events.confidence[key]!]! + 1
      if (Number.isNaN(from) || Number.isNaN(to)) continue
      starts[dated] = from
      ends[dated] = to
      keys[dated++] = key
    }
    groups.forEach((group, at) => {
      if (laneCounts[at]) model.lanes.add(group.id, laneCounts[at]!)
      if (laneNotes[at]) model.laneNotes.add(group.id, laneNotes[at]!)
    })
    CONFIDENCES.forEach((confidence, at) => {
      if (confidenceCounts[at]) model.confidences.add(confidence, confidenceCounts[at]!)
    })
    model.index = TimeIndex.build(starts.subarray(0, dated), ends.subarray(0, dated), keys.subarray(0, dated))
    model.version++
    return model
  }

  /**
   * The model of `doc`, as `new TimelineModel(doc)` makes it, but `perPart` events a task with
   * `pause` awaited between parts: at 100,000 events the whole is 0.2 s of work, one task that
   * froze the window while it showed the timeline's outline.
   */
  static async ofDocument(doc: TimelineDocument, pause: () => Promise<void>, perPart = 10_000): Promise<TimelineModel> {
    const model = new TimelineModel()
    const { items } = doc
    const alive = new Uint8Array(items.length)
    for (let first = 0; first < items.length; first += perPart) {
      if (first) await pause()
      model.place(items.slice(first, first + perPart), alive)
    }
    model.finishRebuild(items, alive)
    model.items = items
    model.version++
    return model
  }

  get size(): number {
    return this.index.size
  }

  /** One more than the largest key ever given: arrays indexed by key have this length. */
  get keyCount(): number {
    return this.itemByKey.length
  }

  /** The span from the earliest start to the latest end; null for a timeline without dates. */
  extent(): TimeWindow | null {
    return this.index.size ? { start: this.index.first, end: this.index.last } : null
  }

  /**
   * An event's key by its id. An outline's events made so far (the drawn ones) are found at once;
   * the whole outline is keyed by id only when another one is asked for, never for a first paint.
   */
  keyOf(id: string): number | undefined {
    const key = this.keys.get(id)
    // Every event keyed (ids are unique): a miss is an id the outline does not have.
    if (key !== undefined || !this.outline || this.keys.size === this.itemByKey.length) return key
    this.outline.events.id.forEach((each, at) => this.keys.set(each, at))
    return this.keys.get(id)
  }

  /**
   * An event's key when it is at hand: any event's in a document's model; in an outline's, only
   * that of an event already made (a drawn one) or once the whole outline is keyed. The timeline
   * asks this for the events it drew and selected, which just after another timeline was open are
   * that timeline's: each of those misses keyed all 100,000 ids of the new one's outline.
   */
  keyAtHand(id: string): number | undefined {
    return this.outline ? this.keys.get(id) : this.keyOf(id)
  }

  item(key: number): TimelineItem | undefined {
    const item = this.itemByKey[key]
    if (item || !this.outline || !(key >= 0 && key < this.itemByKey.length)) return item
    const made = outlineItem(this.outline, key)
    this.keys.set(made.id, key)
    return (this.itemByKey[key] = made)
  }

  byId(id: string): TimelineItem | undefined {
    return this.itemWith(this.keyOf(id))
  }

  /** The event by its id when its key is at hand (keyAtHand): the timeline's look-ups of what it drew. */
  itemAtHand(id: string): TimelineItem | undefined {
    return this.itemWith(this.keyAtHand(id))
  }

  private itemWith(key: number | undefined): TimelineItem | undefined {
    return key === undefined ? undefined : this.item(key)
  }

  /** The event's lane id. */
  laneOf(key: number): string | undefined {
    return this.laneByKey[key]
  }

  /** The event's lane as a number (see laneNumber); -1 if there is no such event. */
  laneNumberOf(key: number): number {
    return this.laneNumberByKey[key] ?? -1
  }

  /** A lane id's number, the same for as long as the model lives; undefined for a lane no event was ever in. */
  laneNumber(laneId: string): number | undefined {
    return this.laneNumbers.get(laneId)
  }

  /** Whether the event has notes (HAS_NOTES) and is confirmed (CONFIRMED), as bits. */
  flagsOf(key: number): number {
    return this.flagsByKey[key] ?? 0
  }

  /** Where the event starts (UTC ms), NaN without a readable date: no object made, for loops over many. */
  startOf(key: number): number {
    return this.startByKey[key] ?? NaN
  }

  /** The event's period as drawn ([start, end) in UTC ms); undefined if it has no readable date. */
  period(key: number): { start: number; end: number } | undefined {
    const start = this.startByKey[key]
    return start === undefined || Number.isNaN(start) ? undefined : { start, end: this.endByKey[key]! }
  }

  /**
   * The keys of the events through `filter`, given the search index's answer for its text (null
   * when it has none yet). Lanes, notes and the text are read from the model's arrays and that
   * answer; an event's object is read only for what they cannot tell (tags, confidence, dates).
   * A filter toggle at 100,000 events took 20–27 ms testing every event's object; this takes a
   * few.
   */
  keysThrough(filter: ItemFilter, textKeys: KeySet | null): KeySet {
    const { groupIds, hasNotes, text, ...rest } = filter
    const lanes = groupIds?.length ? new Set(groupIds.map((id) => this.laneNumbers.get(id) ?? -1)) : null
    const others =
      isFilterActive(rest) || (text?.trim() && !textKeys) ? compileFilter(textKeys ? rest : { ...rest, text }) : null
    const keys = new KeySet(this.keyCount)
    for (let key = 0; key < this.keyCount; key++) {
      if (lanes && !lanes.has(this.laneNumberByKey[key]!)) continue
      if (hasNotes && !(this.flagsByKey[key]! & HAS_NOTES)) continue
      if (textKeys && !textKeys.has(key)) continue
      // A removed event keeps its key (and its lane and flags) but not its object.
      if (!this.outline && this.itemByKey[key] === undefined) continue
      if (others && !others(this.item(key)!)) continue
      keys.add(key)
    }
    return keys
  }

  /** Brings the model in step with `doc`; returns the keys of events added, changed or removed. */
  update(doc: TimelineDocument): number[] {
    if (this.outline) throw new Error('the model of an outline is never updated: make one of the document')
    const next = doc.items
    if (next === this.items) return []
    const changed = this.changedPositions(this.items, next)
    const touched: number[] = []
    if (changed === null || changed.length > next.length / 8) {
      this.rebuild(next)
      touched.push(...this.itemByKey.keys())
    } else for (const position of changed) touched.push(...this.apply(position, next))
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
    const previous = this.itemByKey[key]
    if (previous !== item) {
      if (previous) this.count(previous, -1)
      this.count(item, 1)
    }
    // Read from the parser's cached dates, with no object made: this runs for every event on open.
    const start = readDate(item.start)
    const end = item.end === undefined ? start : readDate(item.end)
    this.laneByKey[key] = item.groupId
    let lane = this.laneNumbers.get(item.groupId)
    if (lane === undefined) this.laneNumbers.set(item.groupId, (lane = this.laneNumbers.size))
    this.laneNumberByKey[key] = lane
    this.flagsByKey[key] = (item.notes.length ? HAS_NOTES : 0) | (item.confidence === 'confirmed' ? CONFIRMED : 0)
    this.itemByKey[key] = item
    this.startByKey[key] = start && end ? start.earliest : NaN
    this.endByKey[key] = start && end ? end.latest : NaN
  }

  private count(item: TimelineItem, by: 1 | -1): void {
    for (const tag of item.tags) this.tags.add(tag, by)
    this.lanes.add(item.groupId, by)
    this.confidences.add(item.confidence, by)
    if (item.notes.length) this.laneNotes.add(item.groupId, by * item.notes.length)
  }

  private rebuild(items: TimelineItem[]): void {
    // Marked by key and kept in typed arrays: this runs for every event when a document opens.
    const alive = new Uint8Array(this.itemByKey.length + items.length)
    this.place(items, alive)
    this.finishRebuild(items, alive)
  }

  /** Puts `items` under their keys (new ones get the next), marking each key in `alive`. */
  private place(items: TimelineItem[], alive: Uint8Array): void {
    for (const item of items) {
      let key = this.keys.get(item.id)
      if (key === undefined) {
        key = this.itemByKey.length
        this.keys.set(item.id, key)
      }
      alive[key] = 1
      this.put(key, item)
    }
  }

  /** After `place` put every event of `items`: those not marked alive leave; the time index is made anew. */
  private finishRebuild(items: TimelineItem[], alive: Uint8Array): void {
    // Removed events keep their key (keys are never reused) but leave the maps and the index.
    if (this.keys.size > items.length)
      for (const [id, key] of this.keys)
        if (!alive[key]) {
          this.keys.delete(id)
          this.count(this.itemByKey[key]!, -1)
          this.itemByKey[key] = undefined
          this.startByKey[key] = this.endByKey[key] = NaN
        }
    const starts = new Float64Array(items.length)
    const ends = new Float64Array(items.length)
    const keys = new Int32Array(items.length)
    let dated = 0
    for (let key = 0; key < alive.length; key++) {
      const start = this.startByKey[key]
      if (!alive[key] || start === undefined || Number.isNaN(start)) continue
      starts[dated] = start
      ends[dated] = this.endByKey[key]!
      keys[dated++] = key
    }
    this.index = TimeIndex.build(starts.subarray(0, dated), ends.subarray(0, dated), keys.subarray(0, dated))
  }
}

/** Counts by name, with the names in use most-used first (ties by name). */
export class Tally {
  private counts = new Map<string, number>()
  private ranked: string[] | null = null

  add(name: string, by: number): void {
    const count = (this.counts.get(name) ?? 0) + by
    if (count > 0) this.counts.set(name, count)
    else this.counts.delete(name)
    this.ranked = null
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0
  }

  /** Sorted once per change: there are few names (tags, lanes), however many events. */
  names(): string[] {
    this.ranked ??= [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name)
    return this.ranked
  }
}
