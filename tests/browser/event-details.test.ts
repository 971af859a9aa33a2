/**
 * EventDetails in a real Chromium with the real stores: dates at their precision, sources, notes and
 * the description rendered from Markdown (and made inert), the title editor, delete and undo.
 */
import { createPinia, setActivePinia } from 'pinia'
import { expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { computed, defineComponent, h } from 'vue'
import { ItemSchema, type Note, type TimelineItem } from '@shared/model/schema'
import { installFakeBridge, loadDataset } from './fake-bridge'

declare global {
  interface Window {
    __notePwned?: unknown
    __noteControl?: unknown
  }
}

// The stores reach `window.chronotes` through ../../api, which reads it when first imported: put a
// small fake bridge there first. Autosave really calls documents.save; the fake accepts every save.
const { opened } = installFakeBridge({ authorName: 'Analyst' })
const { default: EventDetails } = await import('@renderer/components/details/EventDetails.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')
const { useViewStore } = await import('@renderer/stores/view')

/**
 * Opens the bundled dataset in fresh stores with the event titled `prefix…` (changed by `change`)
 * selected, and mounts the panel the way App does: for the selected event, while the panel is open.
 */
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
  const current = () => documents.document!.items.find((i) => i.id === edited.id)
  return { screen, documents, editor: useEditorStore(), view, id: edited.id, current }
}

function note(id: string, body: string): Note {
  return { id, author: 'Analyst', body, createdAt: '2025-03-06T10:00:00Z', updatedAt: '2025-03-06T10:00:00Z' }
}

