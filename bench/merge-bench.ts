/**
 * Merging two 10,000-event documents: mine, and a colleague's copy of it in which 10% of the
 * events were edited, 5% are new and 10% carry a new note; meanwhile I edited 2% (some of the same
 * events: conflicts) and annotated 5%. Figures are printed, never asserted.
 */
import { applyMerge, compareDocuments, defaultMergeChoices, mergeChoicesForAll } from '../src/shared/merge'
import { applyCommand, invertCommand, type Command } from '../src/shared/model/commands'
import { serializeDocument } from '../src/shared/model/document'
import { newId } from '../src/shared/model/ids'
import type { TimelineDocument } from '../src/shared/model/schema'
import { syntheticDocument } from './synthetic'
import { time } from './timing'

const EVENTS = 10_000

/** Mine, and their copy with the edits described above, each side on its own clock after the copy. */
function twoCopies(): { mine: TimelineDocument; theirs: TimelineDocument } {
  const mine = syntheticDocument(EVENTS, 7)
  const theirs = structuredClone(mine)
  const theirAt = '2026-02-01T10:00:00.000Z'
  const myAt = '2026-02-02T10:00:00.000Z'
  const note = (author: string, body: string, at: string) => ({
    id: newId(),
    author,
    body,
    createdAt: at,
    updatedAt: at
  })
  theirs.items.forEach((item, index) => {
    if (index % 10 === 0)
      theirs.items[index] = { ...item, title: `${item.title} (revised)`, confidence: 'confirmed', updatedAt: theirAt }
    if (index % 10 === 3) item.notes = [...item.notes, note('B. Colleague', `Their note on event ${index}.`, theirAt)]
  })
  for (let n = 0; n < EVENTS / 20; n++) {
    const like = theirs.items[n * 20 + 1]!
    theirs.items.push({
      ...like,
      id: newId(),
      title: `Their new event ${n}`,
      notes: [],
      createdAt: theirAt,
      updatedAt: theirAt
    })
  }
  mine.items.forEach((item, index) => {
    // Every other one of these is also edited on their side (index % 10 === 0): a conflict.
    if (index % 50 === 0 || index % 50 === 5)
      mine.items[index] = { ...item, description: `${item.description} (my edit)`, updatedAt: myAt }
    if (index % 20 === 3) item.notes = [...item.notes, note('A. Researcher', `My note on event ${index}.`, myAt)]
  })
  return { mine, theirs }
}

export async function mergeBench(): Promise<void> {
  const { mine, theirs } = twoCopies()
  console.log(
    `\nMerge: ${mine.items.length.toLocaleString('en')} events (mine) and ${theirs.items.length.toLocaleString('en')} (theirs)`
  )
  const plan = time('compare (match, diff fields and notes, classify)', 5, () => compareDocuments(mine, theirs))
  const counts = { new: 0, duplicate: 0, identical: 0, changed: 0, 'mine-changed': 0, conflict: 0 }
  const reasons = { 'both-edited': 0, 'history-unknown': 0 }
  for (const comparison of plan.comparisons) {
    counts[comparison.kind]++
    if (comparison.kind === 'conflict') reasons[comparison.reason]++
  }
  console.log(
    `  new ${counts.new}, likely duplicates ${counts.duplicate}, identical ${counts.identical}, changed ${counts.changed}, ` +
      `changed by me ${counts['mine-changed']}, conflicts ${counts.conflict} (both edited ${reasons['both-edited']})`
  )
  const context = { fileName: 'colleague.chronotes.json', now: new Date() }
  const defaults = defaultMergeChoices(plan)
  const command = time('apply, default choices (build the one command)', 5, () =>
    applyMerge(mine, plan, defaults, context)
  )
  const merged = time('apply that command to the document', 5, () => applyCommand(mine, command))
  const both = mergeChoicesForAll(plan, 'both')
  const bothCommand: Command = time("apply, 'both' for all (build the one command)", 5, () =>
    applyMerge(mine, plan, both, context)
  )
  time('undo (apply the inverse command)', 5, () => applyCommand(merged, invertCommand(command)))
  const notes = (doc: TimelineDocument) => doc.items.reduce((sum, item) => sum + item.notes.length, 0)
  console.log(
    `  default: ${merged.items.length.toLocaleString('en')} events, ${notes(merged).toLocaleString('en')} notes` +
      ` (mine ${notes(mine).toLocaleString('en')}, theirs ${notes(theirs).toLocaleString('en')});` +
      ` 'both': ${applyCommand(mine, bothCommand).items.length.toLocaleString('en')} events`
  )
  // A spreadsheet of the same events: other ids, retitled, so that every event is looked at as a
  // likely duplicate of one of mine (the worst case for that search).
  const sheet = {
    ...theirs,
    items: mine.items.map((item) => ({ ...item, id: newId(), title: `${item.title} (their wording)` }))
  }
  const sheetPlan = time('compare, 10,000 events with other ids and titles (likely-duplicate search)', 3, () =>
    compareDocuments(mine, sheet)
  )
  console.log(`  likely duplicates ${sheetPlan.comparisons.filter((c) => c.kind === 'duplicate').length}`)
  time('compare + apply + validate the result (serialize)', 3, () => {
    const planned = compareDocuments(mine, theirs)
    return serializeDocument(applyCommand(mine, applyMerge(mine, planned, defaultMergeChoices(planned), context)))
  })
}
