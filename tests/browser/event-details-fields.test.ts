/**
 * The details panel's editors in a real Chromium with the real stores: EDTF dates with a live
 * preview, the date as the source gave it, and kind, lane, tags, confidence and sources. Invalid input stays in its field, is not saved, and
 * says why; valid input is saved as an undoable step.
 */
import { createPinia, setActivePinia } from 'pinia'
import { expect, test } from 'vitest'
import { userEvent, type Locator } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { computed, defineComponent, h } from 'vue'
import { ItemSchema, type TimelineItem } from '@shared/model/schema'
import { installFakeBridge, loadDataset } from './fake-bridge'

// As in event-details.test.ts: a fake bridge before the stores first import ../../api.
const { opened } = installFakeBridge({ authorName: 'Analyst' })
const { default: EventDetails } = await import('@renderer/components/details/EventDetails.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')
const { useViewStore } = await import('@renderer/stores/view')

/** The bundled dataset in fresh stores, the event titled `prefix…` selected, its panel mounted as App does. */
async function openEvent(prefix: string, change: Partial<TimelineItem> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const doc = loadDataset()
  const found = doc.items.find((i) => i.title.startsWith(prefix))
  if (!found) throw new Error(`dataset has no event titled "${prefix}…"`)
  const edited = ItemSchema.parse({ ...found, ...change })
  const documents = useDocumentStore()
  documents.load({
    name: 'x.chronotes.json',
    document: { ...doc, items: doc.items.map((i) => (i.id === edited.id ? edited : i)) },
    revision: 'r'
  })
  const view = useViewStore()
  view.select(edited.id, { open: true })
  const Host = defineComponent(() => {
    const item = computed(() => documents.document?.items.find((i) => i.id === view.selectedId))
    const group = computed(() => documents.document?.groups.find((g) => g.id === item.value?.groupId))
    return () =>
      view.detailsOpen && item.value
        ? h(EventDetails, { key: item.value.id, item: item.value, group: group.value })
        : null
  })
  const screen = await render(Host, { global: { plugins: [pinia] } })
  const current = () => documents.document!.items.find((i) => i.id === edited.id)!
  return { screen, documents, editor: useEditorStore(), id: edited.id, current }
}

/** The text under a field: its error (an alert) or its note. */
function under(input: Locator): string {
  const field = input.element().closest('.field')!
  return (field.querySelector('.field-error, .field-note')?.textContent ?? '').trim()
}
function alertIn(input: Locator): string | null {
  return input.element().closest('.field')!.querySelector('[role="alert"]')?.textContent?.trim() ?? null
}

async function type(input: Locator, text: string): Promise<void> {
  await userEvent.fill(input, text)
  await userEvent.keyboard('{Enter}')
}

const BRENNAN = 'CIA Director John Brennan makes a weekend trip' // a day range, 2014-04-12 – 2014-04-13
const RATCLIFFE = 'Ratcliffe and Waltz confirm' // a point, 2025-03-05

test('dates are saved as typed, tidied, and shown as a reader says them', async () => {
  const { screen, editor, current } = await openEvent(BRENNAN)
  const start = screen.getByLabelText('Start')
  expect(under(start)).toBe('12 April 2014')
  await type(start, '2014-4-11')
  expect(current().start).toBe('2014-04-11')
  await expect.element(start).toHaveValue('2014-04-11')
  expect(under(start)).toBe('11 April 2014')
  expect(editor.undoLabel).toBe('Change date')
  editor.undo()
  await expect.element(start).toHaveValue('2014-04-12')
})

