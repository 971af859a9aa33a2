/**
 * The merge review in a real Chromium with the real stores, codecs and merge: a colleague's copy of
 * the dataset with a change of theirs, an event both of us edited, a note of theirs, new events and
 * a new lane. Sections, field-by-field diffs, choices and their summary; Confirm is ONE undo step
 * (undo takes the whole import away, redo brings it back); Cancel changes nothing.
 */
import { afterEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { serializeDocument } from '@shared/model/document'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'
import { byTitle, fileOf, installBridge, loadDataset, mountWith } from './import-fixtures'

installBridge()
const { default: ImportWizard } = await import('@renderer/components/import/ImportWizard.vue')
const { useImportStore } = await import('@renderer/stores/import')
const { useEditorStore } = await import('@renderer/stores/editor')

const TREATY = 'Putin signs treaty'
const BRENNAN = 'CIA Director John Brennan'
const MOSKVA = 'Black Sea Fleet flagship Moskva'

function edit(doc: TimelineDocument, prefix: string, change: Partial<TimelineItem>): TimelineDocument {
  const target = byTitle(doc, prefix)
  return { ...doc, items: doc.items.map((item) => (item.id === target.id ? { ...item, ...change } : item)) }
}

/**
 * Mine: the dataset (every event last edited 2026-11-26, the moment both copies agree on), with
 * Brennan's trip re-described by me after the copies parted.
 */
function mineDocument(): TimelineDocument {
  return edit(loadDataset(), BRENNAN, {
    description: 'My reading: a weekend trip, as the Kremlin made much of.',
    updatedAt: '2026-12-02T09:00:00.000Z'
  })
}

/**
 * Theirs: the dataset, with the treaty retitled (only they changed it), Brennan's trip given
 * another confidence (both of us changed it), a note on the Moskva, and two new events, one in
 * a lane I do not have.
 */
function theirDocument(): TimelineDocument {
  let doc = loadDataset()
  doc = edit(doc, TREATY, {
    title: 'Putin signs the treaty absorbing Crimea (their wording)',
    updatedAt: '2026-12-01T10:00:00.000Z'
  })
  doc = edit(doc, BRENNAN, { confidence: 'disputed', updatedAt: '2026-12-03T10:00:00.000Z' })
  const moskva = byTitle(doc, MOSKVA)
  doc = edit(doc, MOSKVA, {
    notes: [
      {
        id: '7d0c7c56-8f0e-4a53-9d8a-2f1f0b7a1c01',
        author: 'Olena',
        body: 'Cross-checked with the <b>Pentagon</b> briefing of that week.',
        createdAt: '2026-12-01T08:00:00.000Z',
        updatedAt: '2026-12-01T08:00:00.000Z'
      }
    ],
    updatedAt: moskva.updatedAt
  })
  const lane = { id: 'field-reports', title: 'Field reports', color: '#009e73', order: 8 }
  const event = (id: string, title: string, start: string): TimelineItem => ({
    id,
    groupId: lane.id,
    kind: 'point',
    start,
    title,
    description: '',
    tags: [],
    confidence: 'reported',
    sources: [],
    notes: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z'
  })
  return {
    ...doc,
    groups: [...doc.groups, lane],
    items: [
      ...doc.items,
      event('3b9b4c1e-1f43-4f0b-8d1f-5a0f6f4b1a01', 'Workshop with Kyiv analysts', '2024-03-04'),
      event('3b9b4c1e-1f43-4f0b-8d1f-5a0f6f4b1a02', 'Interview with a former liaison officer', '2024-06-10')
    ]
  }
}

const dialog = () => document.querySelector('dialog.import-dialog') as HTMLDialogElement
const heading = () => dialog().querySelector('[data-step-heading]')?.textContent?.trim()
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement
const sectionTitles = () => [...dialog().querySelectorAll('.section-title')].map((h) => h.textContent?.trim())
const card = (prefix: string) =>
  [...dialog().querySelectorAll<HTMLElement>('article.compare')].find((a) =>
    a.querySelector('.compare-title')?.textContent?.startsWith(prefix)
  )!
const diffRows = (article: HTMLElement) =>
  [...article.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent?.trim()))
const checkedChoice = (article: HTMLElement) =>
  article.querySelector<HTMLInputElement>('input[type=radio]:checked')?.closest('label')?.textContent?.trim()
const summary = () => dialog().querySelector('[data-testid="merge-summary"]')?.textContent?.trim()
const clipped = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text)
const until = (check: () => unknown) => expect.poll(check, { timeout: 10_000 })

afterEach(() => useImportStore().cancel())

/** Mounts the wizard on my document and takes their file to the merge review. */
async function review() {
  const mounted = await mountWith(ImportWizard, { document: mineDocument() })
  const before = mounted.documents.document!
  await useImportStore().start(fileOf(serializeDocument(theirDocument()), 'theirs.chronotes.json'))
  await until(heading).toBe('Where should it go?')
  expect(mounted.documents.document).toBe(before)
  await userEvent.click(button(dialog(), 'Review the merge'))
  // Their "Field reports" lane is none of mine: the lane step comes first, suggesting a new lane.
  await until(heading).toBe('Which of your lanes do their lanes go to?')
  expect(dialog().querySelector('[data-testid="lanes-summary"]')?.textContent?.trim()).toBe('1 new lane, 8 into yours.')
  await userEvent.click(button(dialog(), 'Review the merge'))
  await until(heading).toBe('Review the merge into ‘US–Ukraine intelligence cooperation, 2014–2025’')
  return { ...mounted, before }
}

