/**
 * One spreadsheet cell to one event field: tags, notes, confidence words and web addresses, as
 * people write them in a spreadsheet and as Chronotes' own CSV export writes them (JSON lists, so
 * that notes and sources survive a round trip exactly).
 */
import { newId } from '../model/ids'
import { CONFIDENCES, SourceSchema, type Confidence, type Note, type Source } from '../model/schema'

/**
 * Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula, so the writer puts an apostrophe before such a cell (OWASP's advice), and one more
 * before a cell that already starts with apostrophes and then such a character, so that the
 * reader can take exactly one off again.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/

export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell
}

const MAX_TAG = 100
const MAX_TAGS = 200

/** "a; b", "a, b" or a JSON list. With `exact`, only ";" separates (the export's own form). */
export function parseTags(cell: string, exact = false): string[] {
  const json = jsonList(cell)
  const raw = json ? json.filter((t): t is string => typeof t === 'string') : splitTags(cell, exact)
  const tags = raw.map((t) => (exact ? t : t.trim().slice(0, MAX_TAG))).filter((t) => t !== '')
  return tags.slice(0, MAX_TAGS)
}

function splitTags(cell: string, exact: boolean): string[] {
  if (exact) return cell.split(';').map((t) => t.trim())
  return cell.split(cell.includes(';') ? ';' : /[,\n]/)
}

/** Tags as the export writes them: "a; b", or a JSON list when a tag would not survive that. */
export function formatTags(tags: string[]): string {
  const plain = tags.every((t) => t !== '' && t === t.trim() && !t.includes(';')) && !tags[0]?.startsWith('[')
  return plain ? tags.join('; ') : JSON.stringify(tags)
}

/** A cell holding a JSON list (the export's notes and sources), or null. */
export function jsonList(cell: string): unknown[] | null {
  const text = cell.trim()
  if (!text.startsWith('[')) return null
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The author of notes written without one. */
export const IMPORT_AUTHOR = 'Imported'

/** Words before a colon that start a remark rather than name its author ("Note: check this"). */
const NOT_AUTHORS = new Set(
  'note notes nb ps todo update updated edit edited comment comments source sources see re fyi warning caveat question answer q a correction added'.split(
    ' '
  )
)
const AUTHOR = /^([\p{L}][\p{L}\p{M}.'’ -]{0,39}):[ \t]+(\S[\s\S]*)$/u

/**
 * The notes in one cell. Notes are separated by " | " (a line break does not separate notes,
 * so that a note of several lines stays one note); "Author: text" names the note's author,
 * otherwise it is "Imported". A JSON list of notes (Chronotes' export) is taken as it is.
 */
export function parseNotes(cell: string, now: Date): Note[] {
  const stamp = now.toISOString()
  const json = jsonList(cell)
  if (json) {
    const notes = json.filter(isRecord).map((n) => ({
      id: text(n.id) ?? newId(),
      author: text(n.author) ?? IMPORT_AUTHOR,
      body: text(n.body) ?? '',
      createdAt: text(n.createdAt) ?? stamp,
      updatedAt: text(n.updatedAt) ?? text(n.createdAt) ?? stamp
    }))
    if (notes.length || json.length === 0) return notes
  }
  return cell
    .split(' | ')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = AUTHOR.exec(part)
      const author = match?.[1]?.trim()
      const named = author && author.split(' ').length <= 4 && !NOT_AUTHORS.has(author.toLowerCase())
      return {
        id: newId(),
        author: named ? author : IMPORT_AUTHOR,
        body: named ? match![2]!.trim() : part,
        createdAt: stamp,
        updatedAt: stamp
      }
    })
}

/** Sources from a JSON list (Chronotes' export), or null when the cell is not one. */
export function parseSourcesJson(cell: string): Source[] | null {
  const json = jsonList(cell)
  if (!json || !json.every(isRecord)) return null
  const field = (v: unknown) => (typeof v === 'string' ? v : null)
  return json.map((s) => ({
    title: field(s.title),
    outlet: field(s.outlet),
    url: field(s.url),
    published: field(s.published)
  }))
}

/** Words for Chronotes' confidence levels. Anything else is "unverified": never raised by a guess. */
const CONFIDENCE_WORDS = new Map<string, Confidence>([
  ...CONFIDENCES.map((c) => [c, c] as [string, Confidence]),
  ['verified', 'confirmed'],
  ['confirm', 'confirmed'],
  ['alleged', 'reported'],
  ['claimed', 'reported'],
  ['contested', 'disputed'],
  ['denied', 'disputed'],
  ['unconfirmed', 'unverified'],
  ['unknown', 'unverified']
])

/** The confidence a cell names, '' → unverified, or null for a word Chronotes does not know. */
export function parseConfidence(cell: string): Confidence | null {
  const word = cell.trim().toLowerCase()
  if (!word) return 'unverified'
  return CONFIDENCE_WORDS.get(word) ?? null
}

/** Web addresses in a cell, separated by spaces or line breaks; "www.x.org" gets https://. */
export function splitUrls(cell: string): string[] {
  return cell
    .split(/\s+/)
    .map((part) => part.replace(/[,;]+$/, ''))
    .filter(Boolean)
}

/** An http(s) address as the schema takes it, or null. */
export function webAddress(value: string): string | null {
  const candidate = /^www\./i.test(value) ? `https://${value}` : value
  return SourceSchema.shape.url.safeParse(candidate).success ? candidate : null
}