function textOf(container: HTMLElement, selector: string): string {
  return (container.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

const HOSTILE = [
  '**Checked** against the [transcript](https://example.org/transcript).',
  '',
  '<script>window.__notePwned = 1</script>',
  '',
  '<img src=x onerror="window.__notePwned = 2">',
  '',
  '[x](javascript:alert(1)) and [y](JAVASCRIPT:window.__notePwned=3) and <a href="javascript:alert(4)">z</a>',
  '',
  // Markdown itself makes these; the sanitiser must take them out (no remote images, only http(s)/mailto links).
  '![tracking pixel](https://example.org/pixel.png) and [d](data:image/png;base64,iVBORw0KGgo=) and [f](ftp://example.org/leak)'
].join('\n')

/** Nothing in `root` can run or navigate: no script, no image, only http(s) and mailto links. */
async function expectInert(root: HTMLElement): Promise<void> {
  expect(root.querySelector('script')).toBeNull()
  expect(root.querySelector('img')).toBeNull()
  const hrefs = [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!)
  expect(hrefs.filter((h) => !/^(https?:|mailto:)/i.test(h))).toEqual([])
  // Control: the same image markup, really parsed, does fire its onerror; wait for that, then check.
  const control = document.createElement('div')
  control.innerHTML = '<img src=x onerror="window.__noteControl=1">'
  await expect.poll(() => window.__noteControl).toBe(1)
  delete window.__noteControl
  expect(window.__notePwned).toBeUndefined()
}

test('shows the date as precisely as it is known: month, day, and a day range', async () => {
  const month = await openEvent('Ukraine loses its Kursk foothold')
  expect(textOf(month.screen.container, '.event-date')).toBe('March 2025 (month precision)')
  // The lane is named too.
  expect(textOf(month.screen.container, '.lane-chip')).toBe('Russian actions')
  await month.screen.unmount()

  const day = await openEvent('Ratcliffe and Waltz confirm')
  expect(textOf(day.screen.container, '.event-date')).toBe('5 March 2025 (day precision)')
  await day.screen.unmount()

  const range = await openEvent('CIA Director John Brennan makes a weekend trip')
  expect(textOf(range.screen.container, '.event-date')).toBe('12 April 2014 – 13 April 2014 (day precision, range)')
})

test('lists the sources with their outlet and a link that opens in the system browser', async () => {
  const sources = [
    {
      title: 'CIA Director Says US Has Paused Intelligence Sharing With Ukraine',
      outlet: 'The New York Times',
      url: 'https://www.nytimes.com/2025/03/05/us/politics/cia-ukraine-intelligence.html',
      published: '2025-03-05'
    },
    { title: null, outlet: null, url: null, published: '2025-03' }
  ]
  const { screen } = await openEvent('Ratcliffe and Waltz confirm', { sources })
  const rows = [...screen.container.querySelectorAll<HTMLElement>('.sources .source')]
  expect(rows).toHaveLength(2)
  expect(textOf(screen.container, 'h3 .count')).toBe('2')

  const [first, second] = rows as [HTMLElement, HTMLElement]
  expect(textOf(first, '.outlet')).toBe('The New York Times')
  expect(first.textContent).toContain('5 March 2025')
  expect(textOf(first, '.source-title')).toBe('CIA Director Says US Has Paused Intelligence Sharing With Ukraine')
  const link = first.querySelector<HTMLAnchorElement>('a.source-link')!
  expect(link.getAttribute('href')).toBe(sources[0]!.url)
  expect(link.textContent).toBe(sources[0]!.url)
  // A source with nothing known still shows, without a link.
  expect(textOf(second, '.outlet')).toBe('Unknown outlet')
  expect(second.textContent).toContain('March 2025')
  expect(second.querySelector('a')).toBeNull()

  // Clicking the link asks main to open it; the page itself does not navigate.
  const href = location.href
  await userEvent.click(link)
  await expect.poll(() => opened).toEqual([sources[0]!.url])
  expect(location.href).toBe(href)
  opened.length = 0
})

test('renders notes from Markdown and leaves hostile markup inert', async () => {
  delete window.__notePwned
  const { screen } = await openEvent('Ratcliffe and Waltz confirm', {
    notes: [note('n1', HOSTILE), note('n2', 'A second, *plain* note.')]
  })

  const notes = [...screen.container.querySelectorAll<HTMLElement>('.note .markdown')]
  expect(notes).toHaveLength(2)
  const [body, second] = notes as [HTMLElement, HTMLElement]
  // Markdown is rendered…
  expect(body.querySelector('strong')?.textContent).toBe('Checked')
  expect(second.querySelector('em')?.textContent).toBe('plain')
  expect(body.querySelector('a[href="https://example.org/transcript"]')?.textContent).toBe('transcript')
  // …and the hostile parts are not elements.
  expect(body.textContent).toContain('<script>window.__notePwned = 1</script>')
  await expectInert(screen.container)

  // A link in a note opens in the system browser, not in the app's window.
  const href = location.href
  await userEvent.click(body.querySelector('a[href="https://example.org/transcript"]')!)
  await expect.poll(() => opened).toEqual(['https://example.org/transcript'])
  expect(location.href).toBe(href)
  opened.length = 0
})

test('the description is edited as Markdown: saved as one step, previewed rendered, hostile markup inert', async () => {
  delete window.__notePwned
  const { screen, editor, current } = await openEvent('Ratcliffe and Waltz confirm')
  const before = current()!.description
  const textarea = screen.getByRole('textbox', { name: 'Description' })
  await expect.element(textarea).toHaveValue(before)

  // Typing saves itself shortly after the last key, without leaving the field.
  await userEvent.fill(textarea, 'First *draft*')
  await expect.poll(() => current()!.description).toBe('First *draft*')
  await userEvent.fill(textarea, HOSTILE)
  await expect.poll(() => current()!.description).toBe(HOSTILE)

  await userEvent.click(screen.getByRole('tab', { name: 'Preview' }))
  await expect.element(screen.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true')
  const preview = screen.container.querySelector<HTMLElement>('.preview .markdown')!
  expect(preview.querySelector('strong')?.textContent).toBe('Checked')
  expect(preview.textContent).toContain('<script>window.__notePwned = 1</script>')
  await expectInert(preview)
  const href = location.href
  await userEvent.click(preview.querySelector('a[href="https://example.org/transcript"]')!)
  await expect.poll(() => opened).toEqual(['https://example.org/transcript'])
  expect(location.href).toBe(href)
  opened.length = 0

  // Both saves were one edit of the description: one undo brings the old text back, in the field too.
  editor.undo()
  expect(current()!.description).toBe(before)
  await userEvent.click(screen.getByRole('tab', { name: 'Write' }))
  await expect.element(textarea).toHaveValue(before)
})

test('text typed just before another event is picked is saved, not lost', async () => {
  const { screen, view, documents, current } = await openEvent('Ratcliffe and Waltz confirm')
  const other = documents.document!.items.find((i) => i.title.startsWith('Jeddah talks'))!
  await userEvent.fill(screen.getByRole('textbox', { name: 'Description' }), 'Typed, then straight to Jeddah')
  await userEvent.fill(screen.getByLabelText('Title', { exact: true }), 'Renamed on the way out')
  // No Enter, no blur, no pause: the selection changes at once, as a click on the timeline would.
  view.select(other.id, { open: true })
  await expect.element(screen.getByLabelText('Title', { exact: true })).toHaveValue(other.title)
  expect(current()).toMatchObject({ title: 'Renamed on the way out', description: 'Typed, then straight to Jeddah' })
})

test('editing the title and pressing Enter saves the trimmed title as one undoable step', async () => {
  const { screen, editor, current } = await openEvent('Ratcliffe and Waltz confirm')
  const before = current()!.title
  const title = screen.getByLabelText('Title', { exact: true })
  await expect.element(title).toHaveValue(before)

  await userEvent.fill(title, '  Ratcliffe confirms the intelligence pause  ')
  await userEvent.keyboard('{Enter}')
  expect(current()!.title).toBe('Ratcliffe confirms the intelligence pause')
  expect(editor.undoLabel).toBe('Rename event')
  // Enter saves; it does not put a line break into the title.
  await expect.element(title).toHaveValue('Ratcliffe confirms the intelligence pause')
  expect(screen.container.querySelector('.field-error')).toBeNull()

  editor.undo()
  expect(current()!.title).toBe(before)
  await expect.element(title).toHaveValue(before)
})

test('an empty title shows the error at the field, is not saved, and keeps what was typed', async () => {
  const { screen, editor, current } = await openEvent('Ratcliffe and Waltz confirm')
  const before = current()!.title
  const title = screen.getByLabelText('Title', { exact: true })

  await userEvent.fill(title, '   ')
  await userEvent.keyboard('{Enter}')
  await expect.element(screen.getByRole('alert')).toHaveTextContent('A title is needed')
  await expect.element(title).toHaveAttribute('aria-invalid', 'true')
  // Leaving the field does not save it either.
  await userEvent.click(screen.container.querySelector('.event-date')!)
  expect(current()!.title).toBe(before)
  await expect.element(title).toHaveValue('   ')

  // A change to the event from elsewhere (its title itself, and its confidence) shows in the panel,
  // but does not throw the draft away.
  editor.updateItem(current()!.id, { title: 'Renamed elsewhere', confidence: 'reported' })
  await expect
    .poll(() => screen.container.querySelector<HTMLInputElement>('input[value="reported"]')?.checked)
    .toBe(true)
  await expect.element(title).toHaveValue('   ')
  expect(current()!.title).toBe('Renamed elsewhere')

  // Typing a title again clears the error, and it can be saved.
  await userEvent.fill(title, 'Back again')
  await expect.poll(() => screen.container.querySelector('.field-error')).toBeNull()
  await expect.element(title).toHaveAttribute('aria-invalid', 'false')
  await userEvent.keyboard('{Enter}')
  expect(current()!.title).toBe('Back again')
})

test('a new event asks for its title: it is focused and selected, so typing replaces it', async () => {
  const { screen, view, current } = await openEvent('Ratcliffe and Waltz confirm')
  view.focusField('title')
  const title = screen.getByLabelText('Title', { exact: true })
  await expect.element(title).toHaveFocus()
  expect(view.focusRequest).toBeNull()
  await userEvent.keyboard('Typed over')
  await userEvent.keyboard('{Enter}')
  expect(current()!.title).toBe('Typed over')
})

test('Delete event removes it and closes the panel; Undo brings it back with its notes', async () => {
  const notes = [note('n1', 'First note'), note('n2', 'Second note')]
  const { screen, editor, view, documents, id } = await openEvent('Ratcliffe and Waltz confirm', { notes })
  const count = documents.document!.items.length

  await userEvent.click(screen.getByRole('button', { name: 'Delete event' }))
  expect(documents.document!.items.some((i) => i.id === id)).toBe(false)
  expect(documents.document!.items).toHaveLength(count - 1)
  expect(view.selectedIds).toEqual([])
  await expect.poll(() => screen.container.querySelector('.details')).toBeNull()

  editor.undo()
  const back = documents.document!.items.find((i) => i.id === id)
  expect(back?.notes).toEqual(notes)
  expect(documents.document!.items).toHaveLength(count)
})

test('the close button closes the panel and keeps the selection', async () => {
  const { screen, view, id } = await openEvent('Ratcliffe and Waltz confirm')
  await userEvent.click(screen.getByRole('button', { name: 'Close details' }))
  expect(view.detailsOpen).toBe(false)
  expect(view.selectedIds).toEqual([id])
  await expect.poll(() => screen.container.querySelector('.details')).toBeNull()
})
