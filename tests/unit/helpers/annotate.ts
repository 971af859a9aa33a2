/**
 * The bundled dataset with a researcher's notes on it, for the PDF tests: every third event gets a
 * note, every ninth a second one, some in Ukrainian and Russian. Each note's text is unique, so
 * that a test can find every one in the PDF, in order.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { readDocument } from '../../../src/shared/model/document'
import type { Note, TimelineDocument, TimelineItem } from '../../../src/shared/model/schema'

export const DATASET_PATH = resolve(
  import.meta.dirname,
  '../../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
)

export function loadDataset(): TimelineDocument {
  const result = readDocument(readFileSync(DATASET_PATH, 'utf8'))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  return result.document
}

const BODIES = [
  (n: number) => `Checked against the original reporting (note ${n}); the date holds.`,
  (n: number) => `Примітка ${n}: перевірено за джерелами у Києві.`,
  (n: number) => `Заметка ${n}: источник подтверждает дату.`,
  (n: number) => `Note ${n}. Ask the **desk** whether a second source exists; see the _transcript_.`
]

function note(n: number, index: number): Note {
  const at = new Date(Date.UTC(2025, 2, 1 + (n % 28), 9, n % 60)).toISOString()
  return {
    id: `note-${String(n).padStart(4, '0')}`,
    author: n % 2 ? 'Olena Kovalenko' : 'A. Researcher',
    body: BODIES[index % BODIES.length]!(n),
    createdAt: at,
    updatedAt: at
  }
}

/** The dataset (or any document) with notes added; the notes' texts as a reader sees them. */
export function annotate(document: TimelineDocument = loadDataset()): TimelineDocument {
  let n = 0
  return {
    ...document,
    items: document.items.map((item, index) => {
      if (index % 3 !== 0) return item
      const notes = [note(++n, n)]
      if (index % 9 === 0) notes.push(note(++n, n))
      return { ...item, notes: [...item.notes, ...notes] }
    })
  }
}

/** A note's body as it prints: the Markdown's emphasis marks gone. */
export function printedText(markdown: string): string {
  return markdown.replace(/\*\*|_/g, '')
}

/**
 * The events in the order the chronology lists them: by date, then by lane, then as in the file.
 * (The report model decides it and its tests pin it; a PDF test checks that the PDF keeps it.)
 */
export function inReportOrder(document: TimelineDocument): TimelineItem[] {
  const lanes = new Map(document.groups.map((group) => [group.id, group.order]))
  return document.items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (a.item.start < b.item.start ? -1 : a.item.start > b.item.start ? 1 : 0) ||
        (lanes.get(a.item.groupId) ?? Infinity) - (lanes.get(b.item.groupId) ?? Infinity) ||
        a.index - b.index
    )
    .map(({ item }) => item)
}
