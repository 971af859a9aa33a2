/**
 * Issue 10: a large document's search index is built in the search worker, and what the page
 * then answers — the match count, the first page of results in date order, the matches hidden by
 * the filter — is what reading every event answers, including events edited while it was built.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, expect, test } from 'vitest'
import { render } from 'vitest-browser-vue'
import { compileFilter } from '@shared/view/filter'
import { itemPeriod } from '@shared/view/timeline-items'
import { installFakeBridge, jeddahDocument, openable } from './filter-fixtures'

installFakeBridge()
const { useDocumentStore } = await import('@renderer/stores/document')
const { useDocumentIndexStore } = await import('@renderer/stores/document-index')
const { useEditorStore } = await import('@renderer/stores/editor')
const { useViewStore } = await import('@renderer/stores/view')
const { default: SearchResults } = await import('@renderer/components/filter/SearchResults.vue')
const { CALM_MS, holdBackgroundWork } = await import('@renderer/workers/background-slices')

// Which workers the page starts, by name: the build must be the search worker's, not a fallback.
const started: string[] = []
const PageWorker = globalThis.Worker
globalThis.Worker = class extends PageWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options)
    started.push(options?.name ?? '')
  }
}

/** The bundled dataset 40 times over (3,520 events), each copy with ids of its own. */
function largeDocument() {
  const doc = jeddahDocument()
  doc.items = Array.from({ length: 40 }, (_, copy) =>
    doc.items.map((item) => ({ ...item, id: `${item.id}-${copy}` }))
  ).flat()
  return doc
}

/** New stores, as a freshly opened window has them. */
function freshStores() {
  setActivePinia(createPinia())
  return { documents: useDocumentStore(), view: useViewStore(), indexes: useDocumentIndexStore() }
}

afterEach(() => useDocumentStore().close())

test('builds in the search worker and answers what a scan of every event answers, edits during the build included', async () => {
  const { documents, view, indexes } = freshStores()
  documents.load({ name: 'big.chronotes.json', document: largeDocument(), revision: 'r' })
  expect(indexes.textMatcher('satellite')).toBeNull() // not built yet
  view.query = 'satellite'
  expect(view.searchPending).toBe(true) // the search waits for the index rather than read every event
  // An edit while the worker builds: this event must be found by its new words only.
  const edited = documents.document!.items[17]!
  useEditorStore().updateItem(edited.id, { title: 'Zaporizhzhia quartermaster briefing' })
  await expect.poll(() => indexes.textMatcher('satellite'), { timeout: 30_000 }).not.toBeNull()
  expect(started).toContain('search')
  expect(view.searchPending).toBe(false)

  const doc = documents.document!
  view.setFilter({ confidences: ['confirmed'] })
  for (const query of ['satellite', 'sat', 'quartermaster', 'kyiv intel', 'zzz']) {
    view.query = query
    const matchAll = compileFilter({ text: query })
    const matchShown = compileFilter({ text: query, confidences: ['confirmed'] })
    const shown = doc.items.filter(matchShown)
    expect(view.matchCount, query).toBe(shown.length)
    expect(view.hiddenMatches, query).toBe(doc.items.filter(matchAll).length - shown.length)
    // The first page in date order (ties in document order, which is key order here).
    const start = (item: (typeof shown)[number]) => itemPeriod(item)?.start ?? Infinity
    const byDate = shown
      .map((item, at) => ({ item, at }))
      .sort(
        (a, b) =>
          start(a.item) - start(b.item) ||
          (a.item.start < b.item.start ? -1 : a.item.start > b.item.start ? 1 : 0) ||
          a.at - b.at
      )
      .map(({ item }) => item.id)
    expect(
      view.firstMatches(30).map((item) => item.id),
      query
    ).toEqual(byDate.slice(0, 30))
    // The list view's date order, both ways (same start: ascending order kept, as a stable sort).
    expect(
      view.matchingByDate().map((item) => item.id),
      query
    ).toEqual(byDate)
    const descending = view.matchingByDate(true)
    expect(descending.map((item) => item.id).sort(), query).toEqual([...byDate].sort())
    descending.forEach((item, at) => {
      if (at) expect(start(descending[at - 1]!)).toBeGreaterThanOrEqual(start(item))
    })
  }
  view.query = 'quartermaster'
  view.setFilter({})
  expect(view.matchingItems.map((item) => item.id)).toEqual([edited.id])
})

