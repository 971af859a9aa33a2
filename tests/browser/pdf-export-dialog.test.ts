/**
 * The export dialog in a real Chromium with the real stores, over a fake bridge: what it offers,
 * the options it sends, the progress it shows, cancelling, and the result.
 */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { defineComponent, h, ref } from 'vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import type { ErrorPayload } from '@shared/errors'
import type { ChronotesBridge, Envelope } from '@shared/ipc'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument } from '@shared/model/schema'
import type { ExportedReport, ReportOptions } from '@shared/report/options'

/** One export call the fake main received, answered when the test says so. */
interface PendingExport {
  document: TimelineDocument
  options: ReportOptions
  answer(reply: Envelope<ExportedReport | null>): void
}

const exports: PendingExport[] = []
const opened: string[] = []
let cancels = 0
const progressListeners: ((payload: unknown) => void)[] = []
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const failure = (error: ErrorPayload) => ({ ok: false as const, error })

// The stores read `window.chronotes` when first imported: the fake goes there first.
window.chronotes = {
  on: (event: string, listener: (payload: unknown) => void) => {
    if (event === 'reports:progress') progressListeners.push(listener)
    return () => undefined
  },
  reports: {
    exportPdf: (document: TimelineDocument, options: ReportOptions) =>
      new Promise((answer) => exports.push({ document, options, answer })),
    cancel: () => {
      cancels++
      return ok(undefined)
    }
  },
  files: {
    openPath: (path: string) => {
      opened.push(path)
      return ok(undefined)
    }
  },
  documents: {
    save: () => ok({ revision: 'r2', savedAt: new Date().toISOString() }),
    saveChanges: () => ok({ revision: 'r2', savedAt: new Date().toISOString() })
  }
} as unknown as ChronotesBridge
const { default: PdfExportDialog } = await import('@renderer/components/export/PdfExportDialog.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useSettingsStore } = await import('@renderer/stores/settings')
const { useViewStore } = await import('@renderer/stores/view')

function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  return result.document
}

const progress = (stage: string, done: number) => progressListeners.forEach((l) => l({ stage, done, total: 3 }))

beforeEach(() => {
  exports.length = opened.length = 0
  cancels = 0
})

