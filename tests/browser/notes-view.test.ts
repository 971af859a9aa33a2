/**
 * The notes view in a real Chromium, with the real stores: every note of the document in the
 * order it was written, the filter respected and said so, and each note's event one click away.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { defineComponent, h } from 'vue'
import { APP_COMMANDS, type AppCommandId } from '@shared/app-commands'
import type { Note, TimelineDocument, TimelineItem } from '@shared/model/schema'
import { installFakeBridge } from './fake-bridge'

declare global {
  interface Window {
    __viewPwned?: unknown
  }
}

// The stores reach `window.chronotes` through ../../api, which reads it when first imported.
installFakeBridge({ authorName: 'jdoe', libraryPath: '/library' })

const { default: NotesView } = await import('@renderer/components/notes/NotesView.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')
const { useAppCommands } = await import('@renderer/composables/use-app-commands')

/** App commands that ran: the page's shortcuts are bound as in App.vue. */
const commandsRun: string[] = []
const Host = defineComponent({
  setup() {
    useAppCommands(
      Object.fromEntries(
        APP_COMMANDS.map((command) => [command.id, () => void commandsRun.push(command.id)])
      ) as Record<AppCommandId, () => void>
    )
    return () => h(NotesView)
  }
})

const STAMP = '2025-01-01T00:00:00Z'

function note(id: string, body: string, createdAt: string, updatedAt = createdAt): Note {
  return { id, author: `Author ${id}`, body, createdAt, updatedAt }
}

function event(id: string, groupId: string, start: string, notes: Note[]): TimelineItem {
  return {
    id,
    groupId,
    kind: 'point',
    start,
    title: `Event ${id.toUpperCase()}`,
    description: '',
    tags: [],
    confidence: 'reported',
    sources: [],
    notes,
    createdAt: STAMP,
    updatedAt: STAMP
  }
}

// Notes written in an order unlike their events' order; one timestamp carries an offset
// (10:30+02:00 is 08:30Z, so it comes before 09:00Z).
const ITEMS = [
  event('a', 'diplomacy', '2014-04-12', [
    note('a1', 'Written **third**.', '2025-03-06T10:00:00Z', '2025-03-07T08:15:00Z'),
    note('a2', 'Written fifth.', '2025-03-09T12:00:00Z')
  ]),
  event('b', 'military', '2022-02', [note('b1', 'Written first.', '2025-03-01T09:00:00Z')]),
  event('c', 'military', '2023-06-04', [
    note('c1', 'Written fourth.', '2025-03-08T10:30:00+02:00'),
    note('c2', 'Written second.', '2025-03-05T08:30:00Z')
  ]),
  event('d', 'diplomacy', '2024-01-01', [])
]

function documentWith(items: TimelineItem[]): TimelineDocument {
  return {
    format: 'chronotes',
    schemaVersion: 2,
    id: 'notes-view-doc',
    title: 'Notes view test',
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    groups: [
      { id: 'diplomacy', title: 'Diplomacy', color: '#4e79a7', order: 0 },
      { id: 'military', title: 'Military aid', color: '#e15759', order: 1 }
    ],
    items
  }
}

let pinia: Pinia

async function open(items = ITEMS) {
  useDocumentStore().load({ name: 'view.chronotes.json', document: documentWith(items), revision: 'r0' })
  useViewStore().mainView = 'notes'
  return render(Host, { global: { plugins: [pinia] } })
}

const entries = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.note-list > li > article')]
const bodies = (root: HTMLElement) => entries(root).map((el) => el.querySelector('.note-body')?.textContent?.trim())

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  commandsRun.length = 0
})

afterEach(() => useDocumentStore().close())

