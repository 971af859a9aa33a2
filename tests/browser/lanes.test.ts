/**
 * The lanes dialog in a real Chromium with the real Pinia stores: adding, renaming, recolouring
 * and reordering lanes (buttons and HTML5 drag and drop), each one undoable step.
 * Deleting lanes is in lanes-delete.test.ts.
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
const { LANE_PALETTE, nextLaneColor } = await import('@renderer/components/lanes/lane-palette')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')

/** The dialog as the app has it: mounted once, opened from a button, which gets the focus back. */
const Host = defineComponent(() => {
  const lanes = ref<{ open(): void } | null>(null)
  return () => [h('button', { onClick: () => lanes.value?.open() }, 'Lanes…'), h(LaneManager, { ref: lanes })]
})

async function openLanes(doc: TimelineDocument = loadDataset()) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const documents = useDocumentStore()
  documents.load({ name: 'lanes.chronotes.json', document: doc, revision: 'r0' })
  const view = await render(Host, { global: { plugins: [pinia] } })
  await userEvent.click(page.getByRole('button', { name: 'Lanes…' }))
  const dialog = page.getByRole('dialog', { name: 'Lanes' })
  await expect.element(dialog).toBeVisible()
  return { view, dialog, documents, editor: useEditorStore(), before: serializeDocument(documents.document!) }
}

/** Lane titles in their order, as the store has them. */
function storeOrder(doc: TimelineDocument | null): string[] {
  return [...(doc?.groups ?? [])].sort((a, b) => a.order - b.order).map((g) => g.id)
}

/** Lane titles as the dialog lists them. */
function listedTitles(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('.lanes li input[type="text"]')].map((input) => input.value)
}

function row(id: string): HTMLElement {
  return document.querySelector<HTMLElement>(`.lanes li[data-lane="${id}"]`)!
}

const DATASET_ORDER = [
  'intelligence-sharing',
  'covert-cooperation',
  'military-aid',
  'diplomacy',
  'policy-pause',
  'russian-action',
  'leak-or-disclosure',
  'infrastructure'
]

test('opens as a modal dialog listing the lanes in order with their events; Escape closes it', async () => {
  const { dialog } = await openLanes()
  const element = dialog.element() as HTMLDialogElement
  expect(element.open).toBe(true)
  expect(element.matches(':modal')).toBe(true)
  expect(listedTitles()).toEqual([
    'Intelligence sharing',
    'Covert cooperation',
    'Military aid',
    'Diplomacy',
    'Pauses and restrictions',
    'Russian actions',
    'Leaks and disclosures',
    'Infrastructure'
  ])
  expect(row('diplomacy').querySelector('.count')?.textContent).toBe('13 events')
  expect(row('infrastructure').querySelector('.count')?.textContent).toBe('6 events')
  expect(row('diplomacy').querySelector<HTMLInputElement>('input[type="color"]')!.value).toBe('#56b4e9')

  await userEvent.keyboard('{Escape}')
  await expect.element(dialog).not.toBeInTheDocument()
  expect(element.open).toBe(false)
  // The focus is back on the button that opened it.
  expect(document.activeElement?.textContent).toBe('Lanes…')
})

test('adds a lane with the chosen title and colour at the end, as one undoable step', async () => {
  const { documents, editor, before } = await openLanes()
  const title = page.getByRole('textbox', { name: 'Title of the new lane' })
  const colour = page.getByLabelText('Colour of the new lane')
  // The dataset's eight lanes take Okabe–Ito's eight colours: the next one of the palette is offered.
  await expect.element(colour).toHaveValue('#882255')

  // An empty title is refused.
  await userEvent.click(page.getByRole('button', { name: 'Add lane' }))
  await expect.element(page.getByText('Enter a title for the new lane.')).toBeVisible()
  expect(documents.document!.groups).toHaveLength(8)

  const input = colour.element() as HTMLInputElement
  input.value = '#aa3377'
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await userEvent.fill(title, '  Sanctions  ')
  await userEvent.keyboard('{Enter}')

  await expect.poll(() => documents.document!.groups.length).toBe(9)
  const added = documents.document!.groups.find((g) => g.title === 'Sanctions')!
  expect(added).toMatchObject({ title: 'Sanctions', color: '#aa3377', order: 8 })
  await expect.poll(listedTitles).toContain('Sanctions')
  expect(listedTitles().at(-1)).toBe('Sanctions')
  await expect.element(title).toHaveValue('')
  // The chosen colour was not the palette's, so the next lane is offered the same one again.
  await expect.element(colour).toHaveValue('#882255')
  expect(editor.undoLabel).toBe('Add lane')

  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
})