/** The dataset open, the author set, the dialog mounted as App mounts it, and opened. */
async function openDialog(prepare: (view: ReturnType<typeof useViewStore>, doc: TimelineDocument) => void = () => {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const doc = loadDataset()
  useDocumentStore().load({ name: 'x.chronotes.json', document: doc, revision: 'r' })
  useSettingsStore().authorName = 'Analyst'
  const view = useViewStore()
  prepare(view, doc)
  const dialog = ref<InstanceType<typeof PdfExportDialog> | null>(null)
  const Host = defineComponent(() => () => [
    h('button', { type: 'button', onClick: () => dialog.value?.open() }, 'Export PDF (test)'),
    h(PdfExportDialog, { ref: dialog })
  ])
  const screen = await render(Host, { global: { plugins: [pinia] } })
  await userEvent.click(screen.getByRole('button', { name: 'Export PDF (test)' }))
  const modal = screen.getByRole('dialog', { name: 'Export PDF' })
  await expect.element(modal).toBeVisible()
  return { screen, modal, view, doc }
}

test('opens with the document’s title and the author, all events chosen, the filter unavailable', async () => {
  const { modal, doc } = await openDialog()
  await expect.element(modal.getByLabelText('Title', { exact: true })).toHaveValue(doc.title)
  await expect.element(modal.getByLabelText('Author (optional)')).toHaveValue('Analyst')
  await expect.element(modal.getByRole('radio', { name: /All events \(88 events\)/ })).toBeChecked()
  await expect.element(modal.getByRole('radio', { name: /current filter/ })).toBeDisabled()
  await expect.element(modal.getByRole('radio', { name: /selected events/ })).toBeDisabled()
  await expect.element(modal.getByRole('checkbox', { name: 'Notes' })).toBeChecked()
  await expect.element(modal.getByRole('checkbox', { name: 'Sources' })).toBeChecked()

  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  const sent = exports[0]!
  expect(sent.document).toBe(useDocumentStore().document)
  expect(sent.options).toMatchObject({
    title: doc.title,
    author: 'Analyst',
    selection: { kind: 'all' },
    includeNotes: true,
    includeSources: true,
    landscape: false
  })
  expect(sent.options).not.toHaveProperty('subtitle')
  sent.answer({ ok: true, value: null }) // the user cancelled the save dialog: back to the form
  await expect.element(modal.getByRole('button', { name: 'Export PDF…' })).toBeVisible()
})

test('with a filter set, exports the filter (and the search) by default, as plain data', async () => {
  const { modal, view } = await openDialog((view) => {
    view.setFilter({ confidences: ['confirmed'] })
    view.query = 'Kyiv'
  })
  const expected = view.matchingItems.length
  expect(expected).toBeGreaterThan(0)
  const radio = modal.getByRole('radio', { name: new RegExp(`current filter and search \\(${expected} events?\\)`) })
  await expect.element(radio).toBeChecked()
  await expect.element(modal.getByText(/of 88 events; matching “Kyiv”; confidence: confirmed/)).toBeVisible()

  await userEvent.click(modal.getByRole('checkbox', { name: 'Notes' }))
  await userEvent.selectOptions(modal.getByRole('combobox', { name: 'Size' }), 'Letter')
  await userEvent.click(modal.getByRole('radio', { name: 'Landscape' }))
  await userEvent.fill(modal.getByLabelText('Subtitle (optional)'), 'Briefing copy')
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  expect(exports[0]!.options).toMatchObject({
    subtitle: 'Briefing copy',
    selection: { kind: 'filter', filter: { confidences: ['confirmed'], text: 'Kyiv' } },
    includeNotes: false,
    includeSources: true,
    pageSize: 'Letter',
    landscape: true
  })
  exports[0]!.answer({ ok: true, value: null })
})

test('exports the selected events, and a date range once it is a range', async () => {
  const { modal } = await openDialog((view, doc) => view.setSelection([doc.items[3]!.id, doc.items[7]!.id]))
  await userEvent.click(modal.getByRole('radio', { name: /selected events \(2 events\)/ }))
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  const selection = exports[0]!.options.selection
  expect(selection.kind === 'items' && selection.ids.length).toBe(2)
  exports[0]!.answer({ ok: true, value: null })

  await userEvent.click(modal.getByRole('radio', { name: /A date range/ }))
  const exportButton = modal.getByRole('button', { name: 'Export PDF…' })
  await expect.element(modal.getByText('Give a start, an end, or both.').first()).toBeVisible()
  await expect.element(exportButton).toBeDisabled()
  await userEvent.fill(modal.getByLabelText('From'), '2022-13')
  await expect.element(modal.getByText(/“2022-13” is not a date/).first()).toBeVisible()
  await userEvent.fill(modal.getByLabelText('From'), '2023')
  await userEvent.fill(modal.getByLabelText('To'), '2022')
  await expect.element(modal.getByText('The start is after the end.').first()).toBeVisible()
  await userEvent.fill(modal.getByLabelText('To'), '2023')
  await expect.element(modal.getByRole('radio', { name: /A date range \(\d+ events?\)/ })).toBeChecked()
  await userEvent.click(exportButton)
  await expect.poll(() => exports.length).toBe(2)
  expect(exports[1]!.options.selection).toEqual({ kind: 'dates', from: '2023', to: '2023' })
  exports[1]!.answer({ ok: true, value: null })
})

test('shows the stages as they come, cancels, and says that nothing was written', async () => {
  const { modal } = await openDialog()
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  await expect.element(modal.getByRole('status').getByText('Starting…')).toBeVisible()
  progress('Printing', 1)
  await expect.element(modal.getByText('Printing…')).toBeVisible()
  await expect.element(modal.getByRole('progressbar')).toHaveAttribute('value', '1.5')

  await userEvent.click(modal.getByRole('button', { name: 'Cancel export' }))
  expect(cancels).toBe(1)
  exports[0]!.answer(failure({ code: 'CANCELLED', message: 'The PDF export was cancelled.' }))
  await expect.element(modal.getByText('The export was cancelled; nothing was written.')).toBeVisible()
  await expect.element(modal.getByRole('button', { name: 'Export PDF…' })).toBeEnabled()
})

test('Escape during an export cancels it and keeps the dialog', async () => {
  const { modal } = await openDialog()
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  await userEvent.keyboard('{Escape}')
  await expect.poll(() => cancels).toBe(1)
  await expect.element(modal).toBeVisible()
  exports[0]!.answer(failure({ code: 'CANCELLED', message: 'cancelled' }))
  await expect.element(modal.getByText(/cancelled; nothing was written/)).toBeVisible()
})

test('after printing, says how many pages and how large, and opens the PDF', async () => {
  const { modal } = await openDialog()
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  exports[0]!.answer({ ok: true, value: { path: '/home/ana/Briefing.pdf', pages: 14, bytes: 1_572_864 } })
  await expect.element(modal.getByText(/Exported 14 pages \(1\.5 MB\) to/)).toBeVisible()
  await expect.element(modal.getByText('/home/ana/Briefing.pdf')).toBeVisible()
  await userEvent.click(modal.getByRole('button', { name: 'Open PDF' }))
  expect(opened).toEqual(['/home/ana/Briefing.pdf'])
  await userEvent.click(modal.getByRole('button', { name: 'Done' }))
  await expect.element(modal).not.toBeInTheDocument()
})

test('a failed export says why, in the service’s words, and the form stays', async () => {
  const { modal } = await openDialog()
  await userEvent.click(modal.getByRole('button', { name: 'Export PDF…' }))
  await expect.poll(() => exports.length).toBe(1)
  exports[0]!.answer(failure({ code: 'IO', message: 'The PDF could not be written to /readonly/x.pdf: EACCES' }))
  await expect.element(modal.getByRole('alert')).toHaveTextContent('could not be written to /readonly/x.pdf')
  await expect.element(modal.getByRole('button', { name: 'Export PDF…' })).toBeEnabled()
})

test('refuses to export without a title', async () => {
  const { modal } = await openDialog()
  await userEvent.fill(modal.getByLabelText('Title', { exact: true }), '  ')
  await expect.element(modal.getByRole('button', { name: 'Export PDF…' })).toBeDisabled()
  await expect.element(modal.getByText('The PDF needs a title.')).toBeVisible()
})

test('closed, it holds no form (nothing counted per keystroke); opened, its counts are those of now', async () => {
  const pinia = createPinia()
  setActivePinia(pinia)
  const doc = loadDataset()
  useDocumentStore().load({ name: 'x.chronotes.json', document: doc, revision: 'r' })
  const dialog = ref<InstanceType<typeof PdfExportDialog> | null>(null)
  const screen = await render(
    defineComponent(() => () => h(PdfExportDialog, { ref: dialog })),
    { global: { plugins: [pinia] } }
  )
  expect(screen.container.querySelector('form')).toBeNull()
  // A filter set while it is closed: the count it offers on opening is the filter's.
  const view = useViewStore()
  view.setFilter({ confidences: ['confirmed'] })
  const confirmed = doc.items.filter((item) => item.confidence === 'confirmed').length
  dialog.value!.open()
  const modal = screen.getByRole('dialog', { name: 'Export PDF' })
  await expect
    .element(modal.getByRole('radio', { name: new RegExp(`current filter.*\\(${confirmed} events\\)`) }))
    .toBeChecked()
  await userEvent.click(modal.getByRole('button', { name: 'Cancel' }))
  await expect.poll(() => screen.container.querySelector('form')).toBeNull()
})
