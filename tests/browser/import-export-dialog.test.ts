/**
 * The interchange export dialog in a real Chromium with the real stores and writers: a format,
 * which events (all, what the filter and search show, the selection), the save dialog's answer,
 * and the written file opened afterwards.
 */
import { afterEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { defineComponent, h, ref } from 'vue'
import { readDocument } from '@shared/model/document'
import { bridge, byTitle, installBridge, loadDataset, mountWith } from './import-fixtures'

installBridge()
const { default: ExportDialog } = await import('@renderer/components/export/ExportDialog.vue')
const { useViewStore } = await import('@renderer/stores/view')

const TITLE = 'US–Ukraine intelligence cooperation, 2014–2025'

/** The dialog with a button that opens it, as the app's command does. */
const Host = defineComponent(() => {
  const dialog = ref<InstanceType<typeof ExportDialog> | null>(null)
  return () => [
    h('button', { type: 'button', class: 'opener', onClick: () => dialog.value?.open() }, 'Export…'),
    h(ExportDialog, { ref: dialog })
  ]
})

const dialog = () => document.querySelector('dialog.export-dialog') as HTMLDialogElement
const button = (name: string) =>
  [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement
const scope = (value: string) =>
  dialog().querySelector<HTMLInputElement>(`input[name="export-scope"][value="${value}"]`)!
const until = (check: () => unknown) => expect.poll(check, { timeout: 10_000 })

async function openDialog(): Promise<void> {
  await userEvent.click(document.querySelector<HTMLButtonElement>('button.opener')!)
  await until(() => dialog().open).toBe(true)
}

afterEach(() => {
  bridge.saved = []
  bridge.opened = []
  bridge.nextExportPath = '/home/analyst/Exports/out'
  dialog()?.close()
})

test('exports every event as Chronotes JSON by default, and opens the written file on request', async () => {
  await mountWith(Host)
  await openDialog()
  expect(dialog().querySelector('h2')?.textContent).toBe(`Export ‘${TITLE}’`)
  expect(scope('all').checked).toBe(true)
  expect(scope('filtered').disabled).toBe(true)
  expect(scope('selection').disabled).toBe(true)
  await userEvent.click(button('Save…'))
  await until(() => dialog().querySelector('.saved')?.textContent?.trim()).toBe(
    `Saved 88 events to /home/analyst/Exports/out/${TITLE}.chronotes.json`
  )
  expect(bridge.saved.map((file) => file.name)).toEqual([`${TITLE}.chronotes.json`])
  const written = readDocument(bridge.saved[0]!.text)
  expect(written.ok && written.document).toEqual(loadDataset())

  await userEvent.click(button('Open the file'))
  expect(bridge.opened).toEqual([`/home/analyst/Exports/out/${TITLE}.chronotes.json`])
})

test('the selection, as CSV: only the selected events are written', async () => {
  const { documents } = await mountWith(Host)
  const doc = documents.document!
  const picked = [byTitle(doc, 'Putin signs treaty'), byTitle(doc, 'Black Sea Fleet flagship Moskva')]
  useViewStore().setSelection(picked.map((item) => item.id))
  await openDialog()
  expect(scope('selection').checked).toBe(true) // what the user picked is what they most likely mean
  await userEvent.selectOptions(dialog().querySelector('select')!, 'csv')
  expect(dialog().textContent).toContain('One row per event')
  await userEvent.click(button('Save…'))
  await until(() => bridge.saved.length).toBe(1)
  const { name, text } = bridge.saved[0]!
  expect(name).toBe(`${TITLE}.csv`)
  for (const item of picked) expect(text).toContain(item.title)
  expect(text).not.toContain(byTitle(doc, 'CIA Director John Brennan').title)
  await until(() => dialog().querySelector('.saved')?.textContent).toContain('Saved 2 events to')
})

test('what the filter and search show, as TimelineJS JSON', async () => {
  const { documents } = await mountWith(Host)
  const view = useViewStore()
  view.query = 'Moskva'
  const expected = view.matchingItems.map((item) => item.title)
  expect(expected.length).toBeGreaterThan(0)
  expect(expected.length).toBeLessThan(documents.document!.items.length)
  await openDialog()
  expect(scope('filtered').checked).toBe(true)
  expect(scope('filtered').closest('label')?.textContent).toContain(`${expected.length} of 88 events`)
  await userEvent.selectOptions(dialog().querySelector('select')!, 'timelinejs-json')
  await userEvent.click(button('Save…'))
  await until(() => bridge.saved.length).toBe(1)
  const timeline = JSON.parse(bridge.saved[0]!.text) as { events: { text: { headline: string } }[] }
  expect(timeline.events).toHaveLength(expected.length)
  expect(bridge.saved[0]!.name).toBe(`${TITLE}.json`)
})

test('cancelling the save dialog writes nothing and says nothing', async () => {
  await mountWith(Host)
  bridge.nextExportPath = null
  await openDialog()
  await userEvent.click(button('Save…'))
  await until(() => bridge.saved.length).toBe(1)
  expect(dialog().querySelector('.saved')).toBeNull()
  expect(dialog().querySelector('[role=alert]')).toBeNull()
  expect(dialog().open).toBe(true)
  await userEvent.click(button('Cancel'))
  expect(dialog().open).toBe(false)
})