test('the new lane is offered the first palette colour no lane uses, then the least used', () => {
  expect(nextLaneColor([{ color: '#0072B2' }, { color: '#cc79a7' }, { color: '#123456' }])).toBe('#009e73')
  expect(nextLaneColor([])).toBe('#0072b2')
  const everyColourOnce = LANE_PALETTE.map((color) => ({ color }))
  expect(nextLaneColor([...everyColourOnce, { color: '#0072b2' }])).toBe('#cc79a7')
})

test('renames a lane on Enter; an empty title is refused with an error and not saved', async () => {
  const { documents, editor, before } = await openLanes()
  const title = page.getByRole('textbox', { name: 'Title of lane 4' })
  await expect.element(title).toHaveValue('Diplomacy')

  await userEvent.fill(title, '')
  await userEvent.keyboard('{Enter}')
  await expect
    .element(page.getByRole('alert'))
    .toHaveTextContent('A lane needs a title. It is still called “Diplomacy”.')
  await expect.element(title).toHaveAttribute('aria-invalid', 'true')
  expect(serializeDocument(documents.document!)).toBe(before)
  expect(editor.undoLabel).toBeNull()

  await userEvent.fill(title, 'Diplomacy and talks')
  await userEvent.keyboard('{Enter}')
  await expect
    .poll(() => documents.document!.groups.find((g) => g.id === 'diplomacy')?.title)
    .toBe('Diplomacy and talks')
  await expect.element(title).toHaveAttribute('aria-invalid', 'false')
  expect(editor.undoLabel).toBe('Rename lane')
  // Leaving the field (a change event on the same value) is not a second step.
  await userEvent.tab()
  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
  await expect.element(title).toHaveValue('Diplomacy')
})

test('recolours a lane when the colour is chosen', async () => {
  const { documents, editor, before } = await openLanes()
  const swatch = page.getByLabelText('Colour of Russian actions').element() as HTMLInputElement
  swatch.value = '#882255'
  swatch.dispatchEvent(new Event('input', { bubbles: true }))
  expect(documents.document!.groups.find((g) => g.id === 'russian-action')?.color).toBe('#d55e00')
  swatch.dispatchEvent(new Event('change', { bubbles: true }))
  expect(documents.document!.groups.find((g) => g.id === 'russian-action')?.color).toBe('#882255')
  expect(editor.undoLabel).toBe('Change lane colour')
  // The row shows the new colour before anyone can undo it (undo restores the very same lane object).
  await expect.element(page.getByLabelText('Colour of Russian actions')).toHaveAttribute('title', 'Colour: #882255')
  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)
  await expect.poll(() => swatch.value).toBe('#d55e00')
})

