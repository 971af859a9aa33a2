/**
 * The list view in a real Chromium with the real stores: a virtualised ARIA grid of the events
 * that match, sortable by every column, driven by the keyboard and the mouse, and in step with
 * the selection the timeline shares.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'
import { itemPeriod } from '@shared/view/timeline-items'
import { installFakeBridge } from './fake-bridge'

// The stores reach `window.chronotes` through the api module, which reads it when first imported:
// put a fake transport there first. Saves succeed; nothing here is about the disk.
installFakeBridge()
const { default: EventList } = await import('@renderer/components/list/EventList.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')
const { useEditorStore } = await import('@renderer/stores/editor')

const ROW = "[role='row'][data-id]"

function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  // The dataset has no notes yet: give a few events some, so that the Notes column has an order.
  const noteCounts = new Map([
    [3, 2],
    [10, 1],
    [40, 3],
    [70, 1]
  ])
  const items = result.document.items.map((item, index) => ({
    ...item,
    notes: Array.from({ length: noteCounts.get(index) ?? 0 }, (_, n) => ({
      id: `note-${index}-${n}`,
      author: 'Analyst',
      body: 'Checked.',
      createdAt: '2025-03-06T10:00:00Z',
      updatedAt: '2025-03-06T10:00:00Z'
    }))
  }))
  return { ...result.document, items }
}

const doc = loadDataset()
const byId = new Map(doc.items.map((item) => [item.id, item]))

const hosts: { host: HTMLElement; unmount: () => void }[] = []
afterEach(() => {
  for (const { host, unmount } of hosts.splice(0)) {
    unmount()
    host.remove()
  }
})

async function mount(
  document_ = doc,
  { width = 1140, height = 420, before }: { width?: number; height?: number; before?: () => void } = {}
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useDocumentStore().load({ name: 'x.chronotes.json', document: document_, revision: 'r' })
  const view = useViewStore()
  before?.()
  const host = document.createElement('div')
  host.style.cssText = `position: absolute; left: 0; top: 0; width: ${width}px; height: ${height}px;`
  document.body.appendChild(host)
  const screen = await render(EventList, { container: host, global: { plugins: [pinia] } })
  hosts.push({ host, unmount: () => screen.unmount() })
  await expect.poll(() => host.querySelectorAll(ROW).length).toBeGreaterThan(0)
  const grid = host.querySelector<HTMLElement>("[role='grid']")!
  const scroller = host.querySelector<HTMLElement>('.body')!
  return { host, view, grid, scroller }
}

/** The rendered rows, top to bottom, as the events they show. */
function renderedItems(host: HTMLElement): TimelineItem[] {
  return [...host.querySelectorAll<HTMLElement>(ROW)]
    .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
    .map((row) => byId.get(row.dataset['id']!)!)
}

/** Tabs into the list from a button just before it, as a keyboard user arrives. */
async function tabInto(host: HTMLElement): Promise<void> {
  const before = document.createElement('button')
  before.textContent = 'before'
  host.before(before)
  before.focus()
  await userEvent.tab()
  before.remove()
}

function rowFor(host: HTMLElement, id: string): HTMLElement | null {
  return host.querySelector<HTMLElement>(`[role='row'][data-id='${id}']`)
}

function header(host: HTMLElement, label: string): HTMLElement {
  const found = [...host.querySelectorAll<HTMLElement>("[role='columnheader']")].find(
    (th) => th.querySelector('.label')?.textContent === label
  )
  if (!found) throw new Error(`no column ${label}`)
  return found
}

/** Whether the row lies wholly inside the scrolling area (not only rendered off-screen). */
function inView(scroller: HTMLElement, row: HTMLElement | null): boolean {
  if (!row) return false
  const box = scroller.getBoundingClientRect()
  const r = row.getBoundingClientRect()
  return r.top >= box.top - 1 && r.bottom <= box.bottom + 1
}

const start = (item: TimelineItem) => itemPeriod(item)!.start
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const laneOrder = new Map(doc.groups.map((g) => [g.id, g.order]))
const confidenceOrder = ['confirmed', 'reported', 'disputed', 'unverified']