test('an end before the start is shown at the End field and not saved; the typed dates stay', async () => {
  const { screen, current } = await openEvent(BRENNAN)
  const [start, end] = [screen.getByLabelText('Start'), screen.getByLabelText('End')]
  await type(end, '2014-04-10')
  await expect.poll(() => alertIn(end)).toBe('The end (10 April 2014) is before the start (12 April 2014).')
  await expect.element(end).toHaveAttribute('aria-invalid', 'true')
  expect(alertIn(start)).toBeNull()
  expect(current().end).toBe('2014-04-13')
  await userEvent.click(screen.getByText('Lane'))
  expect(current().end).toBe('2014-04-13')
  await expect.element(end).toHaveValue('2014-04-10')

  // Moving the start before it makes both valid: saved together.
  await type(start, '2014-04-09')
  expect([current().start, current().end]).toEqual(['2014-04-09', '2014-04-10'])
  await expect.poll(() => alertIn(end)).toBeNull()
})

test('an impossible date is refused with the reason and kept in the field, even when the event moves', async () => {
  const { screen, editor, current, id } = await openEvent(RATCLIFFE)
  const date = screen.getByLabelText('Date (EDTF)', { exact: true })
  await type(date, '2023-02-29')
  await expect.poll(() => alertIn(date)).toBe('"2023-02-29" is not a date: February 2023 has 28 days.')
  expect(current().start).toBe('2025-03-05')

  // A drag elsewhere moves the event: the panel follows it, except in the field waiting for a fix.
  editor.moveItems([{ id, start: '2025-03-06', groupId: 'diplomacy' }])
  await expect.element(screen.getByLabelText('Lane')).toHaveValue('diplomacy')
  await expect.element(date).toHaveValue('2023-02-29')
  expect(current().start).toBe('2025-03-06')

  await type(date, '2024-02-29')
  expect(current().start).toBe('2024-02-29')
  await expect.poll(() => alertIn(date)).toBeNull()
  // A time without an offset is refused with the way to write it.
  await type(date, '2024-02-29T10:00:00.5Z')
  await expect.poll(() => alertIn(date)).toContain('fractions of a second are not kept')
})

test('an EDTF date reads as it will show while it is typed, and the date as the source gave it is kept', async () => {
  const { screen, editor, current } = await openEvent(RATCLIFFE)
  const date = screen.getByLabelText('Date (EDTF)', { exact: true })
  await userEvent.fill(date, '2016~')
  // The preview follows the typing, before anything is saved.
  await expect.poll(() => under(date)).toBe('c. 2016')
  expect(current().start).toBe('2025-03-05')
  await userEvent.fill(date, '2014-21?')
  await expect.poll(() => under(date)).toBe('spring 2014?')
  await userEvent.fill(date, '2025-03-05 14:30:15+02:00')
  await expect.poll(() => under(date)).toBe('5 March 2025, 14:30:15 UTC+02:00')
  await userEvent.keyboard('{Enter}')
  expect(current().start).toBe('2025-03-05T14:30:15+02:00')
  await expect.element(screen.getByText('second', { exact: false }).first()).toBeVisible()

  await type(date, '2016 ~')
  expect(current().start).toBe('2016~')
  await expect
    .element(screen.container.querySelector<HTMLElement>('.event-date'))
    .toHaveTextContent('c. 2016 (approximate, year precision)')

  const shown = screen.getByLabelText('Date as the source gives it')
  await type(shown, '  about 2016, per a former official ')
  expect(current().displayDate).toBe('about 2016, per a former official')
  expect(editor.undoLabel).toBe('Change date as given')
  editor.undo()
  expect(current().displayDate).toBeUndefined()
})

test('a point made a range gets an end one step of its precision later; made a point again, the end goes (undoably)', async () => {
  const { screen, editor, current } = await openEvent(RATCLIFFE)
  const kind = screen.getByLabelText('Kind')
  await userEvent.selectOptions(kind, 'range')
  expect(current()).toMatchObject({ kind: 'range', start: '2025-03-05', end: '2025-03-06' })
  await expect.element(screen.getByLabelText('End')).toHaveValue('2025-03-06')
  await expect.element(screen.getByLabelText('Start')).toBeVisible()

  await userEvent.selectOptions(kind, 'background')
  expect(current()).toMatchObject({ kind: 'background', end: '2025-03-06' })

  await userEvent.selectOptions(kind, 'point')
  expect(current().kind).toBe('point')
  expect('end' in current()).toBe(false)
  expect(screen.container.querySelector('.end-input')).toBeNull()
  editor.undo()
  expect(current()).toMatchObject({ kind: 'background', end: '2025-03-06' })
  await expect.element(screen.getByLabelText('End')).toHaveValue('2025-03-06')
})