test('lists every note of every event by when it was written, oldest first, and can turn the order round', async () => {
  const screen = await open()
  const oldestFirst = ['Written first.', 'Written second.', 'Written third.', 'Written fourth.', 'Written fifth.']
  await expect.poll(() => bodies(screen.container)).toEqual(oldestFirst)
  await expect.element(screen.getByRole('button', { name: 'Oldest first' })).toHaveAttribute('aria-pressed', 'true')
  expect(screen.container.querySelector('.summary')?.textContent?.trim()).toBe('5 notes on 3 events')

  // Each entry: the note (Markdown rendered), its author and dates, and its event with date and lane.
  const third = entries(screen.container)[2]!
  expect(third.querySelector('.note-body strong')?.textContent).toBe('third')
  expect(third.querySelector('.author')?.textContent).toBe('Author a1')
  expect(third.querySelector('.written time')?.getAttribute('datetime')).toBe('2025-03-06T10:00:00Z')
  expect(third.querySelector('.edited time')?.getAttribute('datetime')).toBe('2025-03-07T08:15:00Z')
  expect(entries(screen.container)[0]!.querySelector('.edited')).toBeNull()
  const link = third.querySelector('.event-link')!
  expect(link.querySelector('.event-title')?.textContent).toBe('Event A')
  expect(link.textContent).toContain('12 April 2014')
  expect(link.querySelector('.lane-chip')?.textContent?.trim()).toBe('Diplomacy')
  expect(entries(screen.container)[0]!.querySelector('.event-link')?.textContent).toContain('February 2022')

  await userEvent.click(screen.getByRole('button', { name: 'Newest first' }))
  await expect.poll(() => bodies(screen.container)).toEqual([...oldestFirst].reverse())
  await expect.element(screen.getByRole('button', { name: 'Newest first' })).toHaveAttribute('aria-pressed', 'true')
  await screen.unmount()

  // The chosen order is kept when the view is shown again.
  const again = await open()
  await expect.poll(() => bodies(again.container)).toEqual([...oldestFirst].reverse())
  await userEvent.click(again.getByRole('button', { name: 'Oldest first' }))
})

test('shows only the notes of the events the filter lets through, says so, and clears the filter', async () => {
  const screen = await open()
  expect(screen.container.querySelector('.filter-notice')).toBeNull()

  useViewStore().setFilter({ groupIds: ['military'] })
  await expect.poll(() => bodies(screen.container)).toEqual(['Written first.', 'Written second.', 'Written fourth.'])
  const notice = screen.getByText(/Showing notes of 2 of 3 events with notes/)
  await expect.element(notice).toBeVisible()

  // The search box is not a filter here: it only highlights on the timeline.
  useViewStore().query = 'fifth'
  await expect.poll(() => bodies(screen.container)).toHaveLength(3)

  await userEvent.click(screen.getByRole('button', { name: 'Clear filter' }))
  await expect.poll(() => bodies(screen.container)).toHaveLength(5)
  expect(useViewStore().filter).toEqual({})
  expect(screen.container.querySelector('.filter-notice')).toBeNull()

  // A filter that hides every event with notes says that, rather than "no notes".
  useViewStore().setFilter({ groupIds: ['diplomacy'], from: '2024' })
  await expect.poll(() => bodies(screen.container)).toEqual([])
  await expect.element(screen.getByText('The filter hides all 3 events with notes.')).toBeVisible()
})

test('clicking a note’s event shows it on the timeline, selected, with its details open', async () => {
  const screen = await open()
  const view = useViewStore()
  expect(view.mainView).toBe('notes')
  await userEvent.click(screen.getByRole('button', { name: /Event C/ }).first())
  expect(view.mainView).toBe('timeline')
  expect(view.selectedIds).toEqual(['c'])
  expect(view.detailsOpen).toBe(true)
  expect(view.revealRequest).toEqual({ id: 'c' })
})

test('the event links are reachable and work from the keyboard', async () => {
  const screen = await open()
  const order = screen.getByRole('button', { name: 'Newest first' })
  await userEvent.click(screen.getByRole('button', { name: 'Oldest first' }))
  ;(order.element() as HTMLElement).focus()
  await userEvent.keyboard('{Tab}')
  expect(document.activeElement?.querySelector('.event-title')?.textContent).toBe('Event B')
  await userEvent.keyboard('{Enter}')
  expect(useViewStore().selectedIds).toEqual(['b'])
  expect(useViewStore().mainView).toBe('timeline')
  // The press was the link's, not the app's Enter shortcut ("Open Selected Event").
  expect(commandsRun).toEqual([])
})

test('with no notes at all it says how to add one', async () => {
  const screen = await open([event('d', 'diplomacy', '2024-01-01', [])])
  await expect.element(screen.getByText('No notes yet. Select an event and add one in its details.')).toBeVisible()
  expect(screen.container.querySelector('.note-list')).toBeNull()
})