/** Checks that each pair of neighbours is in order by `key`, ties by date. */
function expectOrdered(items: TimelineItem[], key: (a: TimelineItem, b: TimelineItem) => number, sign: 1 | -1) {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!]
    const primary = sign * key(a, b)
    expect(primary, `${a.title} before ${b.title}`).toBeLessThanOrEqual(0)
    if (primary === 0) expect(start(a), `${a.title} before ${b.title} (tie by date)`).toBeLessThanOrEqual(start(b))
  }
}

describe('rows', () => {
  test('counts a large list with thousands separated, as the status bar does', async () => {
    const items = Array.from({ length: 12 }, (_, copy) =>
      doc.items.map((item) => ({ ...item, id: `${item.id}-${copy}` }))
    ).flat()
    const { grid } = await mount({ ...doc, items })
    expect(document.getElementById(grid.getAttribute('aria-describedby')!)?.textContent).toBe('1,056 events')
  })

  test('renders only the rows in view, but tells assistive technology about all 88', async () => {
    const { host, grid } = await mount()
    expect(grid.getAttribute('aria-label')).toBe('Events')
    expect(grid.getAttribute('aria-rowcount')).toBe('89')
    expect(document.getElementById(grid.getAttribute('aria-describedby')!)?.textContent).toBe('88 events')
    const rows = host.querySelectorAll(ROW)
    expect(rows.length).toBeGreaterThan(8)
    expect(rows.length).toBeLessThan(40)
    // Header row is row 1; the first event, the earliest, is row 2.
    expect(host.querySelector("[role='row'][aria-rowindex='1'] [role='columnheader']")).not.toBeNull()
    const first = host.querySelector<HTMLElement>("[role='row'][aria-rowindex='2']")!
    const earliest = [...doc.items].sort((a, b) => start(a) - start(b))[0]!
    expect(first.dataset['id']).toBe(earliest.id)
    const cells = [...first.querySelectorAll("[role='gridcell']")].map((c) => c.textContent?.trim())
    expect(cells).toEqual([
      'February 2014',
      earliest.title,
      doc.groups.find((g) => g.id === earliest.groupId)!.title,
      earliest.confidence,
      '0',
      String(earliest.sources.length)
    ])
    // The full title is there to read when the cell cuts it short.
    expect(first.querySelector('.col-title')?.getAttribute('title')).toBe(earliest.title)
  })

  test('shows a range at its precision and text from the file as text', async () => {
    const hostile: TimelineItem = {
      ...doc.items[0]!,
      id: 'hostile',
      title: '<img src=x onerror="window.__listPwned=1">',
      start: '2013-04-12',
      end: '2013-04-13',
      kind: 'range'
    }
    const { host } = await mount({ ...doc, items: [hostile, ...doc.items] })
    const row = rowFor(host, 'hostile')!
    expect(row.querySelector('.col-date')?.textContent).toBe('12 April 2013 – 13 April 2013')
    expect(row.querySelector('.col-title')?.textContent).toBe(hostile.title)
    expect(row.querySelector('img')).toBeNull()
  })
})

