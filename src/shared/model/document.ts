import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type { z } from 'zod'
import { crowdedJson } from './json-crowding'
import { migrate, OLDEST_READABLE_VERSION } from './migrations'
import type { Problem } from './problems'
import { DocumentSchema, SCHEMA_VERSION, type TimelineDocument } from './schema'

export type ReadFailure = 'INVALID_JSON' | 'NOT_CHRONOTES' | 'NEWER_VERSION' | 'INVALID_DOCUMENT'

export type ReadResult =
  | { ok: true; document: TimelineDocument; migratedFrom?: number }
  | { ok: false; reason: ReadFailure; problems: Problem[] }

/** File names end in this, and the library lists only such files. */
export const DOCUMENT_EXTENSION = '.chronotes.json'

/**
 * Reads a Chronotes file's text. Never throws on bad input: a file that is not JSON, not a
 * Chronotes document, from a newer app, or that breaks the schema comes back as problems.
 */
export function readDocument(text: string, file?: string): ReadResult {
  const fail = (reason: ReadFailure, problems: Omit<Problem, 'file'>[]): ReadResult => ({
    ok: false,
    reason,
    problems: problems.map((p) => (file ? { file, ...p } : p))
  })
  const crowded = crowdedJson(text)
  if (crowded) return fail('INVALID_JSON', [{ message: crowded }])
  let raw: unknown
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return fail('INVALID_JSON', [jsonProblem(text, error)])
  }
  if (!isObject(raw) || raw.format !== 'chronotes') {
    return fail('NOT_CHRONOTES', [{ message: 'is not a Chronotes document (no "format": "chronotes")' }])
  }
  const version = raw.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE_VERSION) {
    return fail('INVALID_DOCUMENT', [
      { field: 'schemaVersion', message: `must be a whole number from ${OLDEST_READABLE_VERSION} to ${SCHEMA_VERSION}` }
    ])
  }
  if (version > SCHEMA_VERSION) {
    return fail('NEWER_VERSION', [
      {
        field: 'schemaVersion',
        message: `was written by a newer Chronotes (schema version ${version}; this one reads up to ${SCHEMA_VERSION}). Update Chronotes to open it.`
      }
    ])
  }
  let current: unknown = raw
  try {
    if (version < SCHEMA_VERSION) current = migrate(raw, version)
  } catch (error) {
    return fail('INVALID_DOCUMENT', [
      { message: `could not be brought up to date from schema version ${version}: ${String(error)}` }
    ])
  }
  const parsed = DocumentSchema.safeParse(current)
  if (!parsed.success) return fail('INVALID_DOCUMENT', schemaProblems(parsed.error, current))
  return version < SCHEMA_VERSION
    ? { ok: true, document: parsed.data, migratedFrom: version }
    : { ok: true, document: parsed.data }
}

/**
 * The file text for a document: validated, keys in schema order, two-space indentation and a
 * final newline, so that two colleagues' copies diff cleanly. Throws if the document is invalid.
 */
export function serializeDocument(document: TimelineDocument): string {
  return documentText(DocumentSchema.parse(document))
}

/** The file text of a document that has been validated already (serializeDocument's layout). */
export function documentText(document: TimelineDocument): string {
  return JSON.stringify(document, null, 2) + '\n'
}

/** Turns schema issues into problems that name the event by number and title, and the field. */
export function schemaProblems(error: z.ZodError, doc: unknown): Problem[] {
  return error.issues.slice(0, 100).map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p))
    const [top, index, ...rest] = path
    if ((top === 'items' || top === 'groups') && typeof index === 'number') {
      const entry = isObject(doc) && Array.isArray(doc[top]) ? doc[top][index] : undefined
      const title = isObject(entry) && typeof entry.title === 'string' ? ` ("${entry.title.slice(0, 60)}")` : ''
      const noun = top === 'items' ? 'event' : 'lane'
      return { where: `${noun} ${index + 1}${title}`, field: formatPath(rest) || undefined, message: issue.message }
    }
    return { field: formatPath(path) || undefined, message: issue.message }
  })
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    ''
  )
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'there is more after the end of the document',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'malformed escape',
  InvalidCharacter: 'a control character inside a string'
}

/** Where JSON.parse gave up, found by a parser that reports offsets (V8's messages do not always). */
function jsonProblem(text: string, error: unknown): Omit<Problem, 'file'> {
  const squeezed = squeezeLongRuns(text)
  const errors: ParseError[] = []
  parse(squeezed.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const first = errors[0]
  const detail = first ? (JSON_ERRORS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)) : null
  const message = `is not valid JSON (${detail ?? (error instanceof Error ? error.message : String(error))})`
  if (!first) return { message }
  const offset = squeezed.originalOffset(first.offset)
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { where: `line ${line}, column ${offset - lineStart + 1}`, message }
}

/**
 * jsonc-parser builds each run of spaces one character at a time (a file of 1 MB of spaces took
 * 60 MB), so long runs of one blank character are cut to one for it, and its offsets mapped back.
 * A run inside a string stays the same kind of character, so what is valid stays valid.
 */
function squeezeLongRuns(text: string): { text: string; originalOffset: (offset: number) => number } {
  const pieces: string[] = []
  const cutAt: number[] = [] // offsets in the squeezed text after which characters were cut
  const cutSoFar: number[] = [] // how many characters were cut up to there
  let kept = 0 // where the next piece starts in `text`
  let cut = 0
  // A loop rather than a regular expression: V8 backtracks through a long run matched by one.
  for (let i = 0; i < text.length;) {
    const blank = text.charCodeAt(i)
    let end = i + 1
    if (blank === 0x20 || blank === 0x09) while (text.charCodeAt(end) === blank) end++
    if (end - i >= LONG_RUN) {
      pieces.push(text.slice(kept, i + 1))
      kept = end
      cutAt.push(i + 1 - cut)
      cut += end - i - 1
      cutSoFar.push(cut)
    }
    i = end
  }
  if (!cut) return { text, originalOffset: (offset) => offset }
  pieces.push(text.slice(kept))
  return {
    text: pieces.join(''),
    originalOffset(offset) {
      let shift = 0
      for (let i = 0; i < cutAt.length && cutAt[i]! <= offset; i++) shift = cutSoFar[i]!
      return offset + shift
    }
  }
}
const LONG_RUN = 64

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