test('the lane is chosen from the timeline lanes, in their order', async () => {
  const { screen, current, documents } = await openEvent(RATCLIFFE)
  const lane = screen.getByLabelText('Lane')
  const options = [...lane.element().querySelectorAll('option')].map((o) => o.textContent)
  const ordered = [...documents.document!.groups].sort((a, b) => a.order - b.order).map((g) => g.title)
  expect(options).toEqual(ordered)
  await userEvent.selectOptions(lane, 'diplomacy')
  expect(current().groupId).toBe('diplomacy')
  await expect.element(screen.getByText('Diplomacy', { exact: true }).first()).toBeVisible()
})

test('tags: Enter or a comma adds, completion offers the tags in use, a repeat is ignored, × removes', async () => {
  const { screen, editor, current } = await openEvent(RATCLIFFE)
  expect(current().tags).toEqual(['ratcliffe', 'waltz', 'intelligence-pause', 'cia'])
  const input = screen.getByLabelText('Tags', { exact: true })

  // Completion: tags other events use, most used first, not the event's own.
  const offered = [...screen.container.querySelectorAll<HTMLOptionElement>('datalist.tag-suggestions option')].map(
    (o) => o.value
  )
  expect(offered).toContain('burns')
  expect(offered).toContain('five-eyes')
  expect(offered).not.toContain('cia')
  expect(input.element().getAttribute('list')).toBe(screen.container.querySelector('datalist')!.id)

  await type(input, '  Five Eyes ')
  expect(current().tags).toEqual(['ratcliffe', 'waltz', 'intelligence-pause', 'cia', 'five-eyes'])
  await expect.element(input).toHaveValue('')

  await userEvent.fill(input, 'CIA')
  await userEvent.keyboard('{Enter}')
  expect(current().tags).toHaveLength(5)
  await expect
    .element(screen.getByRole('status').filter({ hasText: 'already' }))
    .toHaveTextContent('“cia” is already a tag')

  await userEvent.fill(input, 'sbu')
  await userEvent.keyboard(',')
  expect(current().tags.at(-1)).toBe('sbu')

  await userEvent.click(screen.getByRole('button', { name: 'Remove tag waltz' }))
  expect(current().tags).toEqual(['ratcliffe', 'intelligence-pause', 'cia', 'five-eyes', 'sbu'])
  await expect.element(input).toHaveFocus()
  editor.undo()
  expect(current().tags).toContain('waltz')
  await expect.element(screen.getByRole('button', { name: 'Remove tag waltz' })).toBeVisible()
})

test('confidence is chosen with radio buttons that explain how the timeline draws each level', async () => {
  const { screen, editor, current } = await openEvent(RATCLIFFE)
  const reported = screen.getByRole('radio', { name: 'Reported' })
  await expect.element(screen.getByRole('radio', { name: 'Confirmed' })).toBeChecked()
  await expect.element(reported).toHaveAccessibleDescription('italic title, dashed border')
  await userEvent.click(reported)
  expect(current().confidence).toBe('reported')
  expect(editor.undoLabel).toBe('Mark as reported')
  const legend = screen.container.querySelector('.confidence-field')!.textContent!.replace(/\s+/g, ' ')
  for (const words of ['solid', 'italic title, dashed border', 'dotted red underline and border', 'faded'])
    expect(legend).toContain(words)
  editor.undo()
  await expect.element(screen.getByRole('radio', { name: 'Confirmed' })).toBeChecked()
})