test('hostile notes from a colleague’s file are inert here too', async () => {
  delete window.__viewPwned
  const hostile =
    '<script>window.__viewPwned = 1</script>\n\n<img src=x onerror="window.__viewPwned = 2">\n\n[x](javascript:alert(1))'
  const screen = await open([event('a', 'diplomacy', '2014-04-12', [note('h', hostile, STAMP)])])
  const body = screen.container.querySelector('.note-body')!
  await expect.poll(() => body.textContent).toContain('<script>window.__viewPwned = 1</script>')
  expect(screen.container.querySelector('script, img, a[href^="javascript" i]')).toBeNull()
  await new Promise((resolve) => requestAnimationFrame(resolve))
  expect(window.__viewPwned).toBeUndefined()
})

test('thousands of notes: only those in view are drawn, each below the one before, and the focused one stays', async () => {
  // Notes of different heights, so that a position from the first guess would overlap or leave gaps.
  const long = `\n\n${'A longer paragraph, as a researcher writes one. '.repeat(24)}\n\n- one\n- two`
  const many = Array.from({ length: 3000 }, (_, i) =>
    event(`e${i}`, i % 2 ? 'military' : 'diplomacy', '2020-01-01', [
      note(`n${i}`, `Note ${i}.${i % 7 ? '' : long}`, new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString())
    ])
  )
  useDocumentStore().load({ name: 'many.chronotes.json', document: documentWith(many), revision: 'r0' })
  useViewStore().mainView = 'notes'
  const host = document.createElement('div')
  host.style.cssText = 'position: absolute; left: 0; top: 0; width: 900px; height: 600px;'
  document.body.appendChild(host)
  const screen = await render(Host, { container: host, global: { plugins: [pinia] } })
  try {
    const scroller = host.querySelector<HTMLElement>('.scroll')!
    const drawn = () =>
      entries(host)
        .map((article) => article.parentElement!)
        .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
    /** The drawn notes as [position, top, bottom], once two frames have let their sizes settle. */
    const settled = async () => {
      for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
      return drawn().map((li) => {
        const box = li.getBoundingClientRect()
        return [Number(li.getAttribute('aria-posinset')), box.top, box.bottom] as const
      })
    }
    const expectStacked = (rows: (readonly [number, number, number])[]) => {
      rows.slice(1).forEach(([position, top], i) => {
        const [before, , bottom] = rows[i]!
        expect(position).toBe(before + 1)
        expect(Math.abs(top - bottom)).toBeLessThan(1)
      })
    }

    await expect.poll(() => drawn().length).toBeGreaterThan(3)
    expect(drawn().length).toBeLessThan(40)
    expect(drawn()[0]!.getAttribute('aria-setsize')).toBe('3000')
    expect(host.querySelector('.summary')?.textContent?.trim()).toBe('3,000 notes on 3,000 events')
    expectStacked(await settled())

    // At the end: the last note, below the one before it, and the list ends where it does.
    scroller.scrollTop = scroller.scrollHeight
    await expect.poll(() => drawn().at(-1)?.querySelector('.note-body')?.textContent?.trim()).toBe('Note 2999.')
    scroller.scrollTop = scroller.scrollHeight
    const atEnd = await settled()
    expectStacked(atEnd)
    const list = host.querySelector('.note-list')!.getBoundingClientRect()
    expect(Math.abs(atEnd.at(-1)![2] - list.bottom)).toBeLessThan(1)

    // Back at the top, a note's event link takes the focus; Tab reaches the next note's.
    scroller.scrollTop = 0
    await expect.poll(() => drawn()[0]?.getAttribute('aria-posinset')).toBe('1')
    const firstLink = drawn()[0]!.querySelector<HTMLElement>('.event-link')!
    firstLink.focus()
    await userEvent.tab()
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('2')
    // Scrolled far away, the focused note is still drawn and still has the focus.
    scroller.scrollTop = scroller.scrollHeight / 2
    await expect.poll(() => drawn().some((li) => li.getAttribute('aria-posinset') === '1500')).toBe(true)
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('2')
    expect(drawn().length).toBeLessThan(40)
  } finally {
    await screen.unmount()
    host.remove()
  }
})
