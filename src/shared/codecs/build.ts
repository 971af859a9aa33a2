import { emptyDocument } from '../model/factory'
import { newId } from '../model/ids'
import type { Problem } from '../model/problems'
import { ItemSchema, ProvenanceSchema, type Group, type TimelineDocument, type TimelineItem } from '../model/schema'
import { schemaProblems } from '../model/document'
import { formatCount } from '../count'

/** Colour-blind-friendly lane colours (Okabe–Ito), given in turn to lanes a file names. */
const LANE_COLORS = ['#0072b2', '#cc79a7', '#009e73', '#56b4e9', '#e69f00', '#d55e00', '#f0e442', '#999999']
/** The schema's bounds on a document (see DocumentSchema). */
const MAX_LANES = 1000
const MAX_ITEMS = 1_000_000
const MAX_ID = 200
/** Problems listed one by one; past this, a file is mostly wrong and the rest are counted, not kept. */
export const MAX_LISTED_PROBLEMS = 1000

export type ItemFields = Pick<TimelineItem, 'start' | 'title'> & Partial<Omit<TimelineItem, 'provenance'>>

/**
 * Builds a document from a file's records, one at a time: lanes are made from the names the
 * file uses, every event records where it came from, and a record the schema refuses becomes a
 * problem naming the record, never an exception.
 */
export class DocumentBuilder {
  readonly document: TimelineDocument
  readonly problems: Problem[] = []
  private readonly lanes = new Map<string, Group>()
  private readonly lanesById = new Map<string, Group>()
  private readonly seenIds = new Set<string>()
  /** The records ("row 14") that became events, to tell a record left out from one read without a field. */
  private readonly recordsRead = new Set<string>()
  private tooMany = false
  private unlisted = 0
  /** Fields a file has that nothing in Chronotes holds: field → how many records, and what a record is called. */
  private readonly notKept = new Map<string, { count: number; noun: string; reason: string }>()

  constructor(
    private readonly fileName: string,
    private readonly now: Date,
    title = fileName.replace(/\.[^.]+$/, '')
  ) {
    this.document = emptyDocument((title.trim() || 'Imported timeline').slice(0, 500), now)
    this.document.groups = []
  }

  /** The id of the lane with this title, made if the file has not named it before. */
  lane(title: string | undefined | null): string {
    let name = title?.trim() || 'Events'
    // The schema holds at most 1000 lanes; a file naming more shares the last one.
    if (!this.lanes.has(name.toLowerCase()) && this.document.groups.length >= MAX_LANES - 1) name = 'Other lanes'
    let lane = this.lanes.get(name.toLowerCase())
    if (!lane) {
      const order = this.document.groups.length
      lane = { id: newId(), title: name.slice(0, 500), color: LANE_COLORS[order % LANE_COLORS.length]!, order }
      this.lanes.set(name.toLowerCase(), lane)
      this.document.groups.push(lane)
    }
    return lane.id
  }

  /**
   * The id of a lane a file describes in full (Chronotes' extension fields in TimelineJS and
   * Timesketch files): its own id, colour and place are kept when usable, so that a lane comes back
   * as the same lane; a lane already made for the id is reused. Falls back to `lane(title)`.
   */
  describedLane(described: { id?: unknown; title?: unknown; color?: unknown; order?: unknown }): string {
    const title = typeof described.title === 'string' ? described.title : undefined
    const id = typeof described.id === 'string' ? described.id.trim() : ''
    if (!id || id.length > MAX_ID || !/^[\w.:-]+$/.test(id)) return this.lane(title)
    const known = this.lanesById.get(id)
    if (known) return known.id
    if (this.document.groups.length >= MAX_LANES - 1 || this.document.groups.some((g) => g.id === id))
      return this.lane(title)
    const name = title?.trim() || 'Events'
    const order = Number(described.order)
    const color =
      typeof described.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(described.color) ? described.color : null
    const lane: Group = {
      id,
      title: name.slice(0, 500),
      color: color ?? LANE_COLORS[this.document.groups.length % LANE_COLORS.length]!,
      order: Number.isSafeInteger(order) ? order : this.document.groups.length
    }
    this.document.groups.push(lane)
    this.lanesById.set(id, lane)
    if (!this.lanes.has(name.toLowerCase())) this.lanes.set(name.toLowerCase(), lane)
    return lane.id
  }

