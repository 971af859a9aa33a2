import { z } from 'zod'
import { parseEdtf } from './edtf'

const KIND_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object'
}

// Messages a researcher reads: "is missing", "must be text (found a number)", not zod's defaults.
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined
    if (issue.input === undefined) return 'is missing'
    const found = issue.input === null ? 'nothing (null)' : Array.isArray(issue.input) ? 'a list' : typeof issue.input
    return `must be ${KIND_WORDS[issue.expected] ?? issue.expected} (found ${KIND_WORDS[found] ?? found})`
  }
})

/** The schema version this build reads and writes. Older files are migrated (see migrations.ts). */
export const SCHEMA_VERSION = 2

export const CONFIDENCES = ['confirmed', 'reported', 'disputed', 'unverified'] as const
export const ITEM_KINDS = ['point', 'range', 'background'] as const

// Bounds keep a hostile file from making the app allocate or render without limit.
const MAX_TITLE = 500
const MAX_TEXT = 200_000
const MAX_ID = 200
/** What the source said about a date ("early March 2025"): a phrase, not an essay. */
export const MAX_DISPLAY_DATE = 200

const id = z.string().min(1, 'must not be empty').max(MAX_ID, `must be at most ${MAX_ID} characters`)
const timestamp = z.iso.datetime({ offset: true, error: 'must be a date and time like 2025-03-05T14:00:00Z' })
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`)

/** An EDTF date in one of the forms edtf.ts accepts; the message says what is wrong with it. */
const edtfDate = z.string().check((ctx) => {
  const result = parseEdtf(ctx.value)
  if (!result.ok) ctx.issues.push({ code: 'custom', input: ctx.value, message: result.message })
})

export const SourceSchema = z.object({
  title: text(MAX_TITLE).nullable(),
  outlet: text(MAX_TITLE).nullable(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .max(4000)
    .nullable(),
  published: edtfDate.nullable()
})

export const NoteSchema = z.object({
  id,
  author: text(MAX_TITLE),
  body: text(MAX_TEXT),
  createdAt: timestamp,
  updatedAt: timestamp
})

export const ProvenanceSchema = z.object({
  importedFrom: text(4000),
  importedAt: timestamp,
  originalId: text(MAX_ID),
  /**
   * A hash of their version of the event as last taken from `importedFrom` (src/shared/merge/base.ts):
   * the common ancestor of a three-way merge with that file. Optional: older files have none.
   */
  base: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/, 'must be a hash in hexadecimal digits')
    .optional()
})

export const GroupSchema = z.object({
  id,
  title: text(MAX_TITLE).min(1, 'must not be empty'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4'),
  order: z.number().int()
})

export const ItemSchema = z
  .object({
    id,
    groupId: id,
    kind: z.enum(ITEM_KINDS),
    /** EDTF (see edtf.ts): the precision, doubt and offset are in the string, nowhere else. */
    start: edtfDate,
    end: edtfDate.optional(),
    displayDate: text(MAX_DISPLAY_DATE).optional(),
    title: text(MAX_TITLE).min(1, 'must not be empty'),
    description: text(MAX_TEXT),
    tags: z.array(text(100).min(1, 'must not be empty')).max(200),
    confidence: z.enum(CONFIDENCES),
    sources: z.array(SourceSchema).max(1000),
    notes: z.array(NoteSchema).max(10_000),
    provenance: ProvenanceSchema.optional(),
    createdAt: timestamp,
    updatedAt: timestamp
  })
  .superRefine((item, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const noteIds = new Set<string>()
    for (const [index, note] of item.notes.entries()) {
      if (noteIds.has(note.id))
        ctx.addIssue({ code: 'custom', path: ['notes', index, 'id'], message: `repeats note id ${note.id}` })
      noteIds.add(note.id)
    }
    if (item.end === undefined) {
      if (item.kind !== 'point') issue('end', `is required for a ${item.kind} event`)
      return
    }
    if (item.kind === 'point') issue('end', 'must be left out for a point event')
    const start = parseEdtf(item.start)
    const end = parseEdtf(item.end)
    // Each may be at its own precision (2022-02-24 to 2025); the end may not finish before the start begins.
    if (start.ok && end.ok && end.date.latest <= start.date.earliest)
      issue('end', `${item.end} is before the start ${item.start}`)
  })

/** How many events a document may hold. */
export const MAX_EVENTS = 1_000_000

/**
 * The rules across a document's lanes and events, each broken one told to `issue`: lane ids and
 * event ids are unique, and every event is in a lane the document has.
 */
export function acrossEvents(
  doc: Pick<TimelineDocument, 'groups' | 'items'>,
  issue: (path: (string | number)[], message: string) => void
): void {
  const groupIds = new Set<string>()
  for (const [index, group] of doc.groups.entries()) {
    if (groupIds.has(group.id)) issue(['groups', index, 'id'], `repeats lane id ${group.id}`)
    groupIds.add(group.id)
  }
  const itemIds = new Set<string>()
  for (const [index, item] of doc.items.entries()) {
    if (itemIds.has(item.id)) issue(['items', index, 'id'], `repeats event id ${item.id}`)
    itemIds.add(item.id)
    if (!groupIds.has(item.groupId))
      issue(['items', index, 'groupId'], `names lane "${item.groupId}", which the document does not have`)
  }
}

export const DocumentSchema = z
  .object({
    format: z.literal('chronotes', { error: 'must be "chronotes"' }),
    schemaVersion: z.literal(SCHEMA_VERSION),
    id,
    title: text(MAX_TITLE).min(1, 'must not be empty'),
    description: text(MAX_TEXT),
    createdAt: timestamp,
    updatedAt: timestamp,
    groups: z.array(GroupSchema).max(1000),
    items: z.array(ItemSchema).max(MAX_EVENTS)
  })
  .superRefine((doc, ctx) => acrossEvents(doc, (path, message) => ctx.addIssue({ code: 'custom', path, message })))

export type Confidence = (typeof CONFIDENCES)[number]
export type ItemKind = (typeof ITEM_KINDS)[number]
export type Source = z.infer<typeof SourceSchema>
export type Note = z.infer<typeof NoteSchema>
export type Provenance = z.infer<typeof ProvenanceSchema>
export type Group = z.infer<typeof GroupSchema>
export type TimelineItem = z.infer<typeof ItemSchema>
export type TimelineDocument = z.infer<typeof DocumentSchema>
