/**
 * Deleting lanes in the lanes dialog (real Chromium, real Pinia stores): an empty lane goes at
 * once; a lane that holds events goes only after the user chose where its events go, and either
 * choice is one step that undo reverts byte for byte. Nothing is deleted without that choice.
 */
import { createPinia, setActivePinia } from 'pinia'
import { expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { defineComponent, h, ref } from 'vue'
import { serializeDocument } from '@shared/model/document'
import type { TimelineDocument } from '@shared/model/schema'
import { installFakeBridge, loadDataset } from './fake-bridge'

// The stores reach `window.chronotes` through ../../api, which reads it when first imported: a
// fake transport goes there first. Saving answers as main does; nothing is written anywhere.
installFakeBridge({ authorName: 'Tester' })
const { default: LaneManager } = await import('@renderer/components/lanes/LaneManager.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')

const Host = defineComponent(() => {
  const lanes = ref<{ open(): void } | null>(null)
  return () => [h('button', { onClick: () => lanes.value?.open() }, 'Lanes…'), h(LaneManager, { ref: lanes })]
})

async function openLanes(doc: TimelineDocument = loadDataset()) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const documents = useDocumentStore()
  documents.load({ name: 'lanes.chronotes.json', document: doc, revision: 'r0' })
  await render(Host, { global: { plugins: [pinia] } })
  await userEvent.click(page.getByRole('button', { name: 'Lanes…' }))
  const dialog = page.getByRole('dialog', { name: 'Lanes' })
  await expect.element(dialog).toBeVisible()
  return { dialog, documents, editor: useEditorStore(), before: serializeDocument(documents.document!) }
}

const lanesOf = (doc: TimelineDocument | null) => (doc?.groups ?? []).map((g) => g.id)
const eventsIn = (doc: TimelineDocument | null, lane: string) => (doc?.items ?? []).filter((i) => i.groupId === lane)

const destructive = () => page.getByRole('button', { name: 'Delete the lane and its 13 events' })
const moveAndDelete = () => page.getByRole('button', { name: 'Move and delete lane' })

test('an empty lane is deleted at once, as one undoable step', async () => {
  const doc = loadDataset()
  doc.groups.push({ id: 'empty-lane', title: 'Sanctions', color: '#882255', order: 8 })
  const { documents, editor, before } = await openLanes(doc)
  await expect.element(page.getByLabelText('Title of lane 9')).toHaveValue('Sanctions')

  await userEvent.click(page.getByRole('button', { name: 'Delete Sanctions' }))
  expect(lanesOf(documents.document)).not.toContain('empty-lane')
  expect(documents.document!.items).toHaveLength(doc.items.length)
  await expect.element(page.getByLabelText('Title of lane 9')).not.toBeInTheDocument()
  await expect.element(page.getByRole('status')).toHaveTextContent('Deleted the lane ‘Sanctions’.')
  // The focus stays in the list, on the Delete button now at the end.
  expect(document.activeElement?.getAttribute('aria-label')).toBe('Delete Infrastructure')
  expect(editor.undoLabel).toBe('Delete lane')

  await userEvent.click(page.getByRole('button', { name: 'Undo', exact: true }))
  expect(serializeDocument(documents.document!)).toBe(before)
  await expect.element(page.getByLabelText('Title of lane 9')).toHaveValue('Sanctions')
})

test('deleting a lane that holds events asks first; Cancel and Escape go back with nothing deleted', async () => {
  const { dialog, documents, editor, before } = await openLanes()
  await userEvent.click(page.getByRole('button', { name: 'Delete Diplomacy' }))

  await expect.element(dialog).toHaveTextContent('‘Diplomacy’ holds 13 events.')
  await expect.element(page.getByRole('heading', { name: 'Delete the lane ‘Diplomacy’?' })).toBeVisible()
  // The choices: move (to one of the other seven lanes) or delete with the events, apart and marked.
  const target = page.getByRole('combobox', { name: 'Move them to:' })
  await expect.element(target).toHaveFocus()
  const options = [...(target.element() as HTMLSelectElement).options].map((o) => o.textContent)
  expect(options).toEqual([
    'Intelligence sharing',
    'Covert cooperation',
    'Military aid',
    'Pauses and restrictions',
    'Russian actions',
    'Leaks and disclosures',
    'Infrastructure'
  ])
  await expect.element(moveAndDelete()).toBeVisible()
  await expect.element(destructive()).toHaveClass('destroy')
  await expect.element(dialog).toHaveTextContent('All 13 events will be deleted.')
  // Asking deletes nothing.
  expect(serializeDocument(documents.document!)).toBe(before)

  await userEvent.click(page.getByRole('button', { name: 'Cancel' }))
  await expect.element(page.getByRole('button', { name: 'Delete Diplomacy' })).toHaveFocus()
  expect(serializeDocument(documents.document!)).toBe(before)

  // Escape leaves the question, not the dialog.
  await userEvent.click(page.getByRole('button', { name: 'Delete Diplomacy' }))
  await expect.element(destructive()).toBeVisible()
  await userEvent.keyboard('{Escape}')
  await expect.element(destructive()).not.toBeInTheDocument()
  expect((dialog.element() as HTMLDialogElement).open).toBe(true)
  expect(serializeDocument(documents.document!)).toBe(before)
  expect(editor.undoLabel).toBeNull()
})