// Opened from the library, the timeline's model is built a part at a time while it is read
// (stores/document.ts) and handed to the index store: every one of its events must reach the
// search index and the filter as when the document is loaded at once.
test('a timeline opened from the library, its model built while it opened, is searched and filtered whole', async () => {
  const { documents, view, indexes } = freshStores()
  const doc = largeDocument()
  openable.set('big.chronotes.json', doc)
  await documents.open('big.chronotes.json')
  expect(documents.document!.items).toHaveLength(doc.items.length)
  expect(indexes.current.model.size).toBe(doc.items.length)
  await expect.poll(() => indexes.textMatcher('satellite'), { timeout: 30_000 }).not.toBeNull()
  for (const query of ['satellite', 'kyiv intel', 'zzz']) {
    view.query = query
    expect(view.matchCount, query).toBe(doc.items.filter(compileFilter({ text: query })).length)
  }
  view.query = ''
  view.setFilter({ confidences: ['confirmed'] })
  expect(view.visibleCount).toBe(doc.items.filter((item) => item.confidence === 'confirmed').length)
})

test('another document opened while the worker builds: its own index answers, the first build is dropped', async () => {
  const { documents, view, indexes } = freshStores()
  documents.load({ name: 'first.chronotes.json', document: largeDocument(), revision: 'r' })
  const second = largeDocument()
  second.id = 'second-document'
  second.items = second.items.map((item, at) => (at === 5 ? { ...item, title: 'Quartermaster ledger' } : item))
  documents.load({ name: 'second.chronotes.json', document: second, revision: 'r' })
  await expect.poll(() => indexes.textMatcher('ledger'), { timeout: 30_000 }).not.toBeNull()
  view.query = 'quartermaster ledger'
  expect(view.matchingItems.map((item) => item.id)).toEqual([second.items[5]!.id])
  view.query = 'satellite'
  expect(view.matchCount).toBe(second.items.filter(compileFilter({ text: 'satellite' })).length)
})

test('a zoom or pan going on holds the build, which finishes once it stops', async () => {
  const { documents, indexes } = freshStores()
  documents.load({ name: 'big.chronotes.json', document: largeDocument(), revision: 'r' })
  // A zoom that starts with the opening and goes on for a second, as the timeline pane reports it.
  for (let step = 0; step < 20; step++) {
    holdBackgroundWork()
    const heldAt = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 50))
    // A machine so busy that this wait outlasted the hold let slices run: nothing more is proved.
    if (performance.now() - heldAt >= CALM_MS) break
    expect(indexes.textMatcher('satellite'), `after ${step + 1} steps`).toBeNull()
  }
  await expect.poll(() => indexes.textMatcher('satellite'), { timeout: 30_000 }).not.toBeNull()
})

test('the results say the events are being indexed, then list the matches', async () => {
  const pinia = createPinia()
  setActivePinia(pinia)
  const documents = useDocumentStore()
  documents.load({ name: 'big.chronotes.json', document: largeDocument(), revision: 'r' })
  useViewStore().query = 'satellite'
  const screen = await render(SearchResults, { global: { plugins: [pinia] } })
  await expect.element(screen.getByRole('heading', { name: 'Indexing the events for search…' })).toBeVisible()
  const count = documents.document!.items.filter(compileFilter({ text: 'satellite' })).length
  await expect
    .element(screen.getByRole('heading', { name: `${count} events match “satellite”` }), { timeout: 30_000 })
    .toBeVisible()
  expect(screen.container.querySelectorAll('[role=option]').length).toBe(50)
  // Thousands are separated, as everywhere else in the window.
  useViewStore().query = 'e'
  const many = documents.document!.items.filter(compileFilter({ text: 'e' })).length
  expect(many).toBeGreaterThan(1000)
  const thousands = `${Math.floor(many / 1000)},${String(many % 1000).padStart(3, '0')}`
  await expect.element(screen.getByRole('heading', { name: `${thousands} events match “e”` })).toBeVisible()
})
