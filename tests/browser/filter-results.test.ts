/**
 * The search results beside the timeline in a real Chromium, with the real stores: matches in
 * date order with the words marked, where each matched when not in its title, the filter
 * respected, and choosing a result by mouse and by keyboard.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { idOf, installFakeBridge, jeddahDocument } from './filter-fixtures'

declare global {
  interface Window {
    __searchPwned?: unknown
  }
}

installFakeBridge()
const { default: SearchResults } = await import('@renderer/components/filter/SearchResults.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')

let pinia: Pinia
const doc = jeddahDocument()

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  useDocumentStore().load({ name: 'x.chronotes.json', document: jeddahDocument(), revision: 'r' })
})
afterEach(() => useDocumentStore().close())

async function search(query: string) {
  useViewStore().query = query
  return render(SearchResults, { global: { plugins: [pinia] } })
}

const rows = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[role=option]')]
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim()
const marks = (el: Element | null | undefined) => [...(el?.querySelectorAll('mark') ?? [])].map((m) => m.textContent)

test('lists the matches in date order, with the words marked and where they matched', async () => {
  const screen = await search('Jeddah')
  await expect.element(screen.getByRole('heading')).toHaveTextContent('3 events match “Jeddah”')
  const [ratcliffe, nga, jeddah] = rows(screen.container)
  expect(rows(screen.container).map((row) => text(row.querySelector('.date')))).toEqual([
    '5 March 2025',
    '7 March 2025',
    '11 March 2025'
  ])

  // Found in the title: the title is marked, no excerpt.
  expect(text(jeddah!.querySelector('.title'))).toBe('Jeddah talks end with U.S. pledge to lift the intel pause')
  expect(marks(jeddah!.querySelector('.title'))).toEqual(['Jeddah'])
  expect(jeddah!.querySelector('.snippet')).toBeNull()
  expect(text(jeddah!.querySelector('.lane-chip'))).toBe('Diplomacy')

  // Found in a note: an excerpt of the note, the word marked, Markdown taken out.
  expect(marks(ratcliffe!.querySelector('.title'))).toEqual([])
  const note = text(ratcliffe!.querySelector('.snippet'))
  expect(note).toBe(
    'note by Oksana: The pause was lifted a week later, after the Jeddah talks; see the joint statement.'
  )
  expect(note).not.toContain('**')
  expect(marks(ratcliffe!.querySelector('.snippet'))).toEqual(['Jeddah'])
  expect(text(ratcliffe!.querySelector('.lane-chip'))).toBe('Pauses and restrictions')

  // Found in a source.
  expect(text(nga!.querySelector('.snippet'))).toBe('source: Kyiv Independent — Before Jeddah, imagery went dark')
  expect(marks(nga!.querySelector('.snippet'))).toEqual(['Jeddah'])
})

test('marks every word of the search, whatever its case and accents', async () => {
  const screen = await search('RADOSLAW starlink')
  await expect.element(screen.getByRole('heading')).toHaveTextContent('1 event matches')
  const [row] = rows(screen.container)
  expect(marks(row!.querySelector('.title'))).toEqual(['Starlink'])
  expect(marks(row!.querySelector('.snippet'))).toEqual(['Radosław'])
})

test('clicking a result selects it, opens its details and brings it into view', async () => {
  const screen = await search('jeddah')
  const view = useViewStore()
  await userEvent.click(screen.getByRole('option', { name: /NGA blocks/ }))
  const nga = idOf(doc, 'NGA blocks')
  expect(view.selectedIds).toEqual([nga])
  expect(view.detailsOpen).toBe(true)
  expect(view.revealRequest).toEqual({ id: nga })
  await expect.element(screen.getByRole('option', { name: /NGA blocks/ })).toHaveAttribute('aria-selected', 'true')
})

test('Up and Down move through the results; Enter chooses one', async () => {
  const screen = await search('jeddah')
  const view = useViewStore()
  const options = rows(screen.container)
  // One tab stop for the whole list.
  expect(options.map((o) => o.tabIndex)).toEqual([0, -1, -1])
  options[0]!.focus()
  await userEvent.keyboard('{ArrowDown}')
  expect(document.activeElement).toBe(options[1])
  await userEvent.keyboard('{ArrowDown}{ArrowDown}')
  expect(document.activeElement).toBe(options[2])
  await userEvent.keyboard('{ArrowUp}')
  expect(document.activeElement).toBe(options[1])
  expect(options.map((o) => o.tabIndex)).toEqual([-1, 0, -1])
  expect(view.selectedIds).toEqual([])

  await userEvent.keyboard('{Enter}')
  const nga = idOf(doc, 'NGA blocks')
  expect(view.selectedIds).toEqual([nga])
  expect(view.detailsOpen).toBe(true)
  expect(view.revealRequest).toEqual({ id: nga })
  await userEvent.keyboard('{End}{Enter}')
  expect(view.selectedId).toBe(idOf(doc, 'Jeddah talks'))
})

test('searches only among the events the filter shows, and says how many it hides', async () => {
  useViewStore().setFilter({ groupIds: ['diplomacy'] })
  const screen = await search('jeddah')
  expect(rows(screen.container).map((row) => text(row.querySelector('.title')))).toEqual([
    'Jeddah talks end with U.S. pledge to lift the intel pause'
  ])
  await expect.element(screen.getByText('2 more are hidden by the filter.')).toBeVisible()
})

test('says so when nothing matches', async () => {
  const screen = await search('  zzqx  ')
  expect(rows(screen.container)).toEqual([])
  await expect.element(screen.getByText('No events match “zzqx”')).toBeVisible()
})

test('shows hostile text as text', async () => {
  const hostile = '<img src=x onerror="window.__searchPwned=1"> Jeddah <b>bold</b>'
  const documents = useDocumentStore()
  const current = documents.document!
  const id = idOf(current, 'Jeddah talks')
  documents.commit({ ...current, items: current.items.map((i) => (i.id === id ? { ...i, title: hostile } : i)) })
  const screen = await search('jeddah')
  const row = screen.getByRole('option', { name: /onerror/ }).element()
  expect(text(row.querySelector('.title'))).toBe(hostile.replace(/\s+/g, ' '))
  expect(row.querySelector('img, b')).toBeNull()
  expect(marks(row.querySelector('.title'))).toEqual(['Jeddah'])
  expect(window.__searchPwned).toBeUndefined()
})