describe('sorting', () => {
  const columns: { label: string; key: (a: TimelineItem, b: TimelineItem) => number }[] = [
    { label: 'Date', key: (a, b) => start(a) - start(b) },
    { label: 'Title', key: (a, b) => collator.compare(a.title, b.title) },
    { label: 'Lane', key: (a, b) => laneOrder.get(a.groupId)! - laneOrder.get(b.groupId)! },
    {
      label: 'Confidence',
      key: (a, b) => confidenceOrder.indexOf(a.confidence) - confidenceOrder.indexOf(b.confidence)
    },
    { label: 'Notes', key: (a, b) => a.notes.length - b.notes.length },
    { label: 'Sources', key: (a, b) => a.sources.length - b.sources.length }
  ]

  test('starts by date, ascending', async () => {
    const { host } = await mount(doc, { height: 3200 })
    expect(header(host, 'Date').getAttribute('aria-sort')).toBe('ascending')
    expect(host.querySelectorAll('[aria-sort]').length).toBe(1)
    const items = renderedItems(host)
    expect(items.length).toBe(88)
    expectOrdered(items, columns[0]!.key, 1)
  })

  for (const { label, key } of columns) {
    test(`by ${label.toLowerCase()}, one way and the other`, async () => {
      // Tall enough for every row to be rendered, so the whole order can be read.
      const { host } = await mount(doc, { height: 3200 })
      const button = header(host, label).querySelector('button')!
      // Date is already sorted ascending: its first click turns it around.
      const clicksToAscending = label === 'Date' ? 2 : 1
      for (let i = 0; i < clicksToAscending; i++) await userEvent.click(button)
      await expect.poll(() => header(host, label).getAttribute('aria-sort')).toBe('ascending')
      expect(host.querySelectorAll('[aria-sort]').length).toBe(1)
      expectOrdered(renderedItems(host), key, 1)
      // The column sorts by something: the order is not the document's (which is by date).
      if (label !== 'Date') expect(renderedItems(host).map((i) => i.id)).not.toEqual(doc.items.map((i) => i.id))

      await userEvent.click(button)
      await expect.poll(() => header(host, label).getAttribute('aria-sort')).toBe('descending')
      expectOrdered(renderedItems(host), key, -1)
    })
  }

  test('by lane groups the events lane by lane in the lanes’ order, each in date order', async () => {
    const { host } = await mount(doc, { height: 3200 })
    await userEvent.click(header(host, 'Lane').querySelector('button')!)
    const lanes = renderedItems(host).map((i) => i.groupId)
    const order = [...new Set(lanes)]
    expect(order).toEqual([...doc.groups].sort((a, b) => a.order - b.order).map((g) => g.id))
  })
})