test('the review sorts their events into new, changed, conflicts and identical, with field-by-field diffs', async () => {
  const { documents, before } = await review()
  expect(sectionTitles()).toEqual([
    'New (2)',
    'Same event? (0)',
    'Changed (2)',
    'Changed by you (0)',
    'Conflicts (1)',
    'Identical (85)'
  ])
  // Identical events are skipped, their section collapsed.
  expect(dialog().querySelector<HTMLDetailsElement>('details.identical')!.open).toBe(false)

  // Theirs only: just the differing field, mine beside theirs.
  const treaty = card(TREATY)
  expect(diffRows(treaty)).toEqual([
    ['Title', byTitle(before, TREATY).title, 'Putin signs the treaty absorbing Crimea (their wording)']
  ])
  expect(treaty.querySelector('.meta')?.textContent).toContain('18 March 2014')
  expect(checkedChoice(treaty)).toBe('Take theirs')

  // Both edited: both fields, a conflict, and mine kept unless I choose otherwise.
  const brennan = card(BRENNAN)
  expect(diffRows(brennan)).toEqual([
    ['Confidence', 'Confirmed', 'Disputed'],
    [
      'Description',
      'My reading: a weekend trip, as the Kremlin made much of.',
      clipped(byTitle(loadDataset(), BRENNAN).description)
    ]
  ])
  expect(brennan.classList).toContain('conflict')
  expect(brennan.textContent).toContain('Both of you edited it since the version you last took.')
  expect(checkedChoice(brennan)).toBe('Keep mine')

  // A note of theirs: counted, listed, and shown as text.
  const moskva = card(MOSKVA)
  expect(diffRows(moskva)).toEqual([['Notes', '0 notes', '1 note']])
  expect(moskva.querySelector('.incoming')?.textContent).toContain('Olena, 1 December 2026')
  expect(moskva.querySelector('.incoming .note-body')?.textContent).toBe(
    'Cross-checked with the <b>Pentagon</b> briefing of that week.'
  )
  expect(moskva.querySelector('b')).toBeNull()

  const newTitles = [...dialog().querySelectorAll('.new-list .new-title')].map((t) => t.textContent)
  expect(newTitles).toEqual(['Workshop with Kyiv analysts', 'Interview with a former liaison officer'])
  expect(summary()).toBe(
    'Will add 2 events, update 2, keep 1 conflict as mine; 1 note will be added, 1 lane will be added.'
  )
  expect(documents.document).toBe(before)
})

test('choices per event and for a whole section change what the summary says will happen', async () => {
  await review()
  const brennan = card(BRENNAN)
  await userEvent.click(brennan.querySelector('input[value="theirs"]')!)
  await until(summary).toBe('Will add 2 events, update 3; 1 note will be added, 1 lane will be added.')
  await userEvent.click(brennan.querySelector('input[value="both"]')!)
  await until(summary).toBe('Will add 3 events, update 2; 1 note will be added, 1 lane will be added.')

  const changedSection = dialog().querySelector('#merge-changed')!
  await userEvent.click(button(changedSection, 'Keep mine for all'))
  await until(() => checkedChoice(card(TREATY))).toBe('Keep mine')
  // Their note comes in whatever is chosen: notes are never dropped.
  await until(summary).toBe('Will add 3 events; 1 note will be added, 1 lane will be added.')

  await userEvent.click(button(dialog().querySelector('#merge-new')!, 'Add none'))
  await until(summary).toBe('Will add 1 event; 1 note will be added.')
  const first = dialog().querySelector<HTMLInputElement>('.new-list input[type=checkbox]')!
  expect(first.checked).toBe(false)
  await userEvent.click(first)
  await until(summary).toBe('Will add 2 events; 1 note will be added, 1 lane will be added.')
})

test('Confirm applies the merge as ONE undoable step: undo takes it all away, redo brings it back', async () => {
  const { documents, before } = await review()
  const editor = useEditorStore()
  await userEvent.click(button(dialog(), 'Confirm merge'))
  await until(() => dialog().open).toBe(false)

  const merged = documents.document!
  expect(merged).not.toBe(before)
  expect(merged.items).toHaveLength(90)
  expect(merged.groups.map((g) => g.title)).toContain('Field reports')
  expect(byTitle(merged, 'Putin signs the treaty absorbing Crimea').id).toBe(byTitle(before, TREATY).id)
  expect(byTitle(merged, BRENNAN).description).toBe('My reading: a weekend trip, as the Kremlin made much of.')
  expect(byTitle(merged, MOSKVA).notes.map((n) => n.author)).toEqual(['Olena'])
  const workshop = byTitle(merged, 'Workshop with Kyiv analysts')
  expect(workshop.provenance).toMatchObject({ importedFrom: 'theirs.chronotes.json' })
  expect(editor.undoLabel).toBe('Import theirs.chronotes.json')
  expect(document.querySelector('.import-notice')?.textContent).toContain(
    'Imported theirs.chronotes.json into ‘US–Ukraine intelligence cooperation, 2014–2025’: 2 events added, 2 updated, 1 note added.'
  )

  editor.undo()
  expect(documents.document!.items).toEqual(before.items)
  expect(documents.document!.groups).toEqual(before.groups)
  expect(editor.undoLabel).toBeNull()

  editor.redo()
  expect(documents.document!.items).toEqual(merged.items)
  expect(documents.document!.groups).toEqual(merged.groups)
  expect(editor.undoLabel).toBe('Import theirs.chronotes.json')
})

test('Cancel on the review changes nothing and leaves nothing to undo', async () => {
  const { documents, before } = await review()
  await userEvent.click(card(BRENNAN).querySelector('input[value="theirs"]')!)
  await userEvent.click(button(dialog(), 'Cancel'))
  await until(() => dialog().open).toBe(false)
  expect(documents.document).toBe(before)
  expect(documents.dirty).toBe(false)
  expect(useEditorStore().undoLabel).toBeNull()
})