  /**
   * Adds one event from record `where` ("row 14", "event 3"). Its id in the file, if any, is
   * kept in its provenance (and as its own id when it is a fresh, usable one).
   */
  addItem(where: string, fields: ItemFields, originalId?: string): boolean {
    if (this.document.items.length >= MAX_ITEMS) {
      if (this.document.items.length === MAX_ITEMS && !this.tooMany) {
        this.tooMany = true
        this.problem(
          where,
          undefined,
          `Chronotes holds at most ${formatCount(MAX_ITEMS)} events in a document; this record and the ones after it were left out`
        )
      }
      return false
    }
    const stamp = this.now.toISOString()
    // A file's id becomes the event's only when it is a plain token: anything else stays in provenance.
    const usable = originalId && originalId.length <= MAX_ID && /^[\w.:-]+$/.test(originalId)
    const keepId = usable && !this.seenIds.has(originalId) ? originalId : undefined
    const candidate = {
      kind: fields.end && fields.end !== fields.start ? 'range' : 'point',
      description: '',
      tags: [],
      confidence: 'unverified',
      sources: [],
      notes: [],
      createdAt: stamp,
      updatedAt: stamp,
      ...fields,
      id: keepId ?? newId(),
      groupId: fields.groupId ?? this.lane(undefined),
      provenance: {
        importedFrom: this.fileName.slice(0, 4000),
        importedAt: stamp,
        originalId: (originalId ?? '').slice(0, MAX_ID)
      }
    }
    if (candidate.kind === 'point') delete (candidate as Partial<TimelineItem>).end
    const parsed = ItemSchema.safeParse(candidate)
    if (!parsed.success) {
      for (const problem of schemaProblems(parsed.error, candidate))
        this.push({ file: this.fileName, where, field: problem.field, message: problem.message })
      return false
    }
    this.seenIds.add(parsed.data.id)
    this.recordsRead.add(where)
    this.document.items.push(parsed.data)
    return true
  }

  /** A problem with record `where` (or with the whole file, when `where` is undefined). */
  problem(where: string | undefined, field: string | undefined, message: string): void {
    this.push({ file: this.fileName, ...(where ? { where } : {}), ...(field ? { field } : {}), message })
  }

  /** What the reading assumed, said once (see Problem.note): not a problem with the record. */
  note(where: string | undefined, message: string): void {
    this.push({ file: this.fileName, ...(where ? { where } : {}), message, note: true })
  }

  private push(problem: Problem): void {
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(problem)
    else this.unlisted++
  }

  /**
   * Notes that a record's `field` has a value Chronotes does not keep, so that nothing is lost
   * silently: the import lists each such field once ("Media Thumbnail: was not imported, in 3 rows").
   */
  notImported(
    field: string,
    noun: 'rows' | 'events' | 'eras' | 'items' | 'lines' | 'records',
    reason = 'Chronotes has no place for it'
  ): void {
    const seen = this.notKept.get(field)
    if (seen) seen.count++
    else this.notKept.set(field, { count: 1, noun, reason })
  }

  /** The document, with a lane even if the file named none. */
  finish(): TimelineDocument {
    if (!this.document.groups.length) this.lane(undefined)
    for (const [field, { count, noun, reason }] of this.notKept) {
      const where = count === 1 ? `in 1 ${noun.replace(/s$/, '')}` : `in ${formatCount(count)} ${noun}`
      this.push({ file: this.fileName, field, message: `was not imported, ${where}: ${reason}` })
    }
    this.notKept.clear()
    if (this.unlisted) {
      const count = formatCount(this.unlisted)
      this.problems.push({ file: this.fileName, message: `has ${count} more problems that are not listed` })
      this.unlisted = 0
    }
    for (const problem of this.problems)
      if (problem.where && !problem.note) problem.leftOut = !this.recordsRead.has(problem.where)
    return this.document
  }
}

/** An event's own created and updated times from a file's extension fields, where they are valid timestamps. */
export function keptTimes(created: unknown, updated: unknown): Partial<Pick<TimelineItem, 'createdAt' | 'updatedAt'>> {
  const valid = (value: unknown) => ProvenanceSchema.shape.importedAt.safeParse(value).success
  return {
    ...(valid(created) ? { createdAt: created as string } : {}),
    ...(valid(updated) ? { updatedAt: updated as string } : {})
  }
}