describe('keyboard', () => {
  test('one tab stop: the rows; Down, End, Home and the page keys move, select and scroll', async () => {
    const { host, view, scroller } = await mount()
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    await tabInto(host)
    expect(document.activeElement).toBe(rowFor(host, rows[0]!.id))
    // Only one element of the grid is in the tab order.
    expect(host.querySelectorAll("[tabindex='0']").length).toBe(1)
    expect([...host.querySelectorAll('button')].every((b) => b.tabIndex === -1)).toBe(true)

    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(rowFor(host, rows[1]!.id))
    expect(view.selectedIds).toEqual([rows[1]!.id])
    expect(rowFor(host, rows[1]!.id)?.getAttribute('aria-selected')).toBe('true')
    expect(rowFor(host, rows[0]!.id)?.getAttribute('aria-selected')).toBe('false')
    expect(view.revealRequest).toEqual({ id: rows[1]!.id })

    await userEvent.keyboard('{End}')
    const last = rows.at(-1)!
    await expect.poll(() => inView(scroller, rowFor(host, last.id))).toBe(true)
    expect(scroller.scrollTop).toBeGreaterThan(0)
    expect(document.activeElement).toBe(rowFor(host, last.id))
    expect(rowFor(host, last.id)?.getAttribute('aria-rowindex')).toBe('89')
    expect(view.selectedId).toBe(last.id)
    // The first rows are gone from the DOM: only what is in view is rendered.
    expect(rowFor(host, rows[1]!.id)).toBeNull()

    await userEvent.keyboard('{PageUp}')
    const page = Number(document.activeElement?.getAttribute('aria-rowindex'))
    expect(page).toBeLessThan(89 - 5)
    expect(inView(scroller, document.activeElement as HTMLElement)).toBe(true)

    await userEvent.keyboard('{Home}')
    await expect.poll(() => inView(scroller, rowFor(host, rows[0]!.id))).toBe(true)
    expect(scroller.scrollTop).toBe(0)
    expect(document.activeElement).toBe(rowFor(host, rows[0]!.id))
    expect(view.selectedId).toBe(rows[0]!.id)

    await userEvent.keyboard('{PageDown}')
    expect(Number(document.activeElement?.getAttribute('aria-rowindex'))).toBeGreaterThan(2 + 5)
    expect(inView(scroller, document.activeElement as HTMLElement)).toBe(true)

    // Tab leaves the grid at once.
    await userEvent.tab()
    expect(host.contains(document.activeElement)).toBe(false)
  })

  test('Enter opens the details of the active row', async () => {
    const { host, view } = await mount()
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    await tabInto(host)
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    expect(view.selectedId).toBe(rows[2]!.id)
    expect(view.detailsOpen).toBe(true)
    expect(document.activeElement).toBe(rowFor(host, rows[2]!.id))
  })

  test('Ctrl+arrows move without selecting; Space selects, Ctrl+Space adds and removes', async () => {
    const { host, view } = await mount()
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    await tabInto(host)
    await userEvent.keyboard('{Space}')
    expect(view.selectedIds).toEqual([rows[0]!.id])
    await userEvent.keyboard('{Control>}{ArrowDown}{ArrowDown}{/Control}')
    expect(document.activeElement).toBe(rowFor(host, rows[2]!.id))
    expect(view.selectedIds).toEqual([rows[0]!.id])
    await userEvent.keyboard('{Control>}{Space}{/Control}')
    expect(view.selectedIds).toEqual([rows[0]!.id, rows[2]!.id])
    expect(host.querySelectorAll("[aria-selected='true']").length).toBe(2)
    await userEvent.keyboard('{Control>}{Space}{/Control}')
    expect(view.selectedIds).toEqual([rows[0]!.id])
    await userEvent.keyboard('{Space}')
    expect(view.selectedIds).toEqual([rows[2]!.id])
    expect(view.detailsOpen).toBe(false)
  })

  test('when the active event is deleted, the focus stays in the grid on the row that took its place', async () => {
    const { host, view } = await mount()
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    await tabInto(host)
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(view.selectedIds).toEqual([rows[2]!.id])
    // What the app's Delete does: remove the selection through the editor, then select nothing.
    useEditorStore().removeItems(view.selectedIds)
    view.select(null)
    await expect.poll(() => rowFor(host, rows[2]!.id)).toBeNull()
    await expect.poll(() => document.activeElement).toBe(rowFor(host, rows[3]!.id))
    expect(rowFor(host, rows[3]!.id)?.getAttribute('aria-rowindex')).toBe('4')
    await userEvent.keyboard('{ArrowDown}')
    expect(view.selectedIds).toEqual([rows[4]!.id])
  })

  test('Up from the first row reaches the headers, where arrows move and Enter sorts', async () => {
    const { host } = await mount()
    await tabInto(host)
    await userEvent.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(header(host, 'Date').querySelector('button'))
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    expect(document.activeElement).toBe(header(host, 'Lane').querySelector('button'))
    await userEvent.keyboard('{Enter}')
    expect(header(host, 'Lane').getAttribute('aria-sort')).toBe('ascending')
    expect(header(host, 'Date').hasAttribute('aria-sort')).toBe(false)
    await userEvent.keyboard('{Space}')
    expect(header(host, 'Lane').getAttribute('aria-sort')).toBe('descending')
    await userEvent.keyboard('{ArrowDown}')
    const first = document.activeElement as HTMLElement
    expect(first.getAttribute('aria-rowindex')).toBe('2')
    // Descending by lane: the last lane's earliest event is first.
    const lastLane = [...doc.groups].sort((a, b) => b.order - a.order)[0]!
    expect(byId.get(first.dataset['id']!)?.groupId).toBe(lastLane.id)
  })
})

describe('selection', () => {
  test('a click selects, Ctrl+click adds and removes, a double click opens', async () => {
    const { host, view } = await mount()
    const [a, b] = renderedItems(host)
    await userEvent.click(rowFor(host, a!.id)!)
    expect(view.selectedIds).toEqual([a!.id])
    expect(view.revealRequest).toEqual({ id: a!.id })
    expect(rowFor(host, a!.id)?.getAttribute('aria-selected')).toBe('true')
    await userEvent.click(rowFor(host, b!.id)!, { modifiers: ['ControlOrMeta'] })
    expect(view.selectedIds).toEqual([a!.id, b!.id])
    expect(rowFor(host, b!.id)?.getAttribute('aria-selected')).toBe('true')
    expect(rowFor(host, b!.id)?.classList.contains('selected')).toBe(true)
    await userEvent.click(rowFor(host, a!.id)!, { modifiers: ['ControlOrMeta'] })
    expect(view.selectedIds).toEqual([b!.id])
    expect(view.detailsOpen).toBe(false)
    await userEvent.dblClick(rowFor(host, a!.id)!)
    expect(view.selectedIds).toEqual([a!.id])
    expect(view.detailsOpen).toBe(true)
  })

  test('a selection made elsewhere (the timeline) shows here, scrolled to', async () => {
    const { host, view, scroller } = await mount()
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    const far = rows[70]!
    expect(rowFor(host, far.id)).toBeNull()
    view.setSelection([rows[1]!.id, far.id])
    await expect.poll(() => inView(scroller, rowFor(host, far.id))).toBe(true)
    expect(rowFor(host, far.id)?.getAttribute('aria-selected')).toBe('true')
    // The active row (the tab stop) follows the selection.
    expect(rowFor(host, far.id)?.tabIndex).toBe(0)
    // Without taking the focus from wherever it was.
    expect(host.contains(document.activeElement)).toBe(false)
  })

  test('opens scrolled to the event selected before', async () => {
    const rows = [...doc.items].sort((a, b) => start(a) - start(b))
    const { host, scroller } = await mount(doc, { before: () => useViewStore().select(rows[60]!.id) })
    await expect.poll(() => inView(scroller, rowFor(host, rows[60]!.id))).toBe(true)
  })
})