test('sources: added, edited field by field, a non-web address refused at its field, removed', async () => {
  const { screen, current } = await openEvent(RATCLIFFE)
  const before = current().sources
  await userEvent.click(screen.getByRole('button', { name: '+ Add source' }))
  // Nothing typed yet: no empty "Unknown outlet" source in the document, and none counted.
  expect(current().sources).toHaveLength(before.length)
  const count = () => screen.container.querySelector('.sources-editor h3 .count')!.textContent
  expect(count()).toBe(String(before.length))

  const form = screen.getByRole('group', { name: `Source ${before.length + 1}` })
  const outlet = form.getByLabelText('Outlet')
  await expect.element(outlet).toHaveFocus()
  await type(outlet, ' Reuters ')
  expect(current().sources.at(-1)).toEqual({ title: null, outlet: 'Reuters', url: null, published: null })
  expect(count()).toBe(String(before.length + 1))

  const url = form.getByLabelText('Web address')
  await type(url, 'javascript:alert(1)')
  await expect.poll(() => alertIn(url)).toBe('Only web addresses that start with http:// or https:// can be linked.')
  await expect.element(url).toHaveAttribute('aria-invalid', 'true')
  expect(current().sources.at(-1)!.url).toBeNull()
  await expect.element(url).toHaveValue('javascript:alert(1)')

  const published = form.getByLabelText('Published')
  await type(published, '2025-02-30')
  await expect.poll(() => alertIn(published)).toBe('"2025-02-30" is not a date: February 2025 has 28 days.')
  await type(published, '2025-3')
  expect(current().sources.at(-1)!.published).toBe('2025-03')

  // Done with an invalid field keeps the form open, focused on it.
  await userEvent.click(form.getByRole('button', { name: 'Done' }))
  await expect.element(url).toHaveFocus()
  await type(url, 'https://www.reuters.com/world/pause')
  expect(current().sources.at(-1)).toEqual({
    title: null,
    outlet: 'Reuters',
    url: 'https://www.reuters.com/world/pause',
    published: '2025-03'
  })
  await userEvent.click(form.getByRole('button', { name: 'Done' }))
  await expect.element(form).not.toBeInTheDocument()

  const row = [...screen.container.querySelectorAll<HTMLElement>('.sources .source')].at(-1)!
  const link = row.querySelector<HTMLAnchorElement>('a.source-link')!
  expect(link.getAttribute('href')).toBe('https://www.reuters.com/world/pause')
  await userEvent.click(link)
  await expect.poll(() => opened).toEqual(['https://www.reuters.com/world/pause'])
  opened.length = 0

  // An empty field is saved as unknown (null), not as an empty string.
  await userEvent.click(screen.getByRole('button', { name: `Edit source ${before.length + 1}` }))
  await type(form.getByLabelText('Outlet'), '')
  expect(current().sources.at(-1)!.outlet).toBeNull()

  await userEvent.click(screen.getByRole('button', { name: 'Remove source 1' }))
  expect(current().sources).toEqual([...before.slice(1), current().sources.at(-1)])
  expect(current().sources).toHaveLength(before.length)
})

test('sources: a source added and closed with nothing typed leaves nothing behind', async () => {
  const { screen, current } = await openEvent(RATCLIFFE)
  const before = current().sources
  await userEvent.click(screen.getByRole('button', { name: '+ Add source' }))
  const form = screen.getByRole('group', { name: `Source ${before.length + 1}` })
  await expect.element(form.getByLabelText('Outlet')).toHaveFocus()
  await userEvent.click(form.getByRole('button', { name: 'Done' }))
  await expect.element(form).not.toBeInTheDocument()
  expect(current().sources).toEqual(before)
  expect(screen.container.querySelectorAll('.sources .source')).toHaveLength(before.length)
  await expect.element(screen.getByRole('button', { name: '+ Add source' })).toHaveFocus()
})