test('"Move and delete lane" moves every event to the chosen lane, in one step that undo reverts exactly', async () => {
  const { documents, editor, before } = await openLanes()
  const moved = eventsIn(documents.document, 'diplomacy').map((i) => i.id)
  const alreadyThere = eventsIn(documents.document, 'military-aid').length
  expect(moved).toHaveLength(13)

  await userEvent.click(page.getByRole('button', { name: 'Delete Diplomacy' }))
  await userEvent.selectOptions(page.getByRole('combobox', { name: 'Move them to:' }), 'Military aid')
  await userEvent.click(moveAndDelete())

  const after = documents.document!
  expect(lanesOf(after)).not.toContain('diplomacy')
  expect(after.items).toHaveLength(88)
  for (const id of moved) expect(after.items.find((i) => i.id === id)?.groupId).toBe('military-aid')
  expect(eventsIn(after, 'military-aid')).toHaveLength(alreadyThere + 13)
  await expect
    .element(page.getByRole('status'))
    .toHaveTextContent('Moved 13 events to ‘Military aid’ and deleted the lane ‘Diplomacy’.')
  await expect.element(page.getByRole('button', { name: 'Delete Military aid' })).toBeVisible()
  await expect.element(page.getByLabelText('Title of lane 3')).toHaveValue('Military aid')
  await expect.element(page.getByText('21 events')).toBeVisible()

  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
  editor.redo()
  expect(serializeDocument(documents.document!)).toBe(serializeDocument(after))
})

test('"Delete the lane and its events" removes both, in one step that undo reverts exactly', async () => {
  const { documents, editor, before } = await openLanes()
  const doomed = new Set(eventsIn(documents.document, 'diplomacy').map((i) => i.id))

  await userEvent.click(page.getByRole('button', { name: 'Delete Diplomacy' }))
  await userEvent.click(destructive())

  expect(lanesOf(documents.document)).not.toContain('diplomacy')
  expect(documents.document!.items).toHaveLength(88 - 13)
  expect(documents.document!.items.some((i) => doomed.has(i.id))).toBe(false)
  await expect.element(page.getByRole('status')).toHaveTextContent('Deleted the lane ‘Diplomacy’ and its 13 events.')
  expect(editor.undoLabel).toBe('Delete lane')

  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
})

test('the last lane, holding events, can only be deleted with them, and says so', async () => {
  const doc = loadDataset()
  doc.groups = doc.groups.filter((g) => g.id === 'diplomacy')
  doc.items = doc.items.filter((i) => i.groupId === 'diplomacy')
  const { dialog, documents, editor, before } = await openLanes(doc)

  await userEvent.click(page.getByRole('button', { name: 'Delete Diplomacy' }))
  await expect.element(dialog).toHaveTextContent('There is no other lane to move them to.')
  await expect.element(page.getByRole('combobox')).not.toBeInTheDocument()
  await expect.element(moveAndDelete()).not.toBeInTheDocument()
  // The safe choice has the focus, not the destructive one.
  await expect.element(page.getByRole('button', { name: 'Cancel' })).toHaveFocus()
  expect(serializeDocument(documents.document!)).toBe(before)

  await userEvent.click(destructive())
  expect(documents.document!.groups).toEqual([])
  expect(documents.document!.items).toEqual([])
  await expect.element(dialog).toHaveTextContent('This timeline has no lanes.')
  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
})
