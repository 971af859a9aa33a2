/**
 * Shared by the interchange codec tests (TimelineJS, Timesketch, vis-timeline): fixtures, the
 * bundled dataset with notes added, and hostile payloads.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readDocument } from '../../src/shared/model/document'
import type { TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import type { ReadContext, ReadResult } from '../../src/shared/codecs/types'

const here = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/interchange')

export const NOW = new Date('2025-06-01T12:00:00.000Z')

export function fixture(name: string): string {
  return readFileSync(resolve(here, name), 'utf8')
}

export function context(fileName: string): ReadContext {
  return { fileName, now: NOW }
}

export const DATASET_PATH = resolve(
  here,
  '../../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
)

/** The bundled dataset (88 events), with notes on a few events, one of them over several lines. */
export function datasetWithNotes(): TimelineDocument {
  const result = readDocument(readFileSync(DATASET_PATH, 'utf8'))
  if (!result.ok) throw new Error('the bundled dataset does not read')
  const document = structuredClone(result.document)
  const note = (id: string, author: string, body: string, at: string) => ({
    id,
    author,
    body,
    createdAt: at,
    updatedAt: at
  })
  document.items[0]!.notes.push(
    note('n-1', 'Olena K.', 'Check the Kyiv Post date against the NYT piece.', '2025-03-01T09:15:00.000Z'),
    note(
      'n-2',
      'Sam R.',
      'Two sources agree.\nThe third is a summary.\n\nKeep as "reported".',
      '2025-03-02T18:40:00.000Z'
    )
  )
  document.items[10]!.notes.push(note('n-3', 'Olena K.', 'Is 5 < 7 & "quoted" text kept?', '2025-04-11T07:00:00.000Z'))
  document.items[87]!.notes.push(note('n-4', '', 'A note without an author.', '2025-05-20T00:00:00.000Z'))
  return document
}

export function okDocument(result: ReadResult): TimelineDocument {
  if (result.status !== 'ok')
    throw new Error(`expected a document, got ${result.status}: ${JSON.stringify(result.problems)}`)
  return result.document
}

export function laneTitle(document: TimelineDocument, item: TimelineItem): string | undefined {
  return document.groups.find((g) => g.id === item.groupId)?.title
}

/** Payloads a hostile colleague might put in any text field. */
export const HOSTILE = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click me</a>',
  '<svg onload=alert(1)><circle r=5></circle></svg>',
  '<iframe src="javascript:alert(2)"></iframe>',
  '"><script>alert(3)</script>',
  "'><img src=x onerror=alert(4)>"
] as const

/** Markup that would run or load something if a browser parsed it as HTML. */
export const LIVE_MARKUP = /<\s*(script|img|svg|iframe|a|object|embed|style|link)\b|on(error|load)\s*=/i

/** Every string anywhere in a value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(allStrings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings)
  return []
}