test('reorders with Move up and Move down, keeping the focus on the button', async () => {
  const { documents, editor, before } = await openLanes()
  await userEvent.click(page.getByRole('button', { name: 'Move Diplomacy up' }))
  const swapped = ['intelligence-sharing', 'covert-cooperation', 'diplomacy', 'military-aid', ...DATASET_ORDER.slice(4)]
  expect(storeOrder(documents.document)).toEqual(swapped)
  await expect
    .poll(listedTitles)
    .toEqual(swapped.map((id) => documents.document!.groups.find((g) => g.id === id)!.title))
  expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Diplomacy up')
  expect(editor.undoLabel).toBe('Reorder lanes')
  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)

  // From the keyboard: the first lane cannot go up; down it goes, and the announcement says where.
  await expect.element(page.getByRole('button', { name: 'Move Intelligence sharing up' })).toBeDisabled()
  await expect.element(page.getByRole('button', { name: 'Move Infrastructure down' })).toBeDisabled()
  ;(page.getByRole('button', { name: 'Move Intelligence sharing down' }).element() as HTMLElement).focus()
  await userEvent.keyboard('{Enter}')
  expect(storeOrder(documents.document)).toEqual([
    'covert-cooperation',
    'intelligence-sharing',
    ...DATASET_ORDER.slice(2)
  ])
  await expect.element(page.getByRole('status')).toHaveTextContent('Moved ‘Intelligence sharing’ to position 2 of 8.')
  expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Intelligence sharing down')
})

/** A drag of `from`'s handle onto the top or bottom half of `onto`, as the browser dispatches it. */
function dragRow(from: string, onto: string, half: 'top' | 'bottom'): void {
  const dataTransfer = new DataTransfer()
  const handle = row(from).querySelector<HTMLElement>('.handle')!
  const target = row(onto)
  const box = target.getBoundingClientRect()
  const clientY = half === 'top' ? box.top + 3 : box.bottom - 3
  const init = { bubbles: true, cancelable: true, dataTransfer, clientX: box.left + 100, clientY }
  handle.dispatchEvent(new DragEvent('dragstart', init))
  const over = new DragEvent('dragover', init)
  target.dispatchEvent(over)
  // The row accepted the drag (a drop target cancels dragover) and shows where the lane will go.
  expect(over.defaultPrevented).toBe(true)
  target.dispatchEvent(new DragEvent('drop', init))
  handle.dispatchEvent(new DragEvent('dragend', init))
}

test('reorders by dragging a row onto another, as one undoable step', async () => {
  const { documents, editor, before } = await openLanes()
  expect(row('intelligence-sharing').querySelector('.handle')?.getAttribute('draggable')).toBe('true')

  dragRow('intelligence-sharing', 'diplomacy', 'bottom')
  const dragged = ['covert-cooperation', 'military-aid', 'diplomacy', 'intelligence-sharing', ...DATASET_ORDER.slice(4)]
  expect(storeOrder(documents.document)).toEqual(dragged)
  expect(documents.document!.groups.map((g) => g.order).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  await expect
    .poll(listedTitles)
    .toEqual(dragged.map((id) => documents.document!.groups.find((g) => g.id === id)!.title))
  expect(editor.undoLabel).toBe('Reorder lanes')
  expect(document.querySelector('.drop-before, .drop-after, .dragging')).toBeNull()

  // Upwards, onto the top half of a row: before it.
  dragRow('infrastructure', 'covert-cooperation', 'top')
  expect(storeOrder(documents.document)[0]).toBe('infrastructure')

  editor.undo()
  expect(storeOrder(documents.document)).toEqual(dragged)
  editor.undo()
  expect(serializeDocument(documents.document!)).toBe(before)

  // Dropping a lane where it already is changes nothing and leaves nothing to undo.
  dragRow('military-aid', 'covert-cooperation', 'bottom')
  expect(serializeDocument(documents.document!)).toBe(before)
  expect(editor.undoLabel).toBeNull()
})

test('text dragged in from elsewhere is not taken for a lane', async () => {
  const { documents, before } = await openLanes()
  const dataTransfer = new DataTransfer()
  dataTransfer.setData('text/plain', 'diplomacy')
  const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer })
  row('infrastructure').dispatchEvent(over)
  expect(over.defaultPrevented).toBe(false)
  row('infrastructure').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }))
  expect(serializeDocument(documents.document!)).toBe(before)
})