describe('filter and search', () => {
  test('the list shows what matches, says so, and offers to clear it', async () => {
    const { host, view, grid } = await mount()
    const diplomacy = doc.groups.find((g) => g.title === 'Diplomacy')!
    const expected = doc.items.filter((i) => i.groupId === diplomacy.id).length
    view.setFilter({ groupIds: [diplomacy.id] })
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(expected + 1))
    expect(renderedItems(host).every((i) => i.groupId === diplomacy.id)).toBe(true)
    const summary = document.getElementById(grid.getAttribute('aria-describedby')!)!
    expect(summary.textContent).toBe(`${expected} of 88 events; lanes: Diplomacy`)

    view.query = 'Jeddah'
    await expect.poll(() => Number(grid.getAttribute('aria-rowcount'))).toBeLessThan(expected + 1)
    expect(renderedItems(host).length).toBeGreaterThan(0)
    expect(summary.textContent).toContain('matching “Jeddah”')

    view.query = 'no such words anywhere'
    await expect.poll(() => host.querySelector("[role='grid']")).toBeNull()
    expect(host.textContent).toContain('No events match the filter')
    await userEvent.click(host.querySelector<HTMLElement>('.empty button')!)
    expect(view.query).toBe('')
    expect(view.filter).toEqual({})
    await expect.poll(() => host.querySelector("[role='grid']")?.getAttribute('aria-rowcount')).toBe('89')
  })

  test('a timeline without events says so', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useDocumentStore().load({ name: 'e.chronotes.json', document: { ...doc, items: [] }, revision: 'r' })
    const host = document.createElement('div')
    host.style.cssText = 'position: absolute; left: 0; top: 0; width: 800px; height: 300px;'
    document.body.appendChild(host)
    const screen = await render(EventList, { container: host, global: { plugins: [pinia] } })
    hosts.push({ host, unmount: () => screen.unmount() })
    await expect.poll(() => host.querySelector('.empty')?.textContent?.trim()).toBe('No events')
    expect(host.querySelector("[role='grid']")).toBeNull()
  })
})

describe('a large timeline', () => {
  test('100,000 events render as a few dozen rows and stay navigable', async () => {
    const items: TimelineItem[] = []
    for (let i = 0; i < 100_000; i++) {
      const from = doc.items[i % doc.items.length]!
      items.push({ ...from, id: `bulk-${i}`, title: `${from.title} (${i})` })
    }
    const { host, grid, scroller } = await mount({ ...doc, items })
    expect(grid.getAttribute('aria-rowcount')).toBe('100001')
    expect(host.querySelectorAll(ROW).length).toBeLessThan(50)

    await tabInto(host)
    await userEvent.keyboard('{End}')
    await expect.poll(() => document.activeElement?.getAttribute('aria-rowindex')).toBe('100001')
    expect(inView(scroller, document.activeElement as HTMLElement)).toBe(true)
    expect(host.querySelectorAll(ROW).length).toBeLessThan(50)

    await userEvent.click(header(host, 'Title').querySelector('button')!)
    await expect.poll(() => header(host, 'Title').getAttribute('aria-sort')).toBe('ascending')
    expect(host.querySelectorAll(ROW).length).toBeLessThan(50)
  })
})
